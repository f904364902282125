"""The audit append of a caseload view of `--people` people, as a ratio to one bulk INSERT of as many rows.

Goal: at most 3x. Not a test.
Run: uv run --frozen python bench/audit_append.py [--people 200] [--rounds 100]

Same process, same database (SQLite in a temporary folder unless ONWARD_DATABASE_URL is set), freshly
migrated, with one counselor and `--people` people. The candidate is what a caseload page costs the
audit trail: in one transaction, `record_reads` for every person shown (each event built, canonical
JSON by RFC 8785, its MAC, one INSERT) and its seal (the keyed link of every event, each person's
chain head): on SQLite in the same transaction, on PostgreSQL at commit. The reference, in its own
transaction, is one INSERT of as many rows, already built, into the same table (same indexes), on a
chain of its own, deleted before the chains are verified at the end. The two alternate, so load from other
work on the machine falls on both alike; each time is the median of `--rounds`.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=100)
    options = parser.parse_args()
    os.environ.setdefault("ONWARD_DATA_DIR", tempfile.mkdtemp(prefix="onward-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onward.settings"
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection, transaction  # noqa: PLC0415

    from onward.accounts.models import Organization, Program, User  # noqa: PLC0415
    from onward.audit.models import AuditEvent  # noqa: PLC0415
    from onward.audit.services import COLUMNS, record_reads  # noqa: PLC0415
    from onward.audit.verify import verify_all  # noqa: PLC0415
    from onward.people.models import Person  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    organization = Organization.objects.create(name="Bench", slug="bench")
    program = Program.objects.create(organization=organization, name="Bench", slug="bench")
    counselor = User.objects.create_user("counselor@bench.test", None, display_name="Casey", role="counselor")
    Person.objects.bulk_create(
        Person(program=program, preferred_name=f"Person {n}", time_zone="UTC") for n in range(options.people)
    )
    people = list(Person.objects.order_by("pk"))
    at = connection.ops.adapt_datetimefield_value(datetime.now(UTC))
    body = '{"action":"profile.read","actor_id":1}'
    label = "Casey <counselor@bench.test> (counselor)"
    rest = ["", "", "treatment", "", "{}", body, "0" * 64, None, "", ""]
    built = [[f"reference:{p.public_id}", at, counselor.pk, label, "profile.read", p.pk, *rest] for p in people]
    params = [value for row in built for value in row]
    marks = ", ".join(["(" + ", ".join(["%s"] * len(COLUMNS)) + ")"] * len(built))
    reference_sql = f"INSERT INTO audit_auditevent ({', '.join(COLUMNS)}) VALUES {marks}"  # noqa: S608 - constants

    def reference() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(reference_sql, params)

    def candidate() -> None:
        with transaction.atomic():  # the page's transaction; the seal runs as it commits
            record_reads(actor=counselor, people=people, action="profile.read", purpose_of=lambda _: "treatment")

    times: dict[str, list[float]] = {"reference": [], "candidate": []}
    for _ in range(options.rounds):
        for name, run in (("reference", reference), ("candidate", candidate)):
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    AuditEvent.objects.filter(chain__startswith="reference:").delete()
    if AuditEvent.objects.filter(seq__isnull=True).exists() or verify_all():
        sys.exit("every event should be sealed and verify")
    ref, cand = statistics.median(times["reference"]), statistics.median(times["candidate"])
    print(f"database: {connection.vendor}; {options.people} people shown, {options.rounds} rounds each")
    print(f"reference, one INSERT of {options.people} built rows: {ref * 1000:.2f} ms")
    print(f"candidate, record_reads and its seal at commit: {cand * 1000:.2f} ms")
    print(f"ratio: {cand / ref:.2f}x (goal <= 3x)")


if __name__ == "__main__":
    sys.exit(main())
