"""`onward audit verify` walks every chain; `onward audit digest` snapshots today's chain heads."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onward.audit.services import make_daily_digest
from onward.audit.verify import verify_all


class Command(BaseCommand):
    help = "Verify the audit hash chains, or record today's digest of chain heads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "digest"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "digest":
            digest = make_daily_digest()
            self.stdout.write(f"digest of {len(digest.heads)} chain heads for {digest.day}: {digest.hash}")
            return
        breaks = verify_all()
        for problem in breaks:
            self.stderr.write(str(problem))
        if breaks:
            raise CommandError(f"{len(breaks)} broken audit chain(s) or digest(s)")
        self.stdout.write("every audit chain and digest is intact")
