"""A rule's reasons as a reader sees them: codes in words, ISO moments on the reader's clock."""

from onward.core.words import code_words, reason_words


def test_codes_and_moments_in_a_reason_read_as_words() -> None:
    reason = "Last use (short_acting) 2026-08-08T21:00:00Z; now 2026-12-07T17:08:11.614162Z: day 121"
    assert reason_words(reason, "America/New_York") == (
        "Last use (short acting) Sat 8 Aug, 17:00 EDT; now Mon 7 Dec, 12:08 EST: day 121"
    )
    assert reason_words("settings high_days=14 (§21 craving_high)", "UTC") == "settings high days=14 (§21 craving high)"


def test_addresses_dates_and_plain_words_are_left_alone() -> None:
    for text in ("person@demo.onward.test", "on 2026-08-08", "well-being", "see /people/a_b/", "Mild withdrawal"):
        assert reason_words(text, "UTC") == text


def test_a_dotted_code_names_its_area() -> None:
    assert code_words("help_requests.read") == "help requests: read"
    assert code_words("acute_phase") == "acute phase"
