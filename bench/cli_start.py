"""How long the CLI takes to answer, against Python merely importing Django.

    python -m bench.cli_start [--runs 15]

Each run is a whole new process, as when a person or a script types the
command: ``onward version`` (no database), ``onward today --json`` (Django set
up, the heavy search of ``bench/heavy.py`` read from SQLite) and the floor,
``python -c "import django"``. Runs are interleaved so a slow moment on the
shared machine costs all three; the median and the slowest are printed with
the ratio to the floor's median.

The target (issue 10): ``onward today --json`` ≤ 400 ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from bench.heavy import cached_folder, child_env

TARGET_MS = 400.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cli_start", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale", type=float, default=1.0, help="size of the heavy search (1.0: 5,000 applications)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    env = child_env(cached_folder(args.scale, args.seed))
    # Make (or open) the heavy search first, so no timed run pays for migrations or the generator.
    prepare = f"from bench.heavy import heavy_user, setup; setup(); heavy_user({args.scale}, {args.seed})"
    subprocess.run([sys.executable, "-c", prepare], env=env, check=True)
    commands = {
        'floor: python -c "import django"': [sys.executable, "-c", "import django"],
        "onward version": [sys.executable, "-m", "onward", "version"],
        "onward today --json": [sys.executable, "-m", "onward", "today", "--json"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs + 1):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
            times[name].append((time.perf_counter() - started) * 1000)
    floor = statistics.median(times['floor: python -c "import django"'][1:])
    print(f"{args.runs} runs each (after one warm-up), heavy search at scale {args.scale} on SQLite")
    print(f"{'command':<34} {'median ms':>10} {'slowest ms':>11} {'× floor':>8}  target")
    status = 0
    for name, values in times.items():
        values = values[1:]
        median = statistics.median(values)
        verdict = "—"
        if name == "onward today --json":
            verdict = "met (≤ 400 ms)" if median <= TARGET_MS else "MISSED (≤ 400 ms)"
            status = 0 if median <= TARGET_MS else 1
        print(f"{name:<34} {median:>10.0f} {max(values):>11.0f} {median / floor:>7.1f}×  {verdict}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
