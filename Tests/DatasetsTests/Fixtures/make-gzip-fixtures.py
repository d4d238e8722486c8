#!/usr/bin/env python3
"""Writes the gzip fixture of GzipTests with Python's gzip module: an IDX label file stored as two concatenated
members (as `cat a.gz b.gz` makes), the first with the original file name in its header (FNAME), mtime 0 so the
bytes do not change between runs. Run: python3 Tests/DatasetsTests/Fixtures/make-gzip-fixtures.py"""
import gzip, io, os, struct

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gzip")
os.makedirs(here, exist_ok=True)
labels = bytes(i % 10 for i in range(1000))
idx = bytes([0, 0, 8, 1]) + struct.pack(">I", len(labels)) + labels
first = io.BytesIO()
with gzip.GzipFile(filename="labels-idx1-ubyte", mode="wb", fileobj=first, mtime=0) as f:
    f.write(idx[:600])
with open(os.path.join(here, "labels-idx1-ubyte.gz"), "wb") as out:
    out.write(first.getvalue() + gzip.compress(idx[600:], mtime=0))
