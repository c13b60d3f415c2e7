#!/usr/bin/env python3
"""Writes one seed file per entry of a JSON table: seeds.py TABLE.json KEY OUTDIR."""
import hashlib
import json
import os
import sys

table, key, outdir = sys.argv[1], sys.argv[2], sys.argv[3]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(root, table)) as f:
    entries = json.load(f)
os.makedirs(outdir, exist_ok=True)
count = 0
for entry in entries:
    value = entry.get(key) if isinstance(entry, dict) else entry
    if not isinstance(value, str):
        continue
    data = value.encode()
    with open(os.path.join(outdir, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)
    count += 1
print(f"seeds.py: {count} seeds from {table}", file=sys.stderr)
