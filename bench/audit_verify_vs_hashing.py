"""Wall time of `onward audit verify` as a ratio to SHA-256 over the same bytes it must hash.

Goal: at most 2x (walking the chains should cost little beyond the hashing itself). Not a test.
Run: uv run --frozen python bench/audit_verify_vs_hashing.py [--events 1000000] [--per-chain 200]

Same process: a freshly migrated database (SQLite in a temporary folder unless ONWARD_DATABASE_URL is
set) gets `--events` audit events on chains of `--per-chain` events, chained exactly as
`record_event` chains them (written untimed, with executemany). The candidate is `verify_all()`
(read every event, rebuild its canonical JSON, hash, compare); the reference hashes the same
canonical bytes, prepared in memory beforehand. The ratio is candidate / reference.
"""

import argparse
import hashlib
import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-chain", type=int, default=200)
    options = parser.parse_args()
    os.environ.setdefault("ONWARD_DATA_DIR", tempfile.mkdtemp(prefix="onward-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onward.settings"
    import django  # noqa: PLC0415

    django.setup()
    import json  # noqa: PLC0415

    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection, transaction  # noqa: PLC0415

    from onward.audit.chain import GENESIS, hashed_fields  # noqa: PLC0415
    from onward.audit.verify import verify_all  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    bodies: list[bytes] = []
    events: list[tuple[object, ...]] = []
    heads: list[tuple[object, ...]] = []
    chains = max(1, options.events // options.per_chain)
    for number in range(chains):
        chain, prev = f"person:{uuid.UUID(int=number + 1, version=4)}", GENESIS
        for seq in range(1, options.per_chain + 1):
            at = base + timedelta(seconds=number * options.per_chain + seq)
            fields = hashed_fields(
                chain=chain,
                seq=seq,
                at=at.isoformat(),
                actor_id=None,
                actor_label="system",
                action="appointment.booked",
                person_id=None,
                object_type="appointment",
                object_id=str(uuid.UUID(int=seq, version=4)),
                purpose="treatment",
                request_id="",
                detail={},
            )
            body = (
                prev + "\n" + json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
            ).encode()
            digest = hashlib.sha256(body).hexdigest()
            bodies.append(body)
            events.append(
                (
                    chain,
                    seq,
                    at,
                    None,
                    "system",
                    "appointment.booked",
                    None,
                    "appointment",
                    fields["object_id"],
                    "treatment",
                    "",
                    "{}",
                    prev,
                    digest,
                )
            )
            prev = digest
        heads.append((chain, options.per_chain, prev))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO audit_auditevent (chain, seq, at, actor_id, actor_label, action, person_id, object_type,"
            " object_id, purpose, request_id, detail, prev_hash, hash) VALUES"
            " (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            events,
        )
        cursor.executemany("INSERT INTO audit_chainhead (chain, seq, hash) VALUES (%s, %s, %s)", heads)
    del events

    start = time.perf_counter()
    for body in bodies:
        hashlib.sha256(body).hexdigest()
    reference = time.perf_counter() - start
    start = time.perf_counter()
    breaks = verify_all()
    candidate = time.perf_counter() - start
    if breaks:
        sys.exit(f"the chains should verify: {breaks[:3]}")
    print(f"database: {connection.vendor}; {len(bodies)} events on {chains} chains")
    print(f"reference, SHA-256 of the same canonical bytes: {reference:.2f} s")
    print(f"candidate, onward audit verify: {candidate:.2f} s")
    print(f"ratio: {candidate / reference:.2f}x (goal <= 2x)")


if __name__ == "__main__":
    sys.exit(main())
