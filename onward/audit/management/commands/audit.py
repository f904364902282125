"""`onward audit verify|seal|anchor|migrate-keyed|digest` (docs/ARCHITECTURE.md, Audit trail)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onward.audit.anchors import write_anchor
from onward.audit.migrate import migrate_keyed
from onward.audit.services import make_daily_digest, seal
from onward.audit.verify import verify_report


class Command(BaseCommand):
    help = "Verify the audit chains; seal pending events; anchor the heads; key plain chains; daily digest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "seal", "anchor", "migrate-keyed", "digest"])

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "digest":
            digest = make_daily_digest()
            self.stdout.write(f"digest of {len(digest.heads)} chain heads for {digest.day}: {digest.hash}")
        elif action == "seal":
            self.stdout.write(f"sealed {len(seal())} events")
        elif action == "anchor":
            seal()
            anchor = write_anchor(force=True)
            written = "another worker holds the anchor lock" if anchor is None else f"anchor {anchor['n']} written"
            self.stdout.write(written)
        elif action == "migrate-keyed":
            chains = migrate_keyed()
            self.stdout.write(f"{chains} plain chains keyed, each with an audit.keyed_cutover event; anchored")
        else:
            self._verify()

    def _verify(self) -> None:
        report = verify_report()
        for problem in report.breaks:
            self.stderr.write(str(problem))
        self.stdout.write(report.summary())
        if report.breaks:
            raise CommandError(f"{len(report.breaks)} broken audit chain(s), digest(s) or anchor(s)")
        self.stdout.write("every audit chain, digest and anchor is intact")
