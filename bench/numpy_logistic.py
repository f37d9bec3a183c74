#!/usr/bin/python3
"""The numpy loop mlvis's million-row logistic run is measured against (issue 21).

Logistic regression by plain gradient descent on one x column, float64, the loss and the gradient at every
iteration, written the way a careful numpy user would: x standardized once (as mlvis does by default), one
e = exp(-|z|) a row giving both the cross-entropy in its stable form, max(z, 0) + log1p(e) - y*z, and
p = 1/(1 + e) or e/(1 + e) by the sign of z (mlvis's arithmetic, so that both sides do the same work).
Only the loop is timed: reading the CSV is left out.

With --plain, the loop issue 21 measured first instead ("a plain numpy loop"): the loss as
mean(logaddexp(0, z) - y*z) and p = 1/(1 + exp(-z)), each on its own (numpy's overflow warnings silenced).

Usage: numpy_logistic.py DATA.csv XCOL YCOL [ITERATIONS] [LR] [--plain]
Prints one JSON line: {"seconds": loop time, "perIteration": ms, "loss": the loss at the final weights, "w0": ...,
"w1": ...}. The rate (0.5 unless given) does not change the work an iteration does; mlvis picks its own.
"""
import json
import sys
import time

import numpy as np


def main():
    plain = "--plain" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--plain"]
    path, xcol, ycol = args[0:3]
    iterations = int(args[3]) if len(args) > 3 else 1000
    lr = float(args[4]) if len(args) > 4 else 0.5
    header = open(path).readline().strip().split(",")
    data = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(header.index(xcol), header.index(ycol)))
    x = (data[:, 0] - data[:, 0].mean()) / data[:, 0].std()
    y = data[:, 1].copy()
    n = len(x)
    w0 = w1 = 0.0
    start = time.perf_counter()
    for _ in range(iterations if plain else 0):
        z = w1 * x + w0
        loss = np.mean(np.logaddexp(0.0, z) - y * z)
        with np.errstate(over="ignore"):
            err = 1.0 / (1.0 + np.exp(-z)) - y
        w0 -= lr * err.mean()
        w1 -= lr * (err * x).mean()
    for _ in range(0 if plain else iterations):
        z = w1 * x + w0
        e = np.exp(-np.abs(z))
        loss = (np.maximum(z, 0.0) + np.log1p(e) - y * z).sum() / n
        err = np.where(z >= 0.0, 1.0, e) / (1.0 + e) - y
        g0 = err.sum() / n
        g1 = (err * x).sum() / n
        w0 -= lr * g0
        w1 -= lr * g1
    seconds = time.perf_counter() - start
    # The loss at the final weights (after the loop, not timed): the loop's last one was before its step.
    z = w1 * x + w0
    loss = float((np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))) - y * z).sum() / n)
    per = 1000 * seconds / iterations if iterations > 0 else 0.0
    print(json.dumps({"seconds": seconds, "perIteration": per, "loss": loss, "w0": w0, "w1": w1}))


main()
