"""`onward worker`: enqueue the periodic jobs that are due, run every queued task, sleep, repeat."""

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from onward.core import clock
from onward.jobs.schedule import enqueue_due


class Command(BaseCommand):
    help = "Run background tasks and the periodic schedule (daily, hourly, five-minute jobs; safe to run twice)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one tick and one pass over the queue, then exit")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between passes (default 5)")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            for name in enqueue_due(at=clock.now()):
                self.stdout.write(f"enqueued {name}")
            # --batch: run what is queued now, then return here for the next schedule tick.
            call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
            if options["once"]:
                return
            time.sleep(options["interval"])
