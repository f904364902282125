"""A crash in the middle of work loses nothing acknowledged and leaves nothing half written.

The real server (gunicorn, two workers) takes a burst of check-ins from several people through the API
while a large meeting import runs; both are killed with SIGKILL mid-burst. After a restart: every
check-in the server acknowledged is there (and sending it again is recognised, not doubled), the import
is all or nothing, and `onward audit verify` finds the trail intact. On SQLite, and on PostgreSQL in the
suite's PostgreSQL pass."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ONWARD = [sys.executable, "-m", "onward.platform_cli"]
MEETINGS = 4000
BODY = {"mood": "okay", "craving": 3, "stress": "a_little", "sleep_hours": 7, "warning_signs": []}

TOKENS = """
import json
from onward.accounts import tokens
from onward.people.models import Person
people = Person.objects.exclude(account=None).select_related("account").order_by("pk")[:6]
print(json.dumps({str(p.public_id): tokens.issue(user=p.account, name="crash test").plaintext for p in people}))
"""
FOUND = """
import json, os
from onward.checkins.models import CheckIn, CheckInRevision
from onward.meetings.models import Meeting
keys = json.load(open(os.environ["CRASH_KEYS"]))
found = set(str(k) for k in CheckInRevision.objects.filter(client_key__in=keys).values_list("client_key", flat=True))
orphans = CheckInRevision.objects.filter(checkin__isnull=True).count()
imported = Meeting.objects.filter(name__startswith="Evening Recovery ").count()
print(json.dumps({"found": sorted(found), "meetings": imported, "orphans": orphans}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_server() -> str | None:
    url = os.environ.get("ONWARD_DATABASE_URL", "")
    return urlunsplit(urlsplit(url)._replace(path="")) if url.startswith("postgres") else None


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([*ONWARD, *args], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "onward.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    os.killpg(server.pid, signal.SIGKILL)
    pytest.fail("the server did not start")


def _post(port: int, person: str, token: str, key: str) -> int:
    body = json.dumps(BODY | {"client_key": key, "captured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/people/{person}/checkins",
        data=body.encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _feed(path: Path) -> None:
    meetings = [
        {
            "name": f"Evening Recovery {n}",
            "slug": f"evening-recovery-{n}",
            "day": n % 7,
            "time": "19:00",
            "address": f"{100 + n} Main Street",
            "city": "Springfield",
            "state": "IL",
            "postal_code": "62701",
            "country": "US",
            "types": ["O", "D"],
        }
        for n in range(MEETINGS)
    ]
    path.write_text(json.dumps(meetings), encoding="utf-8")


@pytest.fixture
def clinic(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONWARD_")}
    env |= {"ONWARD_DATA_DIR": str(tmp_path / "data"), "ONWARD_ALLOWED_HOSTS": "127.0.0.1"}
    server, name = _postgres_server(), f"onward_crash_{uuid.uuid4().hex[:8]}"
    if server:
        subprocess.run(
            ["psql", server + "/postgres", "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True
        )
        env["ONWARD_DATABASE_URL"] = f"{server}/{name}"
    try:
        yield env
    finally:
        if server:
            subprocess.run(
                ["psql", server + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                check=False,
                capture_output=True,
            )


def test_sigkill_in_a_burst_loses_no_acknowledged_write_and_half_writes_nothing(clinic, tmp_path):
    env = clinic
    _run(["migrate"], env)
    _run(["synth", "--people", "6", "--seed", "5", "--days", "30"], env)
    tokens: dict[str, str] = json.loads(_run(["manage", "shell", "-c", TOKENS], env).strip().splitlines()[-1])
    assert len(tokens) >= 3
    feed = tmp_path / "meetings.json"
    _feed(feed)

    port = _free_port()
    server = _serve(env, port)
    acknowledged: list[tuple[str, str, str]] = []  # (person, token, client key) the server answered 2xx
    stop = threading.Event()

    def burst(person: str, token: str) -> None:
        while not stop.is_set():
            key = str(uuid.uuid4())
            try:
                status = _post(port, person, token, key)
            except OSError:
                continue  # the server is gone: this one was never acknowledged
            if status in {200, 201}:
                acknowledged.append((person, token, key))

    importer = subprocess.Popen(
        [
            *ONWARD,
            "meetings",
            "import",
            str(feed),
            "--kind",
            "meeting_guide",
            "--fellowship",
            "aa",
            "--timezone",
            "UTC",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    threads = [threading.Thread(target=burst, args=item, daemon=True) for item in tokens.items()]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while len(acknowledged) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(server.pid, signal.SIGKILL)
    if importer.poll() is None:
        os.killpg(importer.pid, signal.SIGKILL)
    server.wait(timeout=10)
    importer.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=15)
    assert len(acknowledged) >= 20, "the burst never got going"

    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps([key for _, _, key in acknowledged]))
    found = json.loads(_run(["manage", "shell", "-c", FOUND], env | {"CRASH_KEYS": str(keys)}).strip().splitlines()[-1])
    assert set(found["found"]) == {key for _, _, key in acknowledged}  # every acknowledged check-in survived
    assert found["orphans"] == 0
    assert found["meetings"] in {0, MEETINGS}  # the import is one transaction: all or nothing

    server = _serve(env, port)
    try:
        # Sending an acknowledged check-in again is recognised as the same one: never a second record.
        assert {_post(port, person, token, key) for person, token, key in acknowledged[:5]} == {200}
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    verify = subprocess.run([*ONWARD, "audit", "verify"], env=env, capture_output=True, text=True, check=False)
    assert verify.returncode == 0, verify.stdout + verify.stderr
