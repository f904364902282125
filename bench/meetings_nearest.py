"""Nearest 20 meetings of 50,000: the index-backed search (`onward.meetings.search.nearest`) against a
brute-force distance scan over every row. Goal: the same results, at least 20x faster. Not a test.
Run: uv run --frozen python bench/meetings_nearest.py [--meetings 50000] [--queries 50] [--seed 1]

Same process: a freshly migrated database (SQLite in a temporary folder unless ONWARD_DATABASE_URL is
set) gets `--meetings` in-person meetings at random points over the contiguous United States (latitude
25–49, longitude −124…−67), written with bulk_create. Each query point is random over the same area.
The candidate runs `nearest(..., limit=20)`: growing bounding boxes read through the `meeting_point`
index. The reference reads (id, latitude, longitude) of every row, computes every haversine distance
and sorts. Both return ids nearest first (ties by id); every query's lists must be equal. Times are
medians over the queries, each query timed once per method, interleaved.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from datetime import time as clock_time
from decimal import Decimal


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    os.environ.setdefault("ONWARD_DATA_DIR", tempfile.mkdtemp(prefix="onward-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onward.settings"
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from onward.meetings.geo import distance_km  # noqa: PLC0415
    from onward.meetings.models import Meeting, MeetingSource, SourceKind  # noqa: PLC0415
    from onward.meetings.search import nearest  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    rng = random.Random(options.seed)  # noqa: S311 - reproducible data, not secrets
    source = MeetingSource.objects.create(
        name="bench", kind=SourceKind.LOCAL, fellowship="na", default_timezone="America/Chicago"
    )
    now = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for number in range(options.meetings):
        public_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        rows.append(
            Meeting(
                public_id=public_id,
                source=source,
                source_key=str(number),
                public_slug=f"m-{public_id.hex}",
                fellowship="na",
                name=f"Meeting {number}",
                day=number % 7,
                start_time=clock_time(19, 0),
                duration_minutes=60,
                timezone="America/Chicago",
                schedule_since=date(2026, 1, 1),
                attendance="in_person",
                approximate=False,
                latitude=Decimal(f"{rng.uniform(25, 49):.5f}"),
                longitude=Decimal(f"{rng.uniform(-124, -67):.5f}"),
                updated_at=now,
                last_seen_at=now,
            )
        )
    Meeting.objects.bulk_create(rows, batch_size=2000)
    del rows
    located = Meeting.objects.filter(removed_at__isnull=True, approximate=False)

    def brute_force(lat: float, lon: float) -> list[int]:
        every = located.values_list("pk", "latitude", "longitude")
        scored = sorted((distance_km(lat, lon, float(la), float(lo)), pk) for pk, la, lo in every)
        return [pk for _, pk in scored[:20]]

    def indexed(lat: float, lon: float) -> list[int]:
        return [meeting.pk for meeting, _ in nearest(located, lat, lon, limit=20)]

    indexed(40.0, -90.0)  # warm both paths once
    brute_force(40.0, -90.0)
    fast, slow = [], []
    for _ in range(options.queries):
        lat, lon = rng.uniform(25, 49), rng.uniform(-124, -67)
        started = time.perf_counter()
        candidate = indexed(lat, lon)
        fast.append(time.perf_counter() - started)
        started = time.perf_counter()
        reference = brute_force(lat, lon)
        slow.append(time.perf_counter() - started)
        if candidate != reference:
            sys.exit(f"different results at ({lat:.5f}, {lon:.5f}): {candidate} vs {reference}")
    median_fast, median_slow = statistics.median(fast), statistics.median(slow)
    print(f"database: {connection.vendor}; meetings: {options.meetings}; queries: {options.queries}")
    print(f"index-backed nearest 20: median {median_fast * 1000:.2f} ms")
    print(f"brute-force scan:        median {median_slow * 1000:.2f} ms")
    print(f"speed-up: {median_slow / median_fast:.1f}x (goal >= 20x); results identical for every query")


if __name__ == "__main__":
    main()
