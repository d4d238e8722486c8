"""The TensorFlow reference worker (`python3 -m dlbench_tensorflow`)."""
