#!/usr/bin/env python3
"""Writes small valid seed files for scripts/fuzz.sh: one folder per fuzz target under the given directory.
Hand-built from the format specifications (no numpy needed), like Tests/DatasetsTests/DatasetTestSupport.swift."""
import gzip, json, os, shutil, struct, sys, glob

root = sys.argv[1]
def put(target, name, data):
    os.makedirs(os.path.join(root, target), exist_ok=True)
    with open(os.path.join(root, target, name), "wb") as f:
        f.write(data)

def idx(type_byte, dims, payload):
    return bytes([0, 0, type_byte, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + payload

images = idx(8, [3, 2, 2], bytes(range(12)))
put("idx", "images", images)
put("idx", "labels", idx(8, [3], bytes([0, 1, 2])))
put("idx", "float32", idx(0x0D, [2, 2], struct.pack(">4f", 0.5, -1, 2, 3)))
put("idx", "float64", idx(0x0E, [1, 2], struct.pack(">2d", 0.25, 4)))
put("idx", "int16", idx(0x0B, [2, 1], struct.pack(">2h", -3, 7)))
put("idx", "images.gz", gzip.compress(images))

def npy(descr, shape, payload, major=1):
    shape_text = "(%d,)" % shape[0] if len(shape) == 1 else "(" + ", ".join(map(str, shape)) + ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_text)
    prefix = 6 + 2 + (2 if major == 1 else 4)
    header += " " * ((64 - (prefix + len(header) + 1) % 64) % 64) + "\n"
    length = struct.pack("<H", len(header)) if major == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([major, 0]) + length + header.encode() + payload

put("npy", "f4", npy("<f4", [2, 3], struct.pack("<6f", 0, 1, 2, 3, 4, 5)))
put("npy", "u1", npy("|u1", [3], bytes([1, 2, 3]), major=2))
put("npy", "i8", npy("<i8", [2], struct.pack("<2q", 0, 9)))
put("npy", "i4", npy("<i4", [1, 1, 2], struct.pack("<2i", 1, 2), major=3))

put("csv", "header", b"species,petal_length,petal_width\n1,1.4,0.2\n0,4.7,1.4\r\n\n2,6.0,2.5\n")
put("csv", "plain", b"0.5, -1, 1\n2e-1, 3, 0\n1e-05,+2.5E+3,2\n")
put("csv", "quoted", b'\xef\xbb\xbf"x,1","x""2",label\r\n"1.5",-2,"1"\r\n3,"4\r\n",0\n')

def safetensors(tensors, metadata=None):
    header, data, offset = {}, b"", 0
    for name, shape, values in tensors:
        raw = struct.pack("<%df" % len(values), *values)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + data

put("safetensors", "two", safetensors([("a.weight", [2, 2], [1, -2, 0.5, 3]), ("b", [], [10])], {"format": "pt"}))
put("safetensors", "empty", safetensors([("z", [0, 3], [])]))

text = b"hello hello hello gzip " * 20 + bytes(range(256))
for level in (0, 1, 9):
    put("gzip", "level%d" % level, gzip.compress(text, compresslevel=level))
put("gzip", "two-members", gzip.compress(b"abc") + gzip.compress(b"defdefdef"))

here = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(here, "..", "Protocols", "*.json")))[:12] + \
        sorted(glob.glob(os.path.join(here, "..", "Tests", "ProtocolModelTests", "Fixtures", "*", "*.json")))[:60]:
    if os.path.getsize(path) <= 8192:
        with open(path, "rb") as f:
            put("protocol", os.path.basename(os.path.dirname(path)) + "-" + os.path.basename(path), f.read())
