"""Wall time of `onward synth` as a ratio to inserting the very same rows with raw `executemany`.

Goal: at most 2x (generating people, pathways, appointments and hash-chained audit events should cost
no more than the database writes themselves). Not a test.
Run: uv run --frozen python bench/synth_vs_executemany.py [--people 10000] [--days 365]

Same process, same database, same connection settings: the candidate synthesizes into a freshly
migrated database (SQLite in a temporary folder unless ONWARD_DATABASE_URL is set); its rows are read
back, and the reference inserts them again in one transaction with `cursor.executemany`, in batches of
the size synth uses. The tables are emptied before every timed run; the runs alternate between the two
(`--rounds` each, the first synth included), so load from other work on the machine falls on both
alike. The ratio is of the two medians.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from datetime import time as dt_time
from decimal import Decimal
from io import StringIO


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each, interleaved (median)")
    options = parser.parse_args()
    os.environ.setdefault("ONWARD_DATA_DIR", tempfile.mkdtemp(prefix="onward-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onward.settings"
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection, transaction  # noqa: PLC0415

    from onward.synth.generate import synthesize  # noqa: PLC0415
    from onward.synth.population import BATCH  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    quote = connection.ops.quote_name

    def run_synth() -> tuple[float, list[str]]:
        start = time.perf_counter()
        population = synthesize(
            people=options.people, seed=1, days=options.days, anchor=date(2026, 1, 1), stream=StringIO()
        )
        return time.perf_counter() - start, sorted(population.written)

    def clear(tables: list[str]) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for table in reversed(tables):
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608

    def run_reference() -> float:
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for table in tables:
                columns, values = rows[table]
                marks = ", ".join(["%s"] * len(columns))
                # Quoted: a column may bear a reserved word (the settings tables have one named `values`).
                sql = f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES ({marks})"  # noqa: S608
                for offset in range(0, len(values), BATCH):
                    cursor.executemany(sql, values[offset : offset + BATCH])
        return time.perf_counter() - start

    first, tables = run_synth()
    rows: dict[str, tuple[list[str], list[tuple[object, ...]]]] = {}
    with connection.cursor() as cursor:
        for table in tables:
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)} ORDER BY id")  # noqa: S608
            rows[table] = (columns, [tuple(map(_bindable, row)) for row in cursor.fetchall()])
    timings: dict[str, list[float]] = {"candidate": [first], "reference": []}
    for round_ in range(options.rounds):
        order = ("reference", "candidate") if round_ % 2 == 0 else ("candidate", "reference")
        for name in order:
            if name == "candidate" and len(timings["candidate"]) > options.rounds - 1:
                continue
            clear(tables)
            timings[name].append(run_reference() if name == "reference" else run_synth()[0])
    candidate = statistics.median(timings["candidate"])
    reference = statistics.median(timings["reference"])

    total = sum(len(v) for _, v in rows.values())
    print(f"database: {connection.vendor}; {options.people} people x {options.days} days; {total} rows")
    print(f"reference, executemany of the same rows: {reference:.2f} s (median of {_seconds(timings['reference'])})")
    print(f"candidate, onward synth: {candidate:.2f} s (median of {_seconds(timings['candidate'])})")
    print(f"ratio: {candidate / reference:.2f}x (goal <= 2x)")


def _bindable(value: object) -> object:
    """SQLite's driver reads time and decimal columns back as Python values it cannot bind again."""
    if isinstance(value, dt_time | Decimal):
        return str(value)
    return value


def _seconds(timings: list[float]) -> str:
    return ", ".join(f"{t:.1f}" for t in timings)


if __name__ == "__main__":
    sys.exit(main())
