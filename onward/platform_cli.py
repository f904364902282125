"""The platform half of the `onward` command: Django is imported only here, never for `score`/`rule`.

onward migrate                 apply database migrations
onward manage COMMAND …        any Django management command
onward audit verify|digest     check every audit chain / snapshot today's chain heads
onward meetings import …       import a Meeting Guide feed or a BMLT server (file or URL)
"""

import os
import sys
from collections.abc import Sequence

PLATFORM_VERBS = frozenset({"manage", "migrate", "audit", "worker", "meetings"})


def run(args: Sequence[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - keeps `score` light

    verb, rest = args[0], list(args[1:])
    argv = ["onward manage", *rest] if verb == "manage" else ["onward manage", verb, *rest]
    try:
        execute_from_command_line(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
