"""`onward synth` and `onward demo` as a user runs them: separate processes on fresh SQLite databases.

The same seed gives the same database digest, another seed another; the progress bar goes to
standard error and the distributions to standard output. The demo test starts the real server
(gunicorn and the worker) on a free port with three people and fetches the sign-in page."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ONWARD = [sys.executable, "-m", "onward.platform_cli"]


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONWARD_")}
    return env | {"ONWARD_DATA_DIR": str(data_dir)}


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    template = tmp_path_factory.mktemp("template")
    subprocess.run([*ONWARD, "migrate"], env=_env(template), check=True, capture_output=True)
    return template


def _synth(migrated: Path, where: Path, seed: int) -> subprocess.CompletedProcess[str]:
    shutil.copytree(migrated, where)
    command = [*ONWARD, "synth", "--people", "6", "--seed", str(seed), "--days", "120", "--anchor", "2026-02-01"]
    return subprocess.run(command, env=_env(where), check=True, capture_output=True, text=True)


def _digest(output: str) -> str:
    return next(line.split(": ")[1] for line in output.splitlines() if line.startswith("database digest: "))


def test_the_same_seed_gives_the_same_database_and_another_seed_another(migrated, tmp_path):
    first = _synth(migrated, tmp_path / "a", seed=11)
    again = _synth(migrated, tmp_path / "b", seed=11)
    other = _synth(migrated, tmp_path / "c", seed=12)
    assert _digest(first.stdout) == _digest(again.stdout)
    assert _digest(first.stdout) != _digest(other.stdout)
    later = subprocess.run([*ONWARD, "digest"], env=_env(tmp_path / "a"), check=True, capture_output=True, text=True)
    assert _digest(later.stdout) == _digest(first.stdout)
    assert "100% 6/6" in first.stderr
    assert "[####" in first.stderr
    for title in ("people by level of care at the anchor", "appointments by status", "alerts by severity"):
        assert title in first.stdout
    verify = subprocess.run(
        [*ONWARD, "audit", "verify"], check=False, env=_env(tmp_path / "a"), capture_output=True, text=True
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_onward_demo_serves_the_sign_in_page_subprocess(migrated, tmp_path):
    """Slow-ish (a real gunicorn and worker): about 15 s on an idle machine."""
    shutil.copytree(migrated, tmp_path / "demo")
    port = _free_port()
    demo = subprocess.Popen(
        [*ONWARD, "demo", "--port", str(port), "--people", "3", "--workers", "1"],
        env=_env(tmp_path / "demo"),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            line = demo.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("Stop with Ctrl-C"):
                break
        text = "".join(lines)
        assert f"http://127.0.0.1:{port}/" in text, text
        assert "person@demo.onward.test" in text
        assert "onward-demo" in text
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=60) as page:
            assert page.status == 200
            assert b'name="password"' in page.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/demo/outbox/", timeout=60) as page:
            assert b"Demo outbox" in page.read()
        # The logins are the last thing on the screen: nothing else was printed between them and the end.
        logins = text[text.index("Every demo account's password") :].splitlines()[1:-1]
        assert all("@demo.onward.test" in line for line in logins), logins
    finally:
        demo.send_signal(signal.SIGINT)
        try:
            demo.wait(timeout=30)
        except subprocess.TimeoutExpired:
            demo.kill()
            demo.wait()
        demo.stdout.close()


def test_the_demo_links_its_messages_to_its_own_port_unless_a_site_url_is_set(tmp_path):
    from onward.platform_cli import demo_environment  # noqa: PLC0415

    assert demo_environment(tmp_path, 8765, {})["ONWARD_SITE_URL"] == "http://127.0.0.1:8765"
    given = {"ONWARD_SITE_URL": "https://onward.example"}
    assert demo_environment(tmp_path, 8765, given)["ONWARD_SITE_URL"] == "https://onward.example"
