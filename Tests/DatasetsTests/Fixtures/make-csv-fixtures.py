#!/usr/bin/env python3
"""Writes the CSV fixtures of CSVFixtureTests with Python's csv module, so the reader is checked against a reference
writer. Every file holds the same three examples; only quoting, header names and line ends differ.
Run from anywhere: python3 Tests/DatasetsTests/Fixtures/make-csv-fixtures.py (rewrites csv/*.csv)."""
import csv, os

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "csv")
os.makedirs(here, exist_ok=True)
rows = [[1.5, -2.0, 0], [0.25, 3e-05, 1], [4.0, 5.5, 2]]

def write(name, header, encoding="utf-8", **options):
    with open(os.path.join(here, name), "w", newline="", encoding=encoding) as f:
        writer = csv.writer(f, **options)
        writer.writerow(header)
        writer.writerows(rows)

# Python's defaults: QUOTE_MINIMAL and lineterminator "\r\n"; only the header field with a comma is quoted.
write("quote-minimal.csv", ["x,1", "x2", "label"], quoting=csv.QUOTE_MINIMAL)
# Every field quoted, numbers included.
write("quote-all.csv", ["x1", "x2", "label"], quoting=csv.QUOTE_ALL)
# Text quoted, numbers bare.
write("quote-nonnumeric.csv", ["x1", "x2", "label"], quoting=csv.QUOTE_NONNUMERIC)
# LF records, a byte order mark (Excel's "CSV UTF-8"), and header names holding a doubled quote and a line end.
write("quote-minimal-lf-bom.csv", ['say "hi"', "two\nlines", "label"], encoding="utf-8-sig",
      quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
