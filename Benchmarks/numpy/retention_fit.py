#!/usr/bin/env python3
"""numpy baseline of Cadre's retention fit (DESIGN.md, "Retention semantics").

Reads the fitting snapshot `cadre-bench retention` writes (layout in
Benchmarks/cadre-bench/RetentionBenchmark.swift, `export`) and fits the same model the plain
numpy way, with no scikit-learn: ridge-penalised logistic regression,
minimise  sum[log(1 + e^z) - y z] + (lambda / 2) sum_{j >= 1} beta_j^2,  z = beta_0 + x . beta,
the intercept unpenalised, by Newton's method on the whole design matrix (gradient and Hessian
as matrix products, the step by a Cholesky solve, step halving when the objective does not
fall), from the intercept-only start, until the Newton decrement is below 1e-12 relative (then one
last full step: the same test as Cadre's).
Loading is not timed; the fit is (best of --repeat after a warm-up). Prints one JSON line:
{"best_ms", "coefficients", "iterations"}.

    python3 retention_fit.py snapshot.bin --repeat 5
"""
import argparse
import json
import sys
import time

import numpy as np
from scipy.linalg import cho_factor, cho_solve
from scipy.special import expit


def load(path):
    raw = np.fromfile(path, dtype=np.uint8)
    if raw[:8].tobytes() != b"CARETN01":
        sys.exit(f"{path}: not a CARETN01 file")
    rows, columns = (int(v) for v in raw[8:24].view("<i8"))
    ridge = float(raw[24:32].view("<f8")[0])
    iterations = int(raw[32:40].view("<i8")[0])
    offset = 40
    features = raw[offset:offset + 8 * rows * columns].view("<f8").reshape(rows, columns).copy()
    offset += 8 * rows * columns
    labels = raw[offset:offset + rows].astype(np.float64)
    if offset + rows != raw.size:
        sys.exit(f"{path}: {raw.size - offset - rows} unexpected trailing bytes")
    return features, labels, ridge, iterations


def objective(beta, X, y, penalty):
    z = X @ beta
    return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * beta @ (penalty * beta))


def fit(features, labels, ridge, max_iterations):
    n, p = features.shape[0], features.shape[1] + 1
    X = np.hstack([np.ones((n, 1)), features])
    penalty = np.full(p, ridge)
    penalty[0] = 0.0
    rate = min(max(labels.mean(), 1e-6), 1 - 1e-6)
    beta = np.zeros(p)
    beta[0] = np.log(rate / (1 - rate))
    current = objective(beta, X, labels, penalty)
    iterations = 0
    while iterations < max_iterations:
        mu = expit(X @ beta)
        gradient = X.T @ (mu - labels) + penalty * beta
        hessian = (X.T * (mu * (1 - mu))) @ X + np.diag(penalty)
        step = cho_solve(cho_factor(hessian), gradient)
        iterations += 1
        decrement = float(gradient @ step)
        if decrement <= 1e-12 * max(1.0, abs(current)):
            beta = beta - step
            break
        scale = 1.0
        while scale > 1e-12:
            trial = beta - scale * step
            value = objective(trial, X, labels, penalty)
            if value <= current - 1e-4 * scale * decrement:
                beta, current = trial, value
                break
            scale /= 2
        else:
            break
    return beta, iterations


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snapshot", help="CARETN01 file written by `cadre-bench retention`")
    parser.add_argument("--repeat", type=int, default=5, help="timed fits after the warm-up")
    args = parser.parse_args()
    features, labels, ridge, max_iterations = load(args.snapshot)
    beta, iterations = fit(features, labels, ridge, max_iterations)
    runs = []
    for _ in range(max(1, args.repeat)):
        start = time.perf_counter()
        beta, iterations = fit(features, labels, ridge, max_iterations)
        runs.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"best_ms": min(runs), "runs_ms": runs, "coefficients": beta.tolist(), "iterations": iterations,
                      "numpy": np.__version__}))


if __name__ == "__main__":
    main()
