"""The peer of `bench/growth.bench.ts`: what an analyst would write in numpy.

Reads each synthetic table the growth bench wrote (numpy.loadtxt), then runs the bench's
formula (weighted shares, floor_scale damping at -5%, largest-remainder rounding to the
penny) vectorised, and writes the allocations beside the table so the bench can check that
every area agrees to the penny. Prints one JSON line per table with medians in ms.

Run by the bench (python3 bench/numpy_allocate.py FOLDER DISTRIBUTABLE_PENCE FILE...);
the tables are SYNTHETIC (seeded), for timing only.
"""
import json
import sys
import time

import numpy as np

WEIGHTS = (0.5, 0.3, 0.2)  # population, crime, deprivation (imd x population)
FLOOR_NUM, FLOOR_DEN = 95, 100  # prior x (1 - 5%), rounded up to the penny


def seq_sum(a):
    # Left to right, as the engine adds (numpy's sum is pairwise; cumsum is sequential).
    return float(np.cumsum(a)[-1])


def allocate(pop, crime, imd, prior_pence, distributable):
    amounts = (pop, crime, imd * pop)
    share = np.zeros_like(pop)
    for w, a in zip(WEIGHTS, amounts):
        share = share + w * (a / seq_sum(a))
    target = share * distributable
    lower = -((-prior_pence * FLOOR_NUM) // FLOOR_DEN)  # ceiling, in integers
    gain = target - lower
    room = distributable - seq_sum(lower)
    over = seq_sum(np.where(gain > 0, gain, 0.0))
    s = min(1.0, max(0.0, room / over)) if over > 0 else 1.0
    exact = np.where(gain > 0, lower + s * gain, lower)
    whole = np.maximum(np.floor(exact), lower)
    remainder = exact - np.floor(exact)
    left = int(distributable - seq_sum(whole))
    units = whole.copy()
    # The largest remainders, ties to the lower index (a stable sort of the negated remainders).
    units[np.argsort(-remainder, kind="stable")[:left]] += 1
    return units


def median_ms(work, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


def main():
    folder, distributable, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    for name in files:
        path = f"{folder}/{name}"
        runs = 3 if "1000000" in name else 10
        read = median_ms(lambda: np.loadtxt(path, delimiter=",", skiprows=1, usecols=(1, 2, 3, 4)), runs)
        keys_too = median_ms(lambda: (np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0,), dtype=str), np.loadtxt(path, delimiter=",", skiprows=1, usecols=(1, 2, 3, 4))), max(3, runs // 3))
        data = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(1, 2, 3, 4))
        pop, crime, imd, prior = data.T
        prior_pence = np.rint(prior * 100)
        units = allocate(pop, crime, imd, prior_pence, distributable)
        engine = median_ms(lambda: allocate(pop, crime, imd, prior_pence, distributable), runs * 3)
        np.savetxt(f"{path}.numpy", units, fmt="%d")
        print(json.dumps({"file": name, "read_ms": read, "read_with_keys_ms": keys_too, "engine_ms": engine}), flush=True)


if __name__ == "__main__":
    main()
