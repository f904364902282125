"""Importing a 50,000-meeting Meeting Guide feed (`onward meetings import`'s path: `import_source`), against a
bare `bulk_create` of the same rows. Not a test; nothing is asserted.
Run: uv run --frozen python bench/meetings_import.py [--meetings 50000] [--seed 1]

Same process: a freshly migrated database (SQLite in a temporary folder unless ONWARD_DATABASE_URL is
set). A synthetic feed of `--meetings` items is written to a temporary JSON file: weekly meetings on
random days and times in four US zones, in person (a street address and a point), online (a Zoom link,
an approximate town) or hybrid, with a few type codes each; one item in ten has a `day` array of two
days, so records outnumber items a little.

- import: `import_source` on a new source (read, parse, normalise, compare, write, report).
- re-import: the same file again (every record unchanged; only `last_seen_at` is touched).
- reference: the records the importer produced, turned into `Meeting` rows and written with
  `bulk_create` (batches of 1,000) into another source: the least any importer must do to store them.
- parse only: reading and normalising the file without the database, to show where the time goes.
Rates are records per second; the ratio is import time / reference time.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
TYPES = (("O", "D"), ("C", "ST"), ("O", "SP", "X"), ("C", "BE"), ("W", "C", "D"), ("O", "B", "LIT"))


def synthetic_feed(count: int, rng: random.Random) -> list[dict[str, Any]]:
    items = []
    for number in range(count):
        zone = rng.choice(ZONES)
        start = rng.randrange(6 * 60, 22 * 60, 15)
        end = start + rng.choice((60, 60, 90))
        item: dict[str, Any] = {
            "slug": f"meeting-{number}",
            "name": f"Bench Group {number}",
            "day": [rng.randrange(7), rng.randrange(7)] if number % 10 == 0 else rng.randrange(7),
            "time": f"{start // 60:02d}:{start % 60:02d}",
            "end_time": f"{end // 60 % 24:02d}:{end % 60:02d}",
            "timezone": zone,
            "types": list(rng.choice(TYPES)),
            "notes": "Synthetic meeting for the import benchmark.",
            "updated": "2026-01-01 12:00:00",
        }
        mode = rng.random()
        if mode < 0.6 or mode >= 0.85:  # in person, or hybrid
            item |= {
                "location": "Community Hall",
                "address": f"{rng.randint(1, 999)} Main Street",
                "city": f"Town {number % 500}",
                "state": "IL",
                "postal_code": "60601",
                "country": "US",
                "approximate": "no",
                "latitude": round(rng.uniform(25, 49), 5),
                "longitude": round(rng.uniform(-124, -67), 5),
            }
        else:
            item |= {"formatted_address": f"Town {number % 500}, IL, USA", "approximate": "yes"}
        if mode >= 0.6:  # online, or hybrid
            item["conference_url"] = f"https://zoom.us/j/{rng.randrange(10**9, 10**10)}"
        if isinstance(item["day"], list) and item["day"][0] == item["day"][1]:  # one day, not two
            item["day"] = item["day"][0]
        items.append(item)
    return items


def bulk_create_seconds(records: list[Any]) -> float:
    """The reference: the same records as `Meeting` rows, written with bulk_create into another source."""
    from onward.core import clock  # noqa: PLC0415
    from onward.meetings.models import Meeting, MeetingSource, SourceKind  # noqa: PLC0415
    from onward.meetings.services import record_values  # noqa: PLC0415

    reference_source = MeetingSource.objects.create(
        name="reference", kind=SourceKind.MEETING_GUIDE, fellowship="aa", default_timezone="America/Chicago"
    )
    started = time.perf_counter()
    now = clock.now()
    rows = []
    for record in records:
        public_id = uuid.uuid4()
        rows.append(
            Meeting(
                source=reference_source,
                public_id=public_id,
                public_slug=f"ref-{public_id.hex}",
                schedule_since=now.date(),
                updated_at=now,
                last_seen_at=now,
                **record_values(record),
            )
        )
    Meeting.objects.bulk_create(rows, batch_size=1000)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    os.environ.setdefault("ONWARD_DATA_DIR", tempfile.mkdtemp(prefix="onward-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onward.settings"
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from onward.meetings.feeds import fetch, meeting_guide  # noqa: PLC0415
    from onward.meetings.feeds.fields import DEFAULT_PROVIDERS  # noqa: PLC0415
    from onward.meetings.feeds.record import SourceSettings  # noqa: PLC0415
    from onward.meetings.services import find_or_create_source, import_source  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    rng = random.Random(options.seed)  # noqa: S311 - reproducible data, not secrets
    folder = Path(tempfile.mkdtemp(prefix="onward-bench-feed-"))
    feed = folder / "feed.json"
    feed.write_text(json.dumps(synthetic_feed(options.meetings, rng)), encoding="utf-8")

    started = time.perf_counter()
    parsed = meeting_guide.parse(
        fetch.decode(fetch.read_file(feed).body or b"[]"),
        SourceSettings("aa", "America/Chicago", DEFAULT_PROVIDERS),
    )
    parse_seconds = time.perf_counter() - started
    records = len(parsed.records)
    if parsed.rejections:
        sys.exit(f"the synthetic feed should import cleanly: {parsed.rejections[:3]}")

    source = find_or_create_source(
        kind="meeting_guide", location=str(feed), fellowship="aa", default_timezone="America/Chicago"
    )
    started = time.perf_counter()
    first = import_source(source)
    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = import_source(source)
    reimport_seconds = time.perf_counter() - started
    if first.counts.created != records or again.counts.unchanged != records or again.counts.updated:
        sys.exit(f"unexpected counts: {first.as_json()['counts']} then {again.as_json()['counts']}")

    reference_seconds = bulk_create_seconds(parsed.records)

    print(f"database: {connection.vendor}; feed items: {options.meetings}; records after day split: {records}")
    print(f"parse only (no database): {parse_seconds:7.2f} s  {records / parse_seconds:9.0f} records/s")
    print(f"import (all created):     {import_seconds:7.2f} s  {records / import_seconds:9.0f} records/s")
    print(f"re-import (no change):    {reimport_seconds:7.2f} s  {records / reimport_seconds:9.0f} records/s")
    print(f"reference bulk_create:    {reference_seconds:7.2f} s  {records / reference_seconds:9.0f} records/s")
    print(f"import / reference: {import_seconds / reference_seconds:.1f}x the time of a bare bulk_create")
    print(f"re-import / reference: {reimport_seconds / reference_seconds:.1f}x")


if __name__ == "__main__":
    main()
