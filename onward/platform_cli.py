"""The platform half of the `onward` command: Django is imported only here, never for `score`/`rule`.

onward migrate                 apply database migrations
onward manage COMMAND …        any Django management command
onward audit verify|seal|anchor|migrate-keyed|digest   check the audit chains / seal / anchor / key old chains
onward meetings import …       import a Meeting Guide feed or a BMLT server (file or URL)
onward synth --people N --seed S --days D [--anchor YYYY-MM-DD]   fill an empty database with a synthetic history
onward digest                  SHA-256 of every table's rows (same seed, same digest)
onward demo [--port 8000] [--people 200]   the demo clinic on http://127.0.0.1:PORT
onward backup --out FILE       the whole clinic (database and audit anchors) in one file
onward restore FILE            a backup into a new, empty database, with an audit cut-over
"""

import argparse
import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

PLATFORM_VERBS = frozenset(
    {"manage", "migrate", "audit", "worker", "meetings", "synth", "digest", "demo", "backup", "restore"}
)
DEMO_PASSWORD = "onward-demo"  # noqa: S105 - the published password of the demo accounts (README)
DEMO_SEED = 20250101
DEMO_DAYS = 365


def run(args: Sequence[str]) -> int:
    verb, rest = args[0], list(args[1:])
    if verb == "demo":
        return demo(rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")
    if verb == "synth":
        return synth(rest)
    if verb == "digest":
        return digest(rest)
    if verb in {"backup", "restore"}:
        return backup_or_restore(verb, rest)
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - keeps `score` light

    argv = ["onward manage", *rest] if verb == "manage" else ["onward manage", verb, *rest]
    try:
        execute_from_command_line(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0


def synth(args: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="onward synth", description="Fill an empty database with synthetic people.")
    parser.add_argument("--people", type=int, required=True, help="how many people in recovery")
    parser.add_argument("--seed", type=int, required=True, help="the same seed gives the same database")
    parser.add_argument("--days", type=int, default=DEMO_DAYS, help="days of history before the anchor (365)")
    parser.add_argument("--anchor", type=date.fromisoformat, default=None, help="last day of history (today)")
    options = parser.parse_args(args)
    _setup_django()
    from onward.core import clock  # noqa: PLC0415
    from onward.core.errors import InvalidInput  # noqa: PLC0415
    from onward.synth.digest import database_digest  # noqa: PLC0415
    from onward.synth.generate import report, synthesize  # noqa: PLC0415

    anchor = options.anchor or clock.now().date()
    try:
        population = synthesize(people=options.people, seed=options.seed, days=options.days, anchor=anchor)
    except InvalidInput as exc:
        sys.stderr.write("error: " + "; ".join(f"{k} {v}" for k, v in exc.fields.items()) + "\n")
        return 2
    print(report(population))
    print(f"database digest: {database_digest()[0]}")
    return 0


def digest(args: Sequence[str]) -> int:
    argparse.ArgumentParser(prog="onward digest", description="SHA-256 of every table's rows.").parse_args(args)
    _setup_django()
    from onward.synth.digest import database_digest  # noqa: PLC0415

    value, counts = database_digest()
    for table, rows in counts.items():
        print(f"{table}: {rows}")
    print(f"database digest: {value}")
    return 0


def backup_or_restore(verb: str, args: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog=f"onward {verb}")
    if verb == "backup":
        parser.add_argument("--out", type=Path, required=True, help="the backup file to write")
    else:
        parser.add_argument("file", type=Path, help="a file written by `onward backup`")
    options = parser.parse_args(args)
    _setup_django()
    from onward import backup  # noqa: PLC0415

    try:
        if verb == "backup":
            manifest = backup.backup(options.out)
            print(f"backup written: {options.out} ({manifest['engine']}, taken {manifest['created_at']})")
            print(f"database digest: {manifest['digest']}")
            print("The audit key is not in the backup: keep a copy of ONWARD_AUDIT_KEY_FILE apart from it.")
            return 0
        restored = backup.restore(options.file)
    except backup.BackupError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    print(f"restored the backup taken {restored.created_at}")
    print(f"database digest as restored (before the cut-over event): {restored.digest}")
    if restored.anchors_set_aside:
        print(f"the anchor log found here was kept aside as {restored.anchors_set_aside}")
    print("audit: a restore cut-over event and anchor were written; run `onward audit verify`")
    return 0


def demo_environment(data_dir: Path, port: int, current: Mapping[str, str]) -> dict[str, str]:
    """The settings the demo runs with; links in e-mails and texts point at the demo's own address
    unless ONWARD_SITE_URL already names one."""
    return {
        "ONWARD_DATA_DIR": str(data_dir),
        "ONWARD_DEMO": "true",
        "ONWARD_STATIC_ROOT": str(data_dir / "static"),
        "ONWARD_SITE_URL": current.get("ONWARD_SITE_URL") or f"http://127.0.0.1:{port}",
        # E-mails go to files shown at /demo/outbox/, not over the terminal where the logins are.
        "ONWARD_EMAIL_BACKEND": current.get("ONWARD_EMAIL_BACKEND")
        or "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "onward.settings",
    }


def demo(args: Sequence[str]) -> int:
    """Migrate, synthesize (a new demo database only), set the demo logins, then run the worker and a
    production server (gunicorn, static files by WhiteNoise) until interrupted."""
    parser = argparse.ArgumentParser(prog="onward demo", description="Run the demo clinic.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (2)")
    options = parser.parse_args(args)
    started = time.monotonic()
    data_dir = Path(os.environ.get("ONWARD_DATA_DIR") or Path.cwd() / "var" / "demo").resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(demo_environment(data_dir, options.port, os.environ))
    _setup_django()
    from django.core.management import call_command  # noqa: PLC0415

    from onward.core import clock  # noqa: PLC0415
    from onward.people.models import Person  # noqa: PLC0415
    from onward.synth.demo import LOGINS, set_demo_passwords  # noqa: PLC0415
    from onward.synth.generate import report, synthesize  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    if Person.objects.exists():
        print(f"reusing the demo database in {data_dir} (delete the folder for a fresh one)")
    else:
        population = synthesize(people=options.people, seed=DEMO_SEED, days=DEMO_DAYS, anchor=clock.now().date())
        set_demo_passwords(DEMO_PASSWORD)
        print(report(population))
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.db import connections  # noqa: PLC0415

    connections.close_all()
    python = sys.executable
    # The worker's and the server's own output go to files in the data folder, so the logins printed
    # below stay on the screen.
    worker_log = (data_dir / "worker.log").open("a")
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter
        [python, "-m", "onward.platform_cli", "worker"], stdout=worker_log, stderr=subprocess.STDOUT
    )
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
        [
            python,
            "-m",
            "gunicorn",
            "onward.wsgi:application",
            "--bind",
            f"127.0.0.1:{options.port}",
            "--workers",
            str(options.workers),
            "--no-control-socket",
            "--graceful-timeout",
            "5",
            "--access-logfile",
            str(data_dir / "access.log"),
            # No paths in the access log: they carry record ids and the secret of calendar feed URLs.
            "--error-logfile",
            str(data_dir / "server.log"),
            "--access-logformat",
            '%(h)s %(t)s "%(m)s" %(s)s %(b)s %(M)sms',
        ]
    )
    try:
        if _wait_for_port(options.port, server):
            url = f"http://127.0.0.1:{options.port}"
            print(f"\nLogs: {data_dir / 'server.log'}, {data_dir / 'access.log'}, {data_dir / 'worker.log'}")
            print(f"E-mails the demo sends (invitations, password resets): {url}/demo/outbox/")
            print(f"\nOnward demo: {url}/  (ready in {time.monotonic() - started:.0f} s)")
            print(f"Every demo account's password is {DEMO_PASSWORD}; staff need no second factor in demo mode.")
            for email, role in LOGINS:
                print(f"  {role:<24} {email}")
            print("Stop with Ctrl-C.", flush=True)
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for process in (server, worker):
            if process.poll() is None:
                process.terminate()
        for process in (server, worker):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        worker_log.close()


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")
    import django  # noqa: PLC0415 - keeps `score` light

    django.setup()


def _wait_for_port(port: int, server: subprocess.Popen[bytes], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
