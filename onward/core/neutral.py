"""The words a notification never carries, and the neutral text that goes outside Onward.

A phone's lock screen or a shared inbox is not private (42 CFR Part 2 protects the fact of treatment
itself), so titles, bodies, e-mails and text messages say only that there is something to read, and
the detail waits behind the sign-in. This is the one list; the tests read it too.
"""

import re

from onward.core.errors import InvalidInput

# Word stems: "screen" also catches "screening", "dose" catches "dosing" and "doses".
FORBIDDEN_WORDS: tuple[str, ...] = (
    "opioid",
    "opiate",
    "heroin",
    "fentanyl",
    "methadone",
    "buprenorphine",
    "suboxone",
    "naltrexone",
    "vivitrol",
    "naloxone",
    "narcan",
    "treatment",
    "detox",
    "withdrawal",
    "overdose",
    "screen",
    "urine",
    "dose",
    "dosing",
    "medication",
    "drug",
    "relapse",
    "return to use",
    "substance",
    "addiction",
    "recovery",
    "rehab",
    "clinic",
    "counsel",
    "craving",
)

OUTSIDE_SUBJECT = "You have a new message in Onward"
OUTSIDE_TEXT = "You have a new message in Onward. Sign in to read it:"
# A request for help, or an answer to one, between a person and their supporters: told apart from a
# reminder, still naming no one and no care.
OUTSIDE_HELP_SUBJECT = "Someone would like to hear from you in Onward"
OUTSIDE_HELP_TEXT = "Someone would like to hear from you. Sign in to Onward to see who:"

_PATTERN = re.compile("|".join(re.escape(word) for word in FORBIDDEN_WORDS), re.IGNORECASE)


def forbidden_words_in(text: str) -> list[str]:
    """The forbidden words found in `text`, lower-cased, in order of appearance."""
    return [match.group(0).lower() for match in _PATTERN.finditer(text)]


def require_neutral(**texts: str) -> None:
    """InvalidInput naming each text that would tell an onlooker about care or substances."""
    problems = {
        field: "must not name substances, care or medication: " + ", ".join(found)
        for field, text in texts.items()
        if (found := forbidden_words_in(text))
    }
    if problems:
        raise InvalidInput(problems)
