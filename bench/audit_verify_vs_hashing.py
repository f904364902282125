"""Wall time of `onward audit verify` as a ratio to hashing the same stored bytes it must hash.

Goal: at most 3x. Not a test.
Run: uv run --frozen python bench/audit_verify_vs_hashing.py [--events 300000] [--per-chain 200]

Same process: a freshly migrated database (SQLite in a temporary folder unless ONWARD_DATABASE_URL is
set) gets `--events` audit events on chains of `--per-chain` events, built by `build_event` and linked
by `link_rows` exactly as sealing links them (written untimed). The candidate is `verify_all()` (read
every event, check its keyed link over the stored body and its columns against the body, and the
heads). Two references over the same canonical bytes:
  1. in memory: HMAC-SHA-256 of every event's (seq, previous link, body), prepared beforehand;
  2. from the database: read every stored body in chain order and HMAC it the same way.
The ratios are candidate / reference.
"""

import argparse
import hmac
import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta


def main() -> None:  # noqa: PLR0915 - one benchmark, set up and run in order
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=300_000)
    parser.add_argument("--per-chain", type=int, default=200)
    options = parser.parse_args()
    os.environ.setdefault("ONWARD_DATA_DIR", tempfile.mkdtemp(prefix="onward-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onward.settings"
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection, transaction  # noqa: PLC0415

    from onward.audit.chain import GENESIS, link_rows  # noqa: PLC0415
    from onward.audit.keys import audit_key  # noqa: PLC0415
    from onward.audit.services import COLUMNS, build_event  # noqa: PLC0415
    from onward.audit.verify import verify_all  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    key = audit_key()
    base = datetime(2026, 1, 1, tzinfo=UTC)
    messages: list[bytes] = []
    heads: list[tuple[object, ...]] = []
    chains = max(1, options.events // options.per_chain)
    at_field = connection.ops.adapt_datetimefield_value
    names = ", ".join(COLUMNS)
    insert = f"INSERT INTO audit_auditevent ({names}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        for number in range(chains):
            chain = f"person:{uuid.UUID(int=number + 1, version=4)}"
            rows = [
                build_event(
                    key=key,
                    chain=chain,
                    at=base + timedelta(seconds=number * options.per_chain + seq),
                    actor_id=None,
                    actor_label="system",
                    action="appointment.booked",
                    person_id=None,
                    object_type="appointment",
                    object_id=str(uuid.UUID(int=seq, version=4)),
                    purpose="treatment",
                )
                for seq in range(1, options.per_chain + 1)
            ]
            seq, prev = link_rows(key, (0, GENESIS), rows)
            heads.append((chain, seq, prev))
            values = []
            for row in rows:
                messages.append(b"%d\n%s\n%s" % (row["seq"], row["prev_hash"].encode(), row["body"].encode()))
                row["at"], row["detail"] = at_field(row["at"]), "{}"
                values.append([row[c] for c in COLUMNS])
            cursor.executemany(insert, values)
        cursor.executemany("INSERT INTO audit_chainhead (chain, seq, hash) VALUES (%s, %s, %s)", heads)

    start = time.perf_counter()
    for message in messages:
        hmac.digest(key, message, "sha256").hex()
    in_memory = time.perf_counter() - start
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq, prev_hash, body FROM audit_auditevent ORDER BY chain, seq")
        while batch := cursor.fetchmany(5000):
            for seq, prev, body in batch:
                hmac.digest(key, b"%d\n%s\n%s" % (seq, prev.encode(), body.encode()), "sha256").hex()
    from_database = time.perf_counter() - start
    start = time.perf_counter()
    breaks = verify_all()
    candidate = time.perf_counter() - start
    if breaks:
        sys.exit(f"the chains should verify: {breaks[:3]}")
    print(f"database: {connection.vendor}; {len(messages)} events on {chains} chains")
    print(f"reference 1, HMAC-SHA-256 of the same bytes in memory: {in_memory:.2f} s")
    print(f"reference 2, the stored bodies read in chain order and hashed: {from_database:.2f} s")
    print(f"candidate, onward audit verify: {candidate:.2f} s")
    print(f"ratio to reference 1: {candidate / in_memory:.2f}x (goal <= 3x)")
    print(f"ratio to reference 2: {candidate / from_database:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
