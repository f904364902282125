"""`onward meetings import PATH|URL --kind meeting_guide|bmlt|table --fellowship F --timezone TZ …` (formats.md §4);
`table` (alias `csv`) reads the CSV template of docs/meetings-csv.md."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onward.core.errors import InvalidInput
from onward.meetings.services import find_or_create_source, import_source

EXIT_FEED_FAILED = 1
EXIT_BAD_OPTIONS = 2


def _service_bodies(raw: str) -> list[int]:
    try:
        return [int(part) for part in raw.split(",") if part.strip()]
    except ValueError as error:
        raise InvalidInput({"service-bodies": "must be ids like 7,12"}, "The import options need attention.") from error


class Command(BaseCommand):
    help = "Import support-group meetings from a Meeting Guide feed, a BMLT server or a CSV table (file or URL)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("import", help="import one source; it is created on the first run")
        run.add_argument("location", help="a file path, a feed URL, a BMLT root server URL, or a CSV file")
        run.add_argument("--kind", required=True, choices=["meeting_guide", "bmlt", "table", "csv"], help="csv = table")
        run.add_argument("--fellowship", required=True, help="aa, na, ha, … (decides the type-code list)")
        run.add_argument("--timezone", required=True, help="the source's default IANA zone")
        run.add_argument("--service-bodies", default="", help="BMLT service-body ids, comma-separated")
        run.add_argument("--org", default="", help="slug of the organization that owns the source")
        run.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for a URL (default 60)")
        run.add_argument("--json", action="store_true", help="print the import report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            source = find_or_create_source(
                kind="table" if options["kind"] == "csv" else options["kind"],
                location=options["location"],
                fellowship=options["fellowship"],
                default_timezone=options["timezone"],
                service_body_ids=_service_bodies(options["service_bodies"]),
                organization_slug=options["org"],
            )
        except InvalidInput as error:
            problems = "; ".join(f"--{name}: {message}" for name, message in error.fields.items())
            raise CommandError(f"{error.message} {problems}", returncode=EXIT_BAD_OPTIONS) from error
        report = import_source(source, timeout=options["timeout"])
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            counts = ", ".join(f"{name} {number}" for name, number in report.as_json()["counts"].items())
            self.stdout.write(f"{source.name}: {report.status}; {counts}")
            if report.message:
                self.stdout.write(report.message)
        if report.failed:
            raise CommandError(f"import failed ({report.failure}): {report.message}", returncode=EXIT_FEED_FAILED)
