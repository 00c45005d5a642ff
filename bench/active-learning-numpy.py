# The reference side of bench/active-learning.ts: the same active-learning scoring in numpy, with kao's
# model. Reads what bench/active-learning.ts wrote, writes decisions.f64 and prints one JSON object
# (stage times, the batch) on stdout.
# Usage: python3 active-learning-numpy.py DIR  (DIR holds candidates.f32, scenes.i32, sv.f32, coef.f64, model.json)
import json
import os
import sys
import time

import numpy as np

folder = sys.argv[1]
with open(os.path.join(folder, "model.json")) as file:
    spec = json.load(file)
d = spec["dimensions"]
kernel = spec["kernel"]
bias = spec["bias"]
batch_size = spec["batchSize"]
x = np.fromfile(os.path.join(folder, "candidates.f32"), dtype=np.float32).reshape(-1, d)
scenes = np.fromfile(os.path.join(folder, "scenes.i32"), dtype=np.int32)
sv = np.fromfile(os.path.join(folder, "sv.f32"), dtype=np.float32).reshape(-1, d).astype(np.float64)
coef = np.fromfile(os.path.join(folder, "coef.f64"), dtype=np.float64)
sv_norms = np.einsum("ij,ij->i", sv, sv)
n = x.shape[0]

CHUNK = 10_000  # rows per BLAS product: 10,000 × 1,000 support vectors in float64 is 80 MB

cpu_started = time.process_time()  # every thread of the process: BLAS may use both cores
started = time.perf_counter()
decisions = np.empty(n, dtype=np.float64)
for start in range(0, n, CHUNK):
    rows = x[start : start + CHUNK].astype(np.float64)
    dots = rows @ sv.T
    if kernel["type"] == "linear":
        k = dots
    elif kernel["type"] == "rbf":
        norms = np.einsum("ij,ij->i", rows, rows)
        k = np.exp(-kernel["gamma"] * (norms[:, None] + sv_norms[None, :] - 2 * dots))
    else:
        k = (kernel["gamma"] * dots + kernel["coef0"]) ** kernel["degree"]
    decisions[start : start + CHUNK] = k @ coef + bias
scored = time.perf_counter()

# Smallest |decision| first, ties by index (a stable sort), as rankByUncertainty.
order = np.argsort(np.abs(decisions), kind="stable")
pool = order[: batch_size * spec["poolFactor"]]
pool_x = x[pool].astype(np.float64)
pool_scenes = scenes[pool]
pooled = time.perf_counter()

# k-center greedy: the most uncertain first, then the pool member farthest from every pick; members of
# a scene already picked are skipped; ties go to the earlier (more uncertain) member, as argmax does.
nearest = np.full(len(pool), np.inf)
available = np.ones(len(pool), dtype=bool)
picked = []
while len(picked) < batch_size:
    candidates = np.where(available, nearest, -1.0)
    best = int(np.argmax(candidates))
    if not available[best]:
        break
    picked.append(int(pool[best]))
    available[best] = False
    available &= pool_scenes != pool_scenes[best]
    delta = pool_x - pool_x[best]
    nearest = np.minimum(nearest, np.einsum("ij,ij->i", delta, delta))
diverse = time.perf_counter()

priorities = 1.0 / (1.0 + np.abs(decisions))
for rank, row in enumerate(picked):
    priorities[row] = 1 + (len(picked) - rank)
done = time.perf_counter()
cpu_seconds = time.process_time() - cpu_started

decisions.tofile(os.path.join(folder, "decisions.f64"))
print(
    json.dumps(
        {
            "version": np.__version__,
            "stages": {
                "decisions": scored - started,
                "pool": pooled - scored,
                "diverse": diverse - pooled,
                "priorities": done - diverse,
                "total": done - started,
            },
            "cpuSeconds": cpu_seconds,
            "batch": picked,
        }
    )
)
