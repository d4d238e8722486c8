"""dlbench's Keras 3 reference worker: `python3 -m dlbench_keras` (options: backend, jitCompile, device)."""
