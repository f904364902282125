"""A clone of Onward alone, without `../shared` beside it, collects its whole suite; the tests that need
`../shared` skip with a one-line reason, and with `CI=true` fail instead (issue 16, item 9)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared import ROOT

SYNTHEA_TEST = "onward/synth/tests/test_pathways.py::test_synthea_rates_are_the_ones_in_the_module"
# Every test module that reads an outside file (tests/fixtures/README.md): collecting these is the claim, and
# stays cheap (collecting the whole suite is `./scripts/test`'s own first step).
READERS = ("onward/meetings", "onward/synth", "tests/test_cli_meetings.py", "tests/e2e/test_meeting_sources.py")


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """The project's files (as git sees them, committed or not) in a folder with no `shared` beside it."""
    target = tmp_path_factory.mktemp("alone") / "onward"
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    assert not (target.parent / "shared").exists()
    return target


def pytest_in(clone: Path, *args: str, ci: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER"}}
    env |= {"ONWARD_DATA_DIR": str(clone / "var")} | ({"CI": "true"} if ci else {})
    command = [sys.executable, "-m", "pytest", "-p", "no:randomly", "-p", "no:cacheprovider", "-p", "no:xdist"]
    return subprocess.run(
        [*command, *args], check=False, cwd=clone, env=env, capture_output=True, text=True, timeout=300
    )


def test_a_clone_alone_collects_every_test_that_reads_outside_files(clone):
    collected = pytest_in(clone, "--collect-only", "-q", *READERS)
    assert collected.returncode == 0, collected.stdout[-3000:] + collected.stderr[-3000:]
    assert "error" not in collected.stdout.splitlines()[-1].lower()


def test_a_test_that_needs_the_shared_folder_skips_with_its_reason_and_fails_under_ci(clone):
    alone = pytest_in(clone, "-q", "-rs", SYNTHEA_TEST)
    assert alone.returncode == 0, alone.stdout[-3000:]
    assert "SKIPPED" in alone.stdout
    assert "needs reference-data/synthea/opioid_addiction.json from the shared reference folder" in alone.stdout
    in_ci = pytest_in(clone, "-q", SYNTHEA_TEST, ci=True)
    assert in_ci.returncode == 1
    assert "CI=true: needs reference-data/synthea/opioid_addiction.json" in in_ci.stdout
