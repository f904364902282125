"""`onward backup --out FILE` and `onward restore FILE`: a whole clinic in one file, and back.

A backup is a tar file of three kinds of member:
- `manifest.json`: the format, when it was taken, the database engine, the database digest at that
  moment (`onward digest`), the SHA-256 of every other member, and a fingerprint of the audit key (never
  the key: the key is backed up on its own, kept apart from the data it protects — README);
- the database: `database.sqlite3` (SQLite's online backup API, consistent while Onward runs) or
  `database.pgdump` (`pg_dump --format=custom`);
- `anchors/anchors.jsonl`: the outside anchors of the audit trail, copied *before* the database, so that
  every head they record is in the database copy.

A restore goes into an empty database only. It checks every member's hash and that the audit key in
use is the one the chains were written with, loads the database, compares its digest with the one taken
at backup time, puts the backup's anchors in place (a newer anchor log found there is kept aside, named,
for whoever investigates: it records heads the restored database does not have), and then writes the
cut-over: an `audit.restored` event and an anchor marked `restore`, so verify reads everything after as
a new stretch rather than as truncation.
"""

import hashlib
import hmac
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from onward.audit.anchors import CACHE, LOG, anchor_dir, write_anchor
from onward.audit.keys import audit_key
from onward.audit.services import record_event, seal
from onward.core import clock
from onward.synth.digest import database_digest

FORMAT = "onward-backup/1"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
ANCHORS_MEMBER = f"anchors/{LOG}"
RESTORE = "restore"  # the anchor kind a restore writes
RESTORED_ACTION = "audit.restored"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    created_at: str
    digest: str
    anchors_set_aside: str


def key_fingerprint(key: bytes) -> str:
    """Says whether two keys are the same without revealing either."""
    return hmac.new(key, b"onward-backup-key-fingerprint", "sha256").hexdigest()[:32]


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _pg_command(program: str) -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = [program, "--no-owner", "--no-privileges"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def backup(out: Path) -> dict[str, Any]:
    """Write the backup file `out` (replaced atomically); returns its manifest."""
    engine = _engine()
    with tempfile.TemporaryDirectory(prefix="onward-backup-") as work_dir:
        work = Path(work_dir)
        members: dict[str, Path] = {}
        anchors = anchor_dir() / LOG
        if anchors.exists():  # first the anchors, then the database: the copy holds every anchored head
            members[ANCHORS_MEMBER] = work / "anchors.jsonl"
            shutil.copyfile(anchors, members[ANCHORS_MEMBER])
        if engine == "sqlite":
            members[SQLITE_MEMBER] = work / SQLITE_MEMBER
            connection.ensure_connection()
            target = sqlite3.connect(members[SQLITE_MEMBER])
            try:
                connection.connection.backup(target)
            finally:
                target.close()
            digest = _sqlite_file_digest(members[SQLITE_MEMBER])
        else:
            members[PG_MEMBER] = work / PG_MEMBER
            digest = _pg_dump(members[PG_MEMBER])
        manifest = {
            "format": FORMAT,
            "created_at": clock.now().astimezone(UTC).isoformat(),
            "engine": engine,
            "digest": digest,
            "audit_key": key_fingerprint(audit_key()),
            "files": {name: _sha256(path) for name, path in sorted(members.items())},
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
            for name, path in sorted(members.items()):
                tar.add(path, arcname=name)
        os.replace(partial, out)
    return manifest


def _pg_dump(target: Path) -> str:
    """Dump the database and take its digest in one snapshot (exported to pg_dump), so both describe
    the same moment while Onward goes on writing."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        args, env = _pg_command("pg_dump")
        args += ["--format=custom", f"--snapshot={snapshot}", "--file", str(target)]
        _run([*args, str(settings.DATABASES["default"]["NAME"])], env, "pg_dump")
        return database_digest()[0]


def _sqlite_file_digest(path: Path) -> str:
    """`onward digest` of another SQLite file, through a second connection alias."""
    alias = "onward_backup_copy"
    connections_settings = settings.DATABASES
    connections_settings[alias] = {**connections_settings["default"], "NAME": str(path)}
    from django.db import connections  # noqa: PLC0415 - the alias exists only for this read

    try:
        return database_digest(using=alias)[0]
    finally:
        connections[alias].close()
        del connections[alias]
        del connections_settings[alias]


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(f"{what} is not installed: it comes with PostgreSQL's client tools") from exc
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip()[:2000]}")


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise BackupError(f"{path} has no {MANIFEST}: not an Onward backup")
            manifest: dict[str, Any] = json.loads(member.read())
    except (tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{path} is not an Onward backup ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is a backup of another format ({manifest.get('format')!r}), not {FORMAT}")
    return manifest


def restore(path: Path) -> Restored:
    """Load the backup `path` into this (empty) database and anchor folder, then write the cut-over."""
    manifest = read_manifest(path)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"the backup is of a {manifest['engine']} database; this one is {engine}")
    if manifest["audit_key"] != key_fingerprint(audit_key()):
        raise BackupError(
            "the audit key in use is not the one this clinic's audit trail was written with: "
            "put the clinic's key file in place (ONWARD_AUDIT_KEY_FILE) before restoring"
        )
    if connection.introspection.table_names():
        raise BackupError("the database is not empty: restore into a new, empty database")
    with tempfile.TemporaryDirectory(prefix="onward-restore-") as work_dir:
        work = Path(work_dir)
        files = _extract(path, manifest, work)
        if engine == "sqlite":
            _restore_sqlite(files[SQLITE_MEMBER])
        else:
            args, env = _pg_command("pg_restore")
            args += ["--exit-on-error", "--dbname", str(settings.DATABASES["default"]["NAME"]), str(files[PG_MEMBER])]
            _run(args, env, "pg_restore")
        loaded = database_digest()[0]
        if loaded != manifest["digest"]:
            raise BackupError("the restored database does not match the backup's digest: do not use it")
        set_aside = _place_anchors(files.get(ANCHORS_MEMBER))
    record_event(
        actor=None,
        action=RESTORED_ACTION,
        organization_slug="system",
        detail={
            "backup_created_at": manifest["created_at"],
            "backup_sha256": _sha256(path),
            "anchors_set_aside": set_aside,
        },
    )
    seal()
    write_anchor(kind=RESTORE, force=True)
    return Restored(created_at=manifest["created_at"], digest=loaded, anchors_set_aside=set_aside)


def _extract(path: Path, manifest: dict[str, Any], work: Path) -> dict[str, Path]:
    """Every member the manifest names, checked against its hash; nothing else is read."""
    files: dict[str, Path] = {}
    with tarfile.open(path, "r") as tar:
        for name, expected in manifest["files"].items():
            member = tar.extractfile(name)
            if member is None:
                raise BackupError(f"the backup lacks {name}")
            target = work / name.replace("/", "_")
            with target.open("wb") as out:
                shutil.copyfileobj(member, out)
            if _sha256(target) != expected:
                raise BackupError(f"{name} in the backup is damaged (its SHA-256 does not match the manifest)")
            files[name] = target
    return files


def _restore_sqlite(copy: Path) -> None:
    """Copy the pages of the backup into the (empty) database file through SQLite's backup API."""
    connection.ensure_connection()
    source = sqlite3.connect(copy)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()  # the next query opens the restored file with Onward's own settings (WAL)


def _place_anchors(copy: Path | None) -> str:
    """Put the backup's anchor log in place; an existing, different log is kept aside, and named."""
    folder = anchor_dir()
    folder.mkdir(parents=True, exist_ok=True)
    current, set_aside = folder / LOG, ""
    if current.exists() and (copy is None or _sha256(current) != _sha256(copy)):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = folder / f"anchors.before-restore-{stamp}.jsonl"
        current.rename(aside)
        set_aside = aside.name
    (folder / CACHE).unlink(missing_ok=True)
    if copy is not None:
        shutil.copyfile(copy, current)
    return set_aside
