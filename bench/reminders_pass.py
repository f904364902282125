"""Wall time of one pass of the reminders job (`reminders.services.send_due_reminders`) as a ratio to
reading the rows it must read anyway: every person with an active account and their saved choices.

Goal: at most 3x for a pass that finds nothing due (the usual five-minute pass); the pass at the hour
most people's check-in reminders fall due also writes a notification, its deliveries and their tasks
per reminder, and is reported per reminder sent. Not a test.
Run: uv run --frozen python bench/reminders_pass.py [--people 1000] [--days 90] [--rounds 5]

Same process: a freshly migrated database (SQLite in a temporary folder unless ONWARD_DATABASE_URL is
set) gets `onward synth` people; the anchor day's medication orders, appointments and saved meetings
are theirs. Candidate and reference alternate, `--rounds` each; the ratio is of the two medians. The
busy pass runs last, once, inside a transaction that is rolled back.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from io import StringIO

ANCHOR = date(2026, 3, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    os.environ.setdefault("ONWARD_DATA_DIR", tempfile.mkdtemp(prefix="onward-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onward.settings"
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import transaction  # noqa: PLC0415

    from onward.people.models import Person  # noqa: PLC0415
    from onward.reminders.selectors import settings_for  # noqa: PLC0415
    from onward.reminders.services import send_due_reminders  # noqa: PLC0415
    from onward.synth.generate import synthesize  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    synthesize(people=options.people, seed=1, days=options.days, anchor=ANCHOR, stream=StringIO())
    quiet = datetime(2026, 3, 1, 9, 2, tzinfo=UTC)  # 03:02 in Chicago: nothing is due

    def reference() -> None:
        people = list(
            Person.objects.filter(account__isnull=False, account__is_active=True)
            .select_related("account")
            .order_by("pk")
        )
        settings_for(people)

    def candidate() -> None:
        sent = send_due_reminders(now=quiet)
        assert sent == 0, sent  # noqa: S101 - the quiet pass must find nothing

    timings: dict[str, list[float]] = {"candidate": [], "reference": []}
    for _ in range(options.rounds):
        for name, run in (("candidate", candidate), ("reference", reference)):
            started = time.perf_counter()
            run()
            timings[name].append(time.perf_counter() - started)
    cand, ref = statistics.median(timings["candidate"]), statistics.median(timings["reference"])
    busy_at = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 19:00 CST: the default check-in reminder
    with transaction.atomic():
        started = time.perf_counter()
        sent = send_due_reminders(now=busy_at)
        busy = time.perf_counter() - started
        transaction.set_rollback(True)
    out = sys.stdout
    out.write(f"people: {options.people}, history: {options.days} days\n")
    out.write(f"quiet pass: {cand * 1000:.1f} ms; reference: {ref * 1000:.1f} ms; ratio {cand / ref:.2f} (goal <= 3)\n")
    per = busy / sent * 1000 if sent else 0.0
    out.write(f"busy pass: {sent} reminders in {busy * 1000:.0f} ms ({per:.1f} ms each)\n")


if __name__ == "__main__":
    main()
