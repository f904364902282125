"""Anchors: the chain heads, written outside the database, in an append-only file of signed entries.

`AUDIT_ANCHOR_DIR/anchors.jsonl` holds one JSON line per anchor: its number `n`, the time `at`, the
`heads` ({chain: [seq, hash]}) that changed since the anchor before, the SHA-256 `digest` of every head
after it, the `mac` of the anchor before (`prev`), and its own `mac`, HMAC-SHA-256 with the audit key
over its RFC 8785 JSON without `mac`. Replaying the file gives the last anchored head of every chain
ever anchored; verify checks each is still on its chain (verify.py). `heads.json` beside it is only a
cache of that replay for the writer; the log is the record.

One writer at a time: whoever takes the anchor lock (a PostgreSQL advisory lock; SQLite's one writer)
writes; the others skip. Someone who can write to the database but not to this folder cannot take back
an anchor, so deleting a chain's newest events and rewinding its head shows.
"""

import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import rfc8785
from django.conf import settings
from django.db import transaction

from onward.audit.keys import audit_key
from onward.audit.models import ChainHead
from onward.audit.services import ANCHOR_LOCK, _lock
from onward.core import clock

LOG = "anchors.jsonl"
CACHE = "heads.json"
CUTOVER = "cutover"  # an anchor written by `onward audit migrate-keyed`: plain events end here


@dataclass
class Replay:
    """What the anchor log says: the last anchored head of every chain, and how the log stands."""

    heads: dict[str, tuple[int, str]] = field(default_factory=dict)
    count: int = 0
    last_mac: str = ""
    first_at: datetime | None = None
    newest_at: datetime | None = None
    cutover_at: datetime | None = None
    problems: list[str] = field(default_factory=list)
    digest_ok: bool = True


def anchor_dir() -> Path:
    return Path(settings.AUDIT_ANCHOR_DIR)


def heads_digest(heads: dict[str, tuple[int, str]]) -> str:
    return hashlib.sha256(rfc8785.dumps({c: [s, h] for c, (s, h) in heads.items()})).hexdigest()


def _sign(key: bytes, entry: dict[str, Any]) -> str:
    return hmac.digest(key, b"onward-audit-anchor\n" + rfc8785.dumps(entry), "sha256").hex()


def replay(folder: Path | None = None) -> Replay:
    """Read and check the whole log: every entry signed, numbered and linked to the one before."""
    key, result = audit_key(), Replay()
    path = (folder or anchor_dir()) / LOG
    if not path.exists():
        return result
    last: dict[str, Any] = {}
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            try:
                entry = json.loads(line)
                mac = entry.pop("mac")
            except (ValueError, KeyError, AttributeError):
                result.problems.append(f"anchor line {number} is not an anchor")
                return result
            if not hmac.compare_digest(_sign(key, entry), mac):
                result.problems.append(f"anchor {number} is not signed with the audit key")
                return result
            if entry.get("n") != number or entry.get("prev") != result.last_mac:
                result.problems.append(f"anchor {number} is out of order or an anchor before it is gone")
                return result
            at = datetime.fromisoformat(entry["at"])
            result.first_at = result.first_at or at
            result.newest_at = at
            if entry.get("kind") == CUTOVER:
                result.cutover_at = at
            for chain, (seq, hash_) in entry["heads"].items():
                result.heads[chain] = (seq, hash_)
            result.count, result.last_mac, last = number, mac, entry
    if last and heads_digest(result.heads) != last["digest"]:
        result.digest_ok = False
        result.problems.append(f"anchor {result.count}: the anchored heads do not add up to its digest")
    return result


def write_anchor(*, kind: str = "heads", force: bool = False) -> dict[str, Any] | None:
    """Append an anchor of every head that changed since the last one (none if nothing changed, unless
    `force`), if this process wins the anchor lock; the entry written, or None."""
    key, folder = audit_key(), anchor_dir()
    with transaction.atomic():
        if not _lock(ANCHOR_LOCK, wait=False):
            return None  # another worker is anchoring
        heads = {c: (s, h) for c, s, h in ChainHead.objects.order_by("chain").values_list("chain", "seq", "hash")}
        state = _cached_state(folder)
        known: dict[str, tuple[int, str]] = state.heads
        changed = {c: head for c, head in heads.items() if known.get(c) != head}
        if not changed and not force:
            return None
        known.update(changed)
        entry: dict[str, Any] = {
            "n": state.count + 1,
            "at": clock.now().astimezone(UTC).isoformat(),
            "kind": kind,
            "heads": {c: [s, h] for c, (s, h) in changed.items()},
            "digest": heads_digest(known),
            "prev": state.last_mac,
        }
        entry["mac"] = _sign(key, entry)
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / LOG).open("a", encoding="utf-8") as file:
            file.write(json.dumps(entry, separators=(",", ":"), sort_keys=True) + "\n")
            file.flush()
            os.fsync(file.fileno())
        _write_cache(folder, Replay(heads=known, count=entry["n"], last_mac=entry["mac"]))
    return entry


def _cached_state(folder: Path) -> Replay:
    """The replayed log, from the cache when it matches the log's last line, else by replaying it."""
    cache, log = folder / CACHE, folder / LOG
    if cache.exists() and log.exists():
        try:
            saved = json.loads(cache.read_text(encoding="utf-8"))
            if saved["size"] == log.stat().st_size:  # nothing appended since the cache was written
                heads = {c: (s, h) for c, (s, h) in saved["heads"].items()}
                return Replay(heads=heads, count=saved["count"], last_mac=saved["last_mac"])
        except (ValueError, KeyError, TypeError):
            pass
    state = replay(folder)
    if state.problems:
        raise RuntimeError("the audit anchor log fails its checks: " + "; ".join(state.problems))
    return state


def _write_cache(folder: Path, state: Replay) -> None:
    temporary = folder / (CACHE + ".tmp")
    heads = {c: [s, h] for c, (s, h) in state.heads.items()}
    saved = {"size": (folder / LOG).stat().st_size, "count": state.count, "last_mac": state.last_mac, "heads": heads}
    temporary.write_text(json.dumps(saved), "utf-8")
    temporary.replace(folder / CACHE)
