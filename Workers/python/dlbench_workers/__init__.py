"""Reference workers that run dlbench cases in other frameworks through the worker protocol.

`python3 -m dlbench_torch` and `python3 -m dlbench_jax` read one `run` request on standard input and
answer with JSON lines (see docs/worker-protocol.md and docs/external-engines.md in the dlbench repository).
"""
