"""Meeting sources in Chromium: a program admin registers a feed (served from the shared example file by a
local HTTP server, never the internet), refreshes it and reads its report; then uploads a CSV table with
a misspelt day and sees that row's error. Each page passes axe-core."""

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from onward.meetings.models import Meeting
from onward.meetings.tests.shared_files import EXAMPLES
from tests.e2e.axe import serious_violations
from tests.e2e.test_role_homes import sign_in


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def examples_url(settings) -> Iterator[str]:
    """The shared example payloads over HTTP on a free local port (a loopback address, so allowed here)."""
    settings.MEETING_FEEDS_ALLOW_PRIVATE = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(EXAMPLES)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def admin_signed_in(page, live_server, personas, settings):
    settings.DEMO = True  # staff sign in without a second factor, so the pages themselves are tested
    sign_in(page, live_server.url, personas.program_admin.email)
    page.get_by_role("link", name="Group meetings").click()
    return page


@pytest.mark.django_db(transaction=True)
def test_an_admin_registers_a_feed_refreshes_it_and_reads_its_report(admin_signed_in, examples_url):
    page = admin_signed_in
    page.get_by_role("link", name="Meeting sources (feeds)").click()
    page.get_by_role("heading", name="Register a source").wait_for()
    assert serious_violations(page) == []
    page.get_by_label("Name (for staff)").fill("Example intergroup")
    page.get_by_label("Kind").select_option("meeting_guide")
    page.get_by_label("Address (https://…)").fill(f"{examples_url}/meeting-guide-feed.example.json")
    page.get_by_label("Fellowship").select_option("aa")
    page.get_by_label("Default time zone").fill("America/Chicago")
    page.get_by_label("Refresh:", exact=True).select_option("weekly")
    page.get_by_role("button", name="Register source").click()
    page.get_by_role("heading", name="Example intergroup").wait_for()
    assert page.locator("#source-status").inner_text() == "never_run"
    page.get_by_role("button", name="Refresh now").click()
    page.locator("#source-status").filter(has_text="ok").wait_for()
    counts = page.locator(".report .counts").first.inner_text()
    assert "7 created · 0 updated · 0 unchanged · 0 rejected · 0 removed" in counts
    assert serious_violations(page) == []
    assert Meeting.objects.filter(source__name="Example intergroup").count() == 7

    page.get_by_role("link", name="Back to meeting sources").click()
    row = page.get_by_role("row").filter(has_text="Example intergroup")
    assert "weekly" in row.inner_text()
    assert "ok" in row.inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_csv_upload_shows_the_row_with_an_error(admin_signed_in, tmp_path):
    page = admin_signed_in
    path = tmp_path / "groups.csv"
    path.write_text(
        "ID,Name,Day,Time,City,State,Conference URL\n"
        "mon,Monday Tools,Monday,7:00 PM,Anytown,IL,https://zoom.us/j/1234567890\n"
        "sun,Sunday Tools,Sundy,10:00 AM,Anytown,IL,https://zoom.us/j/1234567891\n",
        encoding="utf-8",
    )
    page.get_by_role("link", name="Upload a CSV table").click()
    page.get_by_role("heading", name="Upload a CSV table", exact=False).wait_for()
    expect(page.get_by_role("link", name="CSV template")).to_be_visible()
    page.get_by_label("CSV file (UTF-8)").set_input_files(str(path))
    page.get_by_label("Name of a new table").fill("SMART groups")
    page.get_by_label("Fellowship of a new table").select_option("smart")
    page.get_by_label("Default time zone of a new table").fill("America/Chicago")
    page.get_by_role("button", name="Upload").click()
    page.get_by_role("heading", name="Upload report").wait_for()
    error_row = page.locator("table.rejections tbody tr")
    assert error_row.count() == 1
    cells = error_row.get_by_role("cell").all_inner_texts()
    assert cells[:3] == ["3", "Day", "sun"]
    assert "'Sundy'" in cells[3]
    assert serious_violations(page) == []
    assert list(Meeting.objects.values_list("source_key", flat=True)) == ["mon"]
    # The next upload replaces this table unless another is chosen.
    assert page.get_by_label("Replace the meetings of").input_value() != "new"
