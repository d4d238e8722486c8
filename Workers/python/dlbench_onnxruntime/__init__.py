"""The ONNX Runtime worker: dlbench's infer tasks on an ONNX graph exported from the hand-off weights."""
