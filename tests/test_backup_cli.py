"""`onward backup` and `onward restore` as an operator runs them: a synthetic clinic round-trips into a new,
empty database with the same digest, and the audit trail verifies after the restore's cut-over; on
SQLite always, on PostgreSQL (pg_dump/pg_restore) when the suite runs there. Damaged backups, a wrong
audit key and a database that is not empty are refused."""

import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ONWARD = [sys.executable, "-m", "onward.platform_cli"]
PEOPLE = ["--people", "4", "--seed", "7", "--days", "60", "--anchor", "2026-02-01"]


def _env(data_dir: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONWARD_")}
    return env | {"ONWARD_DATA_DIR": str(data_dir)} | more


def onward(*args: str, env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*ONWARD, *args], env=env, capture_output=True, text=True, check=False)
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def _line(output: str, start: str) -> str:
    return next(line[len(start) :] for line in output.splitlines() if line.startswith(start))


def _rows(digest_output: str) -> dict[str, int]:
    """Rows per table, from `onward digest`, leaving out the audit tables (the restore adds its event)."""
    rows = {}
    for line in digest_output.splitlines():
        table, _, count = line.partition(": ")
        if count.isdigit() and not table.startswith("audit_"):
            rows[table] = int(count)
    return rows


def round_trip(source: dict[str, str], target: dict[str, str], out: Path) -> None:
    onward("migrate", env=source)
    onward("synth", *PEOPLE, env=source)
    onward("audit", "anchor", env=source)  # what the worker does every five minutes in a running clinic
    before = onward("digest", env=source).stdout
    assert onward("audit", "verify", env=source).returncode == 0
    written = onward("backup", "--out", str(out), env=source).stdout
    assert _line(written, "database digest: ") == _line(before, "database digest: ")
    assert "keep a copy of ONWARD_AUDIT_KEY_FILE" in written

    restored = onward("restore", str(out), env=target).stdout
    assert _line(restored, "database digest as restored (before the cut-over event): ") == _line(
        before, "database digest: "
    )
    after = onward("digest", env=target).stdout
    assert _rows(after) == _rows(before)
    verify = onward("audit", "verify", env=target)
    assert "intact" in verify.stdout, verify.stdout


def test_a_sqlite_clinic_round_trips_and_its_audit_verifies(tmp_path):
    key = tmp_path / "audit-key"
    key.write_text("cd" * 32)
    source = _env(tmp_path / "source", ONWARD_AUDIT_KEY_FILE=str(key))
    target = _env(tmp_path / "target", ONWARD_AUDIT_KEY_FILE=str(key))
    round_trip(source, target, tmp_path / "clinic.onward-backup")
    with tarfile.open(tmp_path / "clinic.onward-backup") as tar:
        names = set(tar.getnames())
    assert names == {"manifest.json", "database.sqlite3", "anchors/anchors.jsonl"}  # never the key

    again = onward("restore", str(tmp_path / "clinic.onward-backup"), env=target, ok=False)
    assert again.returncode == 1
    assert "not empty" in again.stderr


def test_a_wrong_key_and_a_damaged_backup_are_refused_before_anything_is_written(tmp_path):
    key = tmp_path / "audit-key"
    key.write_text("cd" * 32)
    source = _env(tmp_path / "source", ONWARD_AUDIT_KEY_FILE=str(key))
    onward("migrate", env=source)
    onward("backup", "--out", str(tmp_path / "b.tar"), env=source)

    other_key = tmp_path / "other-key"
    other_key.write_text("ef" * 32)
    wrong = onward(
        "restore", str(tmp_path / "b.tar"), env=_env(tmp_path / "t1", ONWARD_AUDIT_KEY_FILE=str(other_key)), ok=False
    )
    assert wrong.returncode == 1
    assert "audit key" in wrong.stderr

    damaged = tmp_path / "damaged.tar"
    with tarfile.open(tmp_path / "b.tar") as tar, tarfile.open(damaged, "w") as out:
        for member in tar.getmembers():
            data = tar.extractfile(member).read()
            if member.name == "database.sqlite3":
                data = data[:-100] + b"x" * 100
            out.addfile(member, fileobj=__import__("io").BytesIO(data))
    target = tmp_path / "t2"
    refused = onward("restore", str(damaged), env=_env(target, ONWARD_AUDIT_KEY_FILE=str(key)), ok=False)
    assert refused.returncode == 1
    assert "damaged" in refused.stderr
    with closing(sqlite3.connect(target / "onward.sqlite3")) as db:  # nothing was loaded
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone() == (0,)


def _postgres_server() -> str | None:
    url = os.environ.get("ONWARD_DATABASE_URL", "")
    return urlunsplit(urlsplit(url)._replace(path="")) if url.startswith("postgres") else None


@pytest.mark.skipif(_postgres_server() is None, reason="runs in the PostgreSQL pass of the suite")
def test_a_postgresql_clinic_round_trips_through_pg_dump_and_pg_restore(tmp_path):
    server = _postgres_server()
    names = [f"onward_backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("source", "target")]
    for name in names:
        subprocess.run(
            ["psql", server + "/postgres", "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True
        )
    try:
        key = tmp_path / "audit-key"
        key.write_text("cd" * 32)
        source = _env(tmp_path / "s", ONWARD_AUDIT_KEY_FILE=str(key), ONWARD_DATABASE_URL=f"{server}/{names[0]}")
        target = _env(tmp_path / "t", ONWARD_AUDIT_KEY_FILE=str(key), ONWARD_DATABASE_URL=f"{server}/{names[1]}")
        round_trip(source, target, tmp_path / "clinic.onward-backup")
    finally:
        for name in names:
            subprocess.run(
                ["psql", server + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                check=False,
                capture_output=True,
            )
