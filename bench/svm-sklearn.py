# The reference side of bench/svm.ts: the same grid in scikit-learn's SVC (LIBSVM in C, one thread).
# Reads the rows bench/svm.ts wrote, fits every configuration, prints one JSON object on stdout.
# Usage: python3 svm-sklearn.py DIR  (DIR holds train.f32, train.u8, val.f32, val.u8, grid.json)
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, balanced_accuracy_score
from sklearn.svm import SVC

folder = sys.argv[1]
with open(os.path.join(folder, "grid.json")) as file:
    grid = json.load(file)
d = grid["dimensions"]
x_train = np.fromfile(os.path.join(folder, "train.f32"), dtype=np.float32).reshape(-1, d)
y_train = np.fromfile(os.path.join(folder, "train.u8"), dtype=np.uint8).astype(np.int64)
x_val = np.fromfile(os.path.join(folder, "val.f32"), dtype=np.float32).reshape(-1, d)
y_val = np.fromfile(os.path.join(folder, "val.u8"), dtype=np.uint8).astype(np.int64)

# SVC converts float32 input to float64 itself; doing it once here keeps that copy out of every fit.
x_train = x_train.astype(np.float64)
x_val = x_val.astype(np.float64)
scale_gamma = 1.0 / (d * x_train.var())

results = []
started = time.perf_counter()
for config in grid["configurations"]:
    kernel = config["kernel"]
    svc = SVC(
        kernel=kernel["type"],
        C=config["C"],
        gamma=kernel.get("gamma", "scale"),
        degree=kernel.get("degree", 3),
        coef0=kernel.get("coef0", 0.0),
        class_weight="balanced",
        tol=1e-3,
        cache_size=200,
    )
    fit_started = time.perf_counter()
    svc.fit(x_train, y_train)
    predicted = svc.predict(x_val)
    results.append(
        {
            "accuracy": float(accuracy_score(y_val, predicted)),
            "balancedAccuracy": float(balanced_accuracy_score(y_val, predicted)),
            "supportCount": int(svc.support_.shape[0]),
            "seconds": time.perf_counter() - fit_started,
        }
    )
total = time.perf_counter() - started
print(json.dumps({"version": sklearn.__version__, "seconds": total, "scaleGamma": scale_gamma, "results": results}))
