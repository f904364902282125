"""Does a page cost what it shows, or what the clinic holds? (issue 14, item 8)

Two synthetic clinics are built one after the other in the same process, a small one (the reference,
`--small`, 200 people as `onward demo`) and a large one (`--large`, 2,000 people), each with a year of
history up to today. In each, the same pages are requested as the demo accounts, alternating, and the
median latency and the number of SQL statements of each are recorded:

- the counselor's home (caseload and coming appointments), and a search of it with a filter,
- the staff worklist (nursing and prescribing sections), as the nurse and as the prescriber,
- the program administrator's home,
- the person's Today (the demo person, whose history does not depend on the clinic's size).

Goal: each page in the large clinic at most 1.5x its latency in the small one, and a statement count
that does not grow with the clinic. Not a test. Run:

    uv run --frozen python bench/pages_by_clinic_size.py [--small 200] [--large 2000] [--requests 9]

SQLite in a temporary folder unless ONWARD_DATABASE_URL names a PostgreSQL server database, in which
case two databases `<name>_small` and `<name>_large` are created beside it (and dropped afterwards).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from io import StringIO

PAGES = (
    ("counselor home", "counselor@demo.onward.test", "/"),
    ("caseload search", "counselor@demo.onward.test", "/?q=ro&severity=high"),
    ("worklist (nurse)", "nurse@demo.onward.test", "/worklist/"),
    ("worklist (prescriber)", "prescriber@demo.onward.test", "/worklist/"),
    ("administrator home", "admin@demo.onward.test", "/"),
    ("Today (person)", "person@demo.onward.test", "/"),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=9, help="requests of each page in each clinic")
    options = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="onward-bench-")
    os.environ.setdefault("ONWARD_DATA_DIR", data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "onward.settings"
    os.environ.setdefault("ONWARD_DEMO", "true")  # staff sign in without a second factor, as in the demo
    import django  # noqa: PLC0415

    django.setup()
    from django.conf import settings  # noqa: PLC0415

    database = settings.DATABASES["default"]
    base_name = str(database["NAME"])
    results = {}
    for label, people in (("small", options.small), ("large", options.large)):
        name = _switch_database(database, base_name, label, data_dir)
        print(f"synthesizing {people} people into {name} ...", file=sys.stderr)
        results[label] = _measure(people, options.requests)
        _drop_database(database, base_name, name)
    print(f"database: {database['ENGINE'].rsplit('.', 1)[-1]}")
    print(f"{'page':<24}{'small ms':>10}{'large ms':>10}{'ratio':>8}{'small q':>9}{'large q':>9}  goal <= 1.5x")
    for page, _email, _path in PAGES:
        small_ms, small_q = results["small"][page]
        large_ms, large_q = results["large"][page]
        ratio = large_ms / small_ms
        verdict = "met" if ratio <= 1.5 else "not met"
        print(f"{page:<24}{small_ms:>10.1f}{large_ms:>10.1f}{ratio:>7.2f}x{small_q:>9}{large_q:>9}  {verdict}")


def _switch_database(database: dict, base_name: str, label: str, data_dir: str) -> str:
    from django.db import connection, connections  # noqa: PLC0415

    connections.close_all()
    if connection.vendor == "sqlite":
        database["NAME"] = os.path.join(data_dir, f"bench-{label}.sqlite3")
    else:
        name = f"{base_name}_{label}"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        connections.close_all()
        database["NAME"] = name
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    return str(database["NAME"])


def _drop_database(database: dict, base_name: str, name: str) -> None:
    from django.db import connection, connections  # noqa: PLC0415

    vendor = connection.vendor
    connections.close_all()
    database["NAME"] = base_name
    if vendor != "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connections.close_all()


def _measure(people: int, requests: int) -> dict[str, tuple[float, int]]:
    from django.conf import settings  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext, override_settings  # noqa: PLC0415

    from onward.accounts.models import User  # noqa: PLC0415
    from onward.synth.generate import synthesize  # noqa: PLC0415

    today = date.today()  # noqa: DTZ011 - the synthetic year ends today, as `onward synth` does
    synthesize(people=people, seed=1, days=365, anchor=today, stream=StringIO())
    measured: dict[str, tuple[float, int]] = {}
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        clients = {}
        handler = None
        for page, email, _path in PAGES:
            client = Client()
            client.force_login(User.objects.get(email=email))
            if handler is None:
                client.get("/accounts/login/")
                handler = client.handler
            client.handler = handler  # one request handler, as in a server process
            clients[page] = client
        times: dict[str, list[float]] = {page: [] for page, _, _ in PAGES}
        queries: dict[str, int] = {}
        for _ in range(requests):
            for page, _email, path in PAGES:  # alternate, so other load on the machine falls on all alike
                connection.queries_log.clear()  # the log keeps 9,000 statements; a large page fills it
                with CaptureQueriesContext(connection) as captured:
                    began = time.perf_counter()
                    response = clients[page].get(path)
                    times[page].append(time.perf_counter() - began)
                if response.status_code != 200:
                    raise SystemExit(f"{page} answered {response.status_code}")
                queries[page] = len(captured.captured_queries)
        for page, spent in times.items():
            measured[page] = (statistics.median(spent) * 1000, queries[page])
    return measured


if __name__ == "__main__":
    main()
