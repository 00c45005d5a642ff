# The reference side of bench/leakage.ts's feature report: the same cross-split pairs counted with numpy
# (unit rows, float32 BLAS products of each pair of splits by blocks, compared with the threshold).
# Usage: python3 leakage-numpy.py DIR  (DIR holds features.f32, splits.i8, spec.json); prints one JSON object.
import json
import os
import sys
import time

import numpy as np

folder = sys.argv[1]
with open(os.path.join(folder, "spec.json")) as file:
    spec = json.load(file)
d = spec["dimensions"]
x = np.fromfile(os.path.join(folder, "features.f32"), dtype=np.float32).reshape(-1, d)
splits = np.fromfile(os.path.join(folder, "splits.i8"), dtype=np.int8)
names = spec["splits"]
threshold = np.float32(spec["threshold"])
BLOCK = 2048  # rows of the left split per product: 2,048 × 10,000 float32 is 80 MB

started = time.perf_counter()
norms = np.sqrt(np.einsum("ij,ij->i", x.astype(np.float64), x.astype(np.float64)))
unit = (x / np.where(norms == 0, 1, norms)[:, None]).astype(np.float32)
by_split = [unit[splits == s] for s in range(len(names))]
counts = {}
for a in range(len(names)):
    for b in range(a + 1, len(names)):
        total = 0
        for start in range(0, by_split[a].shape[0], BLOCK):
            total += int(np.count_nonzero(by_split[a][start : start + BLOCK] @ by_split[b].T >= threshold))
        if total:
            counts[f"{names[a]}/{names[b]}"] = total
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "counts": counts}))
