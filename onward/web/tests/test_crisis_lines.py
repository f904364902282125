"""Crisis lines: dated reference data, on every page; a quick exit for people and supporters."""

import pytest

from onward.web.crisis import crisis_lines, header_lines


def test_every_line_names_its_source_and_when_it_was_checked():
    assert all(line.source and line.checked_on for line in crisis_lines())


def test_emergency_services_lead_the_header():
    assert header_lines()[0].href == "tel:911"
    assert {"tel:988", "tel:+18006624357"} <= {line.href for line in header_lines()}


@pytest.mark.parametrize(
    ("who", "quick_exit"), [("anonymous", False), ("person", True), ("supporter", True), ("counselor", False)]
)
def test_every_page_shows_the_crisis_lines(who, quick_exit, personas, client_as):
    page = client_as(who).get("/accounts/login/" if who == "anonymous" else "/", follow=True).content.decode()
    assert 'href="tel:911"' in page
    assert "988 Suicide &amp; Crisis Lifeline" in page
    assert ("Quick exit" in page) is quick_exit
