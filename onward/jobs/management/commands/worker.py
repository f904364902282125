"""`onward worker`: enqueue the periodic jobs that are due, run every queued task, sleep, repeat.

Run as many as you like, on as many machines: each holds a lease renewed by a heartbeat, and a task
left running by a worker whose lease ran out is made ready again (onward.jobs.leases)."""

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from onward.core import clock
from onward.jobs import leases
from onward.jobs.schedule import enqueue_due


class Command(BaseCommand):
    help = "Run background tasks and the periodic schedule (daily, hourly, five-minute jobs; safe to run many)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one tick and one pass over the queue, then exit")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between passes (default 5)")

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = leases.new_worker_id()
        leases.renew(worker_id)
        heartbeat = leases.Heartbeat(worker_id)
        heartbeat.start()
        try:
            while True:
                for task_id in leases.reclaim_expired():
                    self.stdout.write(f"task {task_id} ready again: its worker's lease ran out")
                for name in enqueue_due(at=clock.now()):
                    self.stdout.write(f"enqueued {name}")
                # --batch: run what is queued now, then return here for the next schedule tick.
                call_command("db_worker", "--batch", "--no-startup-delay", "--worker-id", worker_id, verbosity=0)
                if options["once"]:
                    return
                time.sleep(options["interval"])
        finally:
            heartbeat.stop()
            leases.release(worker_id)
