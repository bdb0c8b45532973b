#!/usr/bin/python3
"""Reference fit for bench/scaling.ts and test/scaling: Hoffmann et al. 2022's Approach 3 with
scipy.optimize.minimize(method="L-BFGS-B") at its default tolerances.

Same objective as src/scaling/fit.ts, written independently with numpy: the sum over runs of
Huber_delta(LSE(a - alpha log N, b - beta log D, e) - log L), delta = 1e-3, with its analytic
gradient; starts from the grid alpha, beta in {0,.5,1,1.5,2}, e in {-1,-.5,0,.5,1},
a, b in {0,5,...,25} enumerated in the order alpha, beta, e, a, b. The 5 highest-loss runs are
dropped (Besiroglu et al. 2024). `--stride k` keeps every k-th start (k = 1: the full grid).

Usage: /usr/bin/python3 bench/scaling_scipy.py <csv> [--stride k] [--drop 5]
Prints one JSON object: objective, params, seconds, starts, success count.
"""
import csv
import itertools
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize


def load(path, drop):
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    n = np.array([float(r["Model Size"]) for r in rows])
    c = np.array([float(r["Training FLOP"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    d = c / (6.0 * n)
    if drop > 0:
        # drop the `drop` highest losses, ties broken by position (as src/scaling/runs.ts)
        order = sorted(range(len(loss)), key=lambda i: (-loss[i], i))
        keep = np.ones(len(loss), dtype=bool)
        keep[order[:drop]] = False
        n, d, loss = n[keep], d[keep], loss[keep]
    return np.log(n), np.log(d), np.log(loss)


def make_objective(ln_n, ln_d, ln_l, delta):
    def fg(theta):
        a, b, e, alpha, beta = theta
        t = np.stack((a - alpha * ln_n, b - beta * ln_d, np.full_like(ln_n, e)))
        m = t.max(axis=0)
        w = np.exp(t - m)
        s = w.sum(axis=0)
        r = m + np.log(s) - ln_l
        ar = np.abs(r)
        f = np.where(ar <= delta, 0.5 * r * r, delta * (ar - 0.5 * delta)).sum()
        h = np.clip(r, -delta, delta) / s
        g = np.array([
            (h * w[0]).sum(),
            (h * w[1]).sum(),
            (h * w[2]).sum(),
            -(h * w[0] * ln_n).sum(),
            -(h * w[1] * ln_d).sum(),
        ])
        return f, g
    return fg


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    path = args[0]
    stride = int(args[args.index("--stride") + 1]) if "--stride" in args else 1
    drop = int(args[args.index("--drop") + 1]) if "--drop" in args else 5
    ln_n, ln_d, ln_l = load(path, drop)
    fg = make_objective(ln_n, ln_d, ln_l, 1e-3)
    grid = list(itertools.product([0, .5, 1, 1.5, 2], [0, .5, 1, 1.5, 2], [-1, -.5, 0, .5, 1],
                                  [0, 5, 10, 15, 20, 25], [0, 5, 10, 15, 20, 25]))[::stride]
    best_f, best_x, success = np.inf, None, 0
    t0 = time.perf_counter()
    for alpha, beta, e, a, b in grid:
        res = minimize(fg, np.array([a, b, e, alpha, beta], dtype=float), jac=True, method="L-BFGS-B")
        success += bool(res.success)
        if np.isfinite(res.fun) and res.fun < best_f:
            best_f, best_x = float(res.fun), res.x
    seconds = time.perf_counter() - t0
    a, b, e, alpha, beta = (float(v) for v in best_x)
    print(json.dumps({
        "objective": best_f,
        "theta": {"a": a, "b": b, "e": e, "alpha": alpha, "beta": beta},
        "params": {"E": float(np.exp(e)), "A": float(np.exp(a)), "B": float(np.exp(b)), "alpha": alpha, "beta": beta},
        "seconds": seconds,
        "starts": len(grid),
        "stride": stride,
        "success": success,
        "runs": int(len(ln_n)),
    }))


if __name__ == "__main__":
    main()
