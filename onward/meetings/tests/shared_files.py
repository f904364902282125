"""Where the shared reference files live: `../shared` beside the project root, read in place.

A clone of Onward alone has no `../shared`: a test module that reads these files calls
`skip_without_shared()` after its imports and is skipped as a whole, with the reason, instead of failing
on a missing file (CI has `../shared`). Only naming a path, as the authorization matrix does, needs nothing."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
EXAMPLES = SHARED / "formats" / "examples"
MEETING_GUIDE_DATA = SHARED / "reference-data" / "meeting-guide"
BMLT_DATA = SHARED / "reference-data" / "bmlt"


def skip_without_shared() -> None:
    """Skip the calling test module when `../shared` is not beside this clone."""
    if not SHARED.is_dir():
        pytest.skip(
            f"the shared reference files are not beside this clone ({SHARED.resolve()})", allow_module_level=True
        )
