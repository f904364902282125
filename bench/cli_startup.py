"""Wall time of `onward score cows …` as a ratio to `python3 -c pass`, in the same run.

Goal: at most 3x (the command line must not import Django or heavy libraries).
Run: uv run --frozen python bench/cli_startup.py
"""

import shutil
import statistics
import subprocess
import sys
import time

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
RUNS = 20


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    reference = median_seconds([sys.executable, "-c", "pass"])
    score = median_seconds([ONWARD, *COWS])
    print(f"python -c pass: {reference * 1000:.1f} ms (median of {RUNS})")
    print(f"onward score cows: {score * 1000:.1f} ms (median of {RUNS})")
    print(f"ratio: {score / reference:.2f}x (goal <= 3x)")


if __name__ == "__main__":
    main()
