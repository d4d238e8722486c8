"""numpy reference worker for dlbench: `python3 -m dlbench_numpy` (hand-written backward, no autograd)."""
