"""The outside meeting-feed files the tests read, kept with the suite in `tests/fixtures/` (MIT and
Onward's own examples; tests/fixtures/README.md gives each file's provenance and licence)."""

from tests.shared import FIXTURES

FORMATS = FIXTURES / "formats"
EXAMPLES = FORMATS / "examples"
MEETING_GUIDE_DATA = FIXTURES / "reference-data" / "meeting-guide"
BMLT_DATA = FIXTURES / "reference-data" / "bmlt"
