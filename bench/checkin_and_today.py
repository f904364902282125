"""The person's daily loop under load (issue 6): two ratios against reference runs in the same process.

1. Check-in POST throughput: `POST /api/v1/people/{id}/checkins` through the full production path
   (middleware, session sign-in, validation, the check-in and its revision, audit event, early-warning
   evaluation of 35 days and any alert) against a bare Django view that does one INSERT of one row.
   Goal: at least 0.5x the bare view's throughput.
2. Today latency: `GET /` for a person with a year of history (the synthetic clinic's demo person)
   against the sign-in page. Goal: at most 2x its latency.

Not a test. Run: uv run --frozen python bench/checkin_and_today.py [--people 300] [--requests 200]

Same process, same database: a freshly migrated database (SQLite in a temporary folder unless
ONWARD_DATABASE_URL is set) is filled by `onward synth` (`--people`, a year of history up to today). The
requests go through Django's test client (the whole request handler and middleware stack, no network).
Check-ins: every synthetic person who checked in yesterday and not yet today sends one, each from their
own signed-in session (a new day's check-in, as in everyday use; `--returning`: people back after days
away instead, whose check-in raises a missed-check-ins alert to their care team); the bare view inserts
one row into a table made for the benchmark, from a signed-in session too. The two alternate in blocks
of 10, so load from other work on the machine falls on both alike; throughput is requests / total time
of each. Today: the
demo person's page and the sign-in page alternate, `--requests` each; latency is the median.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from importlib import import_module
from io import StringIO


def main() -> None:  # noqa: PLR0915 - one benchmark, set up and run in order
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--requests", type=int, default=200, help="Today and sign-in page requests, each")
    parser.add_argument("--returning", action="store_true", help="check-ins of people back after days away")
    options = parser.parse_args()
    os.environ.setdefault("ONWARD_DATA_DIR", tempfile.mkdtemp(prefix="onward-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onward.settings"
    import django  # noqa: PLC0415

    django.setup()
    from django.conf import settings  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.http import HttpRequest, HttpResponse  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import override_settings  # noqa: PLC0415
    from django.urls import path  # noqa: PLC0415

    from onward.alerts.models import Alert  # noqa: PLC0415
    from onward.checkins.models import CheckIn  # noqa: PLC0415
    from onward.people.models import Person  # noqa: PLC0415
    from onward.synth.generate import synthesize  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    today = date.today()  # noqa: DTZ011 - the synthetic year ends today, as `onward synth` does
    print(f"synthesizing {options.people} people, 365 days up to {today} ...", file=sys.stderr)
    synthesize(people=options.people, seed=1, days=365, anchor=today, stream=StringIO())
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_row (id BIGINT PRIMARY KEY, person_id INTEGER, body VARCHAR(200))")

    def bare_insert(request: HttpRequest) -> HttpResponse:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO bench_row (id, person_id, body) VALUES (%s, %s, %s)",
                [uuid.uuid4().int >> 80, request.user.pk, request.body.decode()[:200]],
            )
        return HttpResponse(status=201)

    module = type(sys)("bench_urls")
    module.urlpatterns = [path("bench/bare-insert/", bare_insert), *import_module("onward.urls").urlpatterns]  # type: ignore[attr-defined]
    sys.modules["bench_urls"] = module

    with override_settings(ROOT_URLCONF="bench_urls", ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        # 1. Check-ins: one signed-in session per person without a check-in today (set up untimed).
        # People in care who checked in yesterday and not yet today: their check-in is the everyday one.
        # People back after days away are benchmarked apart (`--returning`): theirs raises a
        # missed-check-ins alert to the whole care team, with its notifications.
        people = list(Person.objects.select_related("account").filter(account__isnull=False).order_by("pk"))
        days = {}
        for person_id, local_date in CheckIn.objects.filter(local_date__gte=today - timedelta(days=1)).values_list(
            "person_id", "local_date"
        ):
            days.setdefault(person_id, set()).add(local_date)
        senders = []
        for person in people:
            seen = days.get(person.pk, set())
            everyday = today - timedelta(days=1) in seen and today not in seen
            if everyday != options.returning and today not in seen:
                client = Client()
                client.force_login(person.account)
                senders.append((client, person))
        alerts_before = Alert.objects.count()
        body = (
            '{"mood": "okay", "craving": 3, "stress": "some", "sleep_hours": 7, "support_contact": true,'
            ' "note": "a steady day"}'
        )
        bare_client = Client()
        bare_client.force_login(people[0].account)
        # One request handler for every session, as in a server process: each Client would otherwise
        # build the middleware chain (and WhiteNoise's file index) on its first request.
        for client, _person in senders:
            client.handler = bare_client.handler
        full_time = bare_time = 0.0
        full_count = bare_count = 0
        for start in range(0, len(senders), 10):
            block = senders[start : start + 10]
            began = time.perf_counter()
            for client, person in block:
                response = client.post(
                    f"/api/v1/people/{person.public_id}/checkins", body, content_type="application/json"
                )
                if response.status_code not in (200, 201):
                    raise SystemExit(f"check-in refused: {response.status_code} {response.content[:300]!r}")
            full_time += time.perf_counter() - began
            full_count += len(block)
            began = time.perf_counter()
            for _ in block:
                response = bare_client.post("/bench/bare-insert/", body, content_type="application/json")
                if response.status_code != 201:
                    raise SystemExit(f"bare insert failed: {response.status_code}")
            bare_time += time.perf_counter() - began
            bare_count += len(block)
        full_rate, bare_rate = full_count / full_time, bare_count / bare_time
        raised = Alert.objects.count() - alerts_before
        kind = "returning after days away" if options.returning else "checked in yesterday"
        print(
            f"check-in POST (full path; people who {kind}; {raised} alerts raised): {full_count} requests,"
            f" {full_rate:.1f}/s"
        )
        print(f"bare one-INSERT view:      {bare_count} requests, {bare_rate:.1f}/s")
        verdict = "met" if full_rate / bare_rate >= 0.5 else "not met"
        print(f"ratio (full / bare throughput): {full_rate / bare_rate:.2f}x; goal >= 0.5x: {verdict}")

        # 2. Today for the demo person (a year of history) against the sign-in page.
        jordan = Person.objects.select_related("account").get(account__email="person@demo.onward.test")
        history = CheckIn.objects.filter(person=jordan).count()
        own = Client()
        own.force_login(jordan.account)
        anonymous = Client()
        own.handler = anonymous.handler = bare_client.handler
        today_times, login_times = [], []
        for _ in range(options.requests):
            began = time.perf_counter()
            response = own.get("/")
            today_times.append(time.perf_counter() - began)
            if response.status_code != 200 or b"check-in" not in response.content.lower():
                raise SystemExit(f"Today failed: {response.status_code}")
            began = time.perf_counter()
            response = anonymous.get("/accounts/login/")
            login_times.append(time.perf_counter() - began)
            if response.status_code != 200:
                raise SystemExit(f"sign-in page failed: {response.status_code}")
        today_ms, login_ms = statistics.median(today_times) * 1000, statistics.median(login_times) * 1000
        print(f"Today (demo person, {history} check-ins in a year): median {today_ms:.2f} ms")
        print(f"sign-in page:                                  median {login_ms:.2f} ms")
        verdict = "met" if today_ms / login_ms <= 2 else "not met"
        print(f"ratio (Today / sign-in latency): {today_ms / login_ms:.2f}x; goal <= 2x: {verdict}")
    print(f"database: {connection.vendor}", file=sys.stderr)


if __name__ == "__main__":
    main()
