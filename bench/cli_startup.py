"""Wall time of `onward score cows … --json` as a ratio to `python -c pass`, in the same run.

Goal: at most 3x (the command line must not import Django or heavy libraries).
Run: uv run --frozen python bench/cli_startup.py

Fair by construction: the reference starts the same interpreter the console script's `#!` line
names (same venv, same site-packages, same .pth files), both commands run once untimed to warm
the bytecode and file caches, and the timed runs alternate between the two, so load from other
work on the machine falls on both alike. The ratio is of the two medians.
"""

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

# The installed console script, as a clinician runs it (not `python -m`, which adds runpy).
ONWARD = shutil.which("onward") or sys.exit("run inside the project environment: uv run python bench/cli_startup.py")

COWS = [
    "score",
    "cows",
    "resting_pulse=2",
    "sweating=1",
    "restlessness=1",
    "pupil_size=1",
    "bone_joint_aches=1",
    "runny_nose_tearing=2",
    "gi_upset=1",
    "tremor=1",
    "yawning=1",
    "anxiety_irritability=1",
    "gooseflesh=3",
    "--json",
]
RUNS = 30


def interpreter_of(script: str) -> str:
    """The Python named on the script's `#!` line; the running one if the line names no file."""
    first_line = Path(script).read_bytes().split(b"\n", 1)[0].decode()
    named = first_line.removeprefix("#!").strip()
    return named if first_line.startswith("#!") and Path(named).is_file() else sys.executable


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    reference = [interpreter_of(ONWARD), "-c", "pass"]
    score = [ONWARD, *COWS]
    for command in (reference, score):
        seconds(command)  # warm-up: compiles bytecode, fills file caches; not timed
    timings: dict[str, list[float]] = {"reference": [], "score": []}
    for run in range(RUNS):
        order = ("reference", "score") if run % 2 == 0 else ("score", "reference")
        for name in order:
            timings[name].append(seconds(reference if name == "reference" else score))
    reference_median = statistics.median(timings["reference"])
    score_median = statistics.median(timings["score"])
    print(f"{reference[0]} -c pass: {reference_median * 1000:.1f} ms (median of {RUNS})")
    print(f"onward score cows --json: {score_median * 1000:.1f} ms (median of {RUNS}, interleaved)")
    print(f"ratio: {score_median / reference_median:.2f}x (goal <= 3x)")


if __name__ == "__main__":
    main()
