"""Where the shared reference files live: `../shared` beside the project root, read in place."""

from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
EXAMPLES = SHARED / "formats" / "examples"
MEETING_GUIDE_DATA = SHARED / "reference-data" / "meeting-guide"
BMLT_DATA = SHARED / "reference-data" / "bmlt"
