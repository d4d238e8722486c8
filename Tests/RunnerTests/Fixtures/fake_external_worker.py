#!/usr/bin/env python3
"""A stand-in external engine (stdlib only) that speaks, or breaks, dlbench's worker protocol.

`options.behaviour` picks what it does, so one script proves every message and every failure without
PyTorch or JAX. With `agree`/`disagree` it checks the hand-off files and reports `options.losses`.
"""
import json
import math
import os
import struct
import sys
import time


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def header(path):
    """The JSON header of a safetensors file: enough to check names and shapes."""
    with open(path, "rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        return json.loads(handle.read(length))


def tensors(path):
    """Every float32 tensor of a safetensors file as (shape, flat list), stdlib only."""
    with open(path, "rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        entries = json.loads(handle.read(length))
        body = handle.read()
    result = {}
    for name, entry in entries.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        result[name] = (entry["shape"], list(struct.unpack(f"<{(end - begin) // 4}f", body[begin:end])))
    return result


def mlp_logits(weights, rows, activation):
    """The MLP's forward pass in plain Python (PyTorch layout: weight [outputs, inputs]), row by row."""
    apply = {"relu": lambda x: max(x, 0.0), "tanh": math.tanh}[activation]
    count = len([name for name in weights if name.endswith(".weight")])
    logits = []
    for row in rows:
        x = row
        for index in range(count):
            (outputs, inputs), w = weights[f"layers.{index}.weight"]
            _, b = weights[f"layers.{index}.bias"]
            x = [b[o] + sum(w[o * inputs + i] * x[i] for i in range(inputs)) for o in range(outputs)]
            if index < count - 1:
                x = [apply(value) for value in x]
        logits += x
    return logits


def agreement_logits(workload, scale):
    """The logits of the first `agreementSteps` query batches (consecutive test rows, wrapping), times `scale`."""
    weights, data = tensors(workload["files"]["weights"]), tensors(workload["files"]["data"])
    shape, features = data["test.features"]
    width, count, size = len(features) // shape[0], shape[0], workload["batchSize"]
    batches = []
    for query in range(workload["agreementSteps"]):
        rows = [features[((query * size + row) % count) * width:][:width] for row in range(size)]
        batches.append([value * scale for value in mlp_logits(weights, rows, workload["model"]["activation"])])
    return batches


def check_hand_off(workload):
    """Every hand-off file is readable and shaped as docs/worker-protocol.md says; returns a problem or None."""
    files = workload["files"]
    weights, data, batches = header(files["weights"]), header(files["data"]), header(files["batches"])
    hidden = workload["model"]["hidden"][0]
    if weights["layers.0.weight"]["shape"] != [hidden] + workload["inputShape"]:
        return "layers.0.weight is not in PyTorch layout [outputs, inputs]"
    if batches["batchSizes"]["shape"] != [workload["totalSteps"]]:
        return "batchSizes does not have one entry per step"
    if data["train.features"]["shape"][1:] != workload["inputShape"]:
        return "train.features does not have the input shape"
    if os.environ.get("DLBENCH_FAKE_ENVIRONMENT") != "passed":
        return "the engine's environment did not reach the worker"
    return None


def infer(workload):
    """An infer case: checks the workload fields and files, then reports one `latency` per measured query and the
    logits of the first query batches (computed here in plain Python; scaled by 1.1 with `disagree`)."""
    weights, data = header(workload["files"]["weights"]), header(workload["files"]["data"])
    if workload["files"].get("batches") is not None or workload.get("optimizer") is not None:
        return "an infer workload must carry no batches file and no optimizer"
    if workload["scenario"] not in ("single-stream", "offline", "server") or workload["agreementSteps"] < 1:
        return "unexpected scenario or agreementSteps for an infer case"
    queries = workload["measuredSteps"]
    if workload["scenario"] == "server":
        server = workload.get("server") or {}
        arrivals = server.get("arrivalNanoseconds", [])
        if len(arrivals) < queries or arrivals != sorted(arrivals) or server.get("latencyBoundMs", 0) <= 0:
            return "the server workload does not carry ascending arrivals for every measured query"
        queries = len(arrivals)
    if "layers.0.weight" not in weights or data["test.features"]["shape"][1:] != workload["inputShape"]:
        return "the infer hand-off files are not shaped as documented"
    latencies = [float(workload["batchSize"] + query) for query in range(queries)]
    samples = [{"metric": "latency", "unit": "ms", "value": value} for value in latencies]
    samples += [{"metric": "latency_p99", "unit": "ms", "value": max(latencies)},
                {"metric": "samples_per_second", "unit": "samples/s", "value": 1000.0}]
    wanted = set(workload["metrics"])
    send({"type": "samples", "samples": [sample for sample in samples if sample["metric"] in wanted]})
    scale = 1.1 if workload["options"]["behaviour"] == "disagree" else 1.0
    send({"type": "result", "peakRSSBytes": 8192, "losses": [], "logits": agreement_logits(workload, scale)})
    return None


def main():
    if os.environ.get("DLBENCH_FAKE_MISSING_MODULE"):
        sys.stderr.write("Traceback (most recent call last):\nModuleNotFoundError: No module named 'torch'\n")
        return 1
    request = json.loads(sys.stdin.readline())
    workload = request["external"]
    behaviour = workload["options"]["behaviour"]
    send({"type": "hello", "version": 1, "pid": os.getpid()})
    if behaviour == "hang":
        time.sleep(60)
    if behaviour == "early-exit":
        sys.stderr.write("segfault in the framework\n")
        return 3
    if behaviour == "unsupported":
        send({"type": "error", "kind": "unsupported", "message": "this fake has no CNN"})
        return 1
    if workload["taskKind"] == "infer":
        problem = infer(workload)
        if problem:
            send({"type": "error", "kind": "failed", "message": problem})
            return 1
        return 0
    if behaviour == "bad-json":
        sys.stdout.write("{not json\n")
    problem = check_hand_off(workload)
    if problem:
        send({"type": "error", "kind": "failed", "message": problem})
        return 1
    send({"type": "progress", "phase": "measure", "step": 1, "total": workload["measuredSteps"]})
    metric = "step_tme" if behaviour == "wrong-metric" else "step_time"
    send({"type": "samples", "samples": [{"metric": metric, "unit": "ms", "value": 2.0},
                                         {"metric": metric, "unit": "ms", "value": 3.0}]})
    scale = 1.1 if behaviour == "disagree" else 1.0
    losses = [loss * scale for loss in workload["options"].get("losses", [])]
    send({"type": "result", "peakRSSBytes": 4096, "losses": losses})
    return 0


if __name__ == "__main__":
    sys.exit(main())
