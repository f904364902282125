"""Many people at once against the real server (issue 16, item 7). Not a test: a load run with a report.

A synthetic clinic (`--people`, default 200) is built in a fresh database — PostgreSQL when
ONWARD_DATABASE_URL names a server (a database `<name>_load` is created beside it and dropped after),
SQLite in a temporary folder otherwise — and served by gunicorn (`--workers`, default 4) in demo mode (so
staff sign in without a second factor). `--users` simulated users (default 200; one in ten a staff
member, the rest people in recovery, each with their own account) sign in once, then for `--seconds`
(default 300) repeat what they do in a day, with a random pause of 1–`--think` seconds between requests:

- a person: Today, the check-in page and sending a check-in, the meeting finder;
- a staff member: the caseload (their home) and the meeting finder.

The client is plain threads and urllib (no extra package). It reports, per page, the number of requests,
errors (any status other than 200/302, or no answer within 30 s), the median and the 95th percentile,
and the 95th percentile as a ratio to the sign-in page's. Goal: zero errors. Run:

    uv run --frozen python bench/load_many_users.py [--users 200] [--seconds 300] [--workers 4]
"""

import argparse
import http.cookiejar
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ONWARD = [sys.executable, "-m", "onward.platform_cli"]
PASSWORD = "load-test-password"  # noqa: S105 - set on the synthetic accounts of a throwaway database
ACCOUNTS = """
import json
from django.contrib.auth.hashers import make_password
from onward.accounts.models import User
from onward.people.models import Person
hashed = make_password("PASSWORD")
User.objects.update(password=hashed)
people = Person.objects.exclude(account=None).select_related("account")
people = [(p.account.email, str(p.public_id)) for p in people]
staff = User.objects.filter(role__in=["counselor", "nurse", "prescriber", "coach"])
staff = list(staff.values_list("email", flat=True))
print(json.dumps({"people": people, "staff": staff}))
""".replace("PASSWORD", PASSWORD)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)

    def add(self, page: str, seconds: float, error: str = "") -> None:
        with self.lock:
            if error:
                self.errors[page].append(error)
            else:
                self.times[page].append(seconds)


class User:
    def __init__(self, base: str, stats: Stats) -> None:
        self.base, self.stats = base, stats
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, page: str, path: str) -> str:
        return self._send(page, urllib.request.Request(self.base + path))  # noqa: S310 - our own http server

    def post(self, page: str, path: str, form: dict[str, str]) -> str:
        data = urllib.parse.urlencode(form, doseq=True).encode()
        headers = {"Referer": self.base + path}
        request = urllib.request.Request(self.base + path, data=data, headers=headers)  # noqa: S310 - our server
        return self._send(page, request)

    def _send(self, page: str, request: urllib.request.Request) -> str:
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                body = response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            self.stats.add(page, 0, f"HTTP {error.code}")
            return ""
        except OSError as error:
            self.stats.add(page, 0, type(error).__name__)
            return ""
        self.stats.add(page, time.perf_counter() - started)
        return body

    def sign_in(self, email: str) -> bool:
        form = self.get("sign-in page", "/accounts/login/")
        token = CSRF.search(form)
        if not token:
            return False
        answers = {"csrfmiddlewaretoken": token[1], "email": email, "password": PASSWORD}
        home = self.post("sign in + home", "/accounts/login/", answers)  # the redirect to the home is followed
        if home and "Sign out" not in home:
            self.stats.add("sign in + home", 0, "not signed in")
        return "Sign out" in home


def person_day(user: User, person_id: str) -> None:
    user.get("Today", "/")
    page = user.get("check-in page", f"/people/{person_id}/checkin/")
    token = CSRF.search(page)
    if token:
        answers = {
            "csrfmiddlewaretoken": token[1],
            "mood": random.choice(["low", "okay", "good"]),  # noqa: S311 - load, not security
            "craving": str(random.randint(0, 6)),  # noqa: S311
            "sleep_hours": "7",
            "stress": "a_little",
            "used": "no",
            "support_contact": "yes",
        }
        user.post("check-in POST", f"/people/{person_id}/checkin/", answers)
    user.get("meeting finder", "/meetings/?day=1")


def staff_day(user: User, _: str) -> None:
    user.get("caseload", "/")
    user.get("meeting finder", "/meetings/?day=1")


def run_user(base: str, stats: Stats, email: str, person_id: str, until: float, think: float, ramp: float) -> None:
    user = User(base, stats)
    time.sleep(random.uniform(0, ramp))  # noqa: S311 - people arrive over the ramp, not in the same second
    if not user.sign_in(email):
        return  # counted as the sign-in's error
    day = person_day if person_id else staff_day
    while time.monotonic() < until:
        day(user, person_id)
        time.sleep(random.uniform(1, think))  # noqa: S311


def main() -> None:  # noqa: PLR0915 - one run, set up, driven and reported in order
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=10.0, help="longest pause between two steps (10 s)")
    parser.add_argument("--ramp", type=float, default=60.0, help="users arrive over this many seconds (60)")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="onward-load-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONWARD_")}
    env |= {"ONWARD_DATA_DIR": str(folder), "ONWARD_DEMO": "true", "ONWARD_ALLOWED_HOSTS": "127.0.0.1"}
    server_url, database = os.environ.get("ONWARD_DATABASE_URL", ""), ""
    if server_url.startswith("postgres"):
        root, database = server_url.rsplit("/", 1)[0], server_url.rsplit("/", 1)[1] + "_load"
        subprocess.run(["psql", root + "/postgres", "-qc", f"CREATE DATABASE {database}"], check=True)
        env["ONWARD_DATABASE_URL"] = f"{root}/{database}"
    engine = "PostgreSQL" if database else "SQLite"
    try:
        subprocess.run([*ONWARD, "migrate"], env=env, check=True, capture_output=True)
        subprocess.run(
            [*ONWARD, "synth", "--people", str(options.people), "--seed", "3"], env=env, check=True, capture_output=True
        )
        shell = subprocess.run(
            [*ONWARD, "manage", "shell", "-c", ACCOUNTS], env=env, check=True, capture_output=True, text=True
        )
        accounts = json.loads(shell.stdout.strip().splitlines()[-1])
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "onward.wsgi",
                "--workers",
                str(options.workers),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=2)  # noqa: S310 - local
                break
            except OSError:
                time.sleep(0.2)
        stats = Stats()
        until = time.monotonic() + options.seconds
        people, staff = accounts["people"], accounts["staff"]
        threads = []
        for n in range(options.users):
            email, person_id = (staff[n % len(staff)], "") if n % 10 == 9 and staff else people[n % len(people)]
            args = (base, stats, email, person_id, until, options.think, options.ramp)
            threads.append(threading.Thread(target=run_user, args=args, daemon=True))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    finally:
        if database:
            root = env["ONWARD_DATABASE_URL"].rsplit("/", 1)[0]
            subprocess.run(
                ["psql", root + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"], check=False
            )

    reference = (
        statistics.quantiles(stats.times["sign-in page"], n=20)[-1] if len(stats.times["sign-in page"]) > 1 else 0
    )
    print(f"{engine}, {options.users} users, {options.seconds} s, gunicorn --workers {options.workers}", end="")
    print(f", {options.people} people in the clinic")
    print(f"{'page':<16}{'requests':>9}{'errors':>8}{'median ms':>11}{'p95 ms':>9}{'p95 / sign-in':>15}")
    total_errors = 0
    for page in sorted(set(stats.times) | set(stats.errors)):
        times, errors = stats.times[page], stats.errors[page]
        total_errors += len(errors)
        median = statistics.median(times) * 1000 if times else 0
        p95 = statistics.quantiles(times, n=20)[-1] * 1000 if len(times) > 1 else median
        ratio = p95 / (reference * 1000) if reference else 0
        print(f"{page:<16}{len(times) + len(errors):>9}{len(errors):>8}{median:>11.0f}{p95:>9.0f}{ratio:>14.2f}x")
    for page, errors in stats.errors.items():
        if errors:
            print(f"  {page}: {sorted(set(errors))}")
    print(f"errors: {total_errors} (goal 0)")


if __name__ == "__main__":
    main()
