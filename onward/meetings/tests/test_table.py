"""The CSV table import (formats.md §1.8): the template, row-and-column rejections in the §4.6 report,
idempotency, soft removal, whole-file failures, the command and the staff upload page."""

import json
from datetime import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from onward.core.errors import Forbidden
from onward.meetings import sources
from onward.meetings.feeds import table
from onward.meetings.feeds.fields import DEFAULT_PROVIDERS
from onward.meetings.feeds.record import FeedError, SourceSettings
from onward.meetings.models import ImportRun, ImportStatus, Meeting, SourceKind
from onward.meetings.views import TEMPLATE_CSV

pytestmark = pytest.mark.django_db

SETTINGS = SourceSettings("smart", "America/Chicago", DEFAULT_PROVIDERS)
HEADER = "ID,Name,Day,Time,End Time,City,State,Address,Postal Code,Country,Approximate,Conference URL,Regions\n"
GOOD = "tue,Tuesday Tools,Tuesday,7:00 PM,8:30 PM,Anytown,IL,1 Elm Street,60601,US,no,,Anytown > East\n"
ONLINE = "wed,Online Wednesday,3,12:00,,Anytown,IL,,,,yes,https://zoom.us/j/1234567890,\n"
BAD_DAY = "fun,Funday,Funday,7:00 PM,,Anytown,IL,1 Elm Street,60601,US,no,,\n"
BAD_TIME = "late,Late,Friday,25:99,,Anytown,IL,1 Elm Street,60601,US,no,,\n"
NOWHERE = "nowhere,Nowhere,Monday,7:00 PM,,,,,,,,,\n"


def upload(personas, text, *, source=None, who="counselor"):
    return sources.upload_table(
        actor=personas.users[who],
        organization=personas.organization,
        body=text.encode() if isinstance(text, str) else text,
        source=source,
        name="SMART groups",
        fellowship="smart",
        timezone="America/Chicago",
    )


def test_the_template_reads_with_no_rejection_and_no_flag():
    parsed, read = table.parse(TEMPLATE_CSV.read_bytes(), SETTINGS)
    assert parsed.rejections == []
    assert read.ignored == []
    (record,) = parsed.records
    assert (record.day, record.start_time, record.duration_minutes) == (2, time(19, 0), 90)
    assert (record.attendance, record.flags, record.regions) == ("hybrid", [], ["Anytown", "Riverside"])
    assert record.types == ["D", "O"]


def test_every_documented_heading_is_in_the_template():
    documented = (TEMPLATE_CSV.parents[4] / "docs" / "meetings-csv.md").read_text()
    for heading in TEMPLATE_CSV.read_text().splitlines()[0].split(","):
        assert f"`{heading}`" in documented, heading


def test_bad_rows_are_listed_by_row_and_column_and_the_rest_import(personas):
    source, report = upload(personas, HEADER + GOOD + BAD_DAY + "\n" + BAD_TIME + ONLINE + NOWHERE)
    data = report.as_json()
    assert data["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 3, "removed": 0, "flagged": 2}
    assert data["flag_counts"] == {"timezone_from_source": 2}  # the file has no Timezone column
    assert [(r["row"], r["column"], r["code"]) for r in data["rejections"]] == [
        (3, "Day", "day_invalid"),
        (5, "Time", "time_invalid"),
        (7, "Full Address", "no_location_or_link"),
    ]
    assert "'Funday'" in data["rejections"][0]["message"]
    assert source.kind == SourceKind.TABLE
    assert source.url == ""
    online = Meeting.objects.get(source=source, source_key="wed")
    assert (online.day, online.attendance, online.timezone) == (3, "online", "America/Chicago")


def test_the_same_file_again_changes_nothing_and_a_missing_row_is_soft_removed(personas):
    source, _ = upload(personas, HEADER + GOOD + ONLINE)
    stored = {m.source_key: m.updated_at for m in source.meetings.all()}
    _, again = upload(personas, HEADER + GOOD + ONLINE, source=source)
    assert again.as_json()["counts"]["unchanged"] == 2
    assert {m.source_key: m.updated_at for m in source.meetings.all()} == stored
    _, shorter = upload(personas, HEADER + GOOD, source=source)
    assert (shorter.counts.removed, shorter.counts.unchanged) == (1, 1)
    assert Meeting.objects.get(source=source, source_key="wed").removed_at is not None


def test_a_rejected_row_keeps_its_stored_meeting(personas):
    source, _ = upload(personas, HEADER + GOOD)
    _, report = upload(personas, HEADER + GOOD.replace("Tuesday,", "Tuesdai,", 1), source=source)
    assert (report.counts.rejected, report.counts.removed) == (1, 0)
    assert Meeting.objects.get(source=source, source_key="tue").removed_at is None


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"Name,Day\nx,1\n", "ID column"),
        ("ID,Name\nx,Caf\xe9\n".encode("latin-1"), "UTF-8"),
        (b"", "empty"),
        (b"ID,id\n1,2\n", "twice"),
    ],
)
def test_a_file_that_is_not_a_table_fails_whole_and_changes_nothing(personas, body, words):
    source, _ = upload(personas, HEADER + GOOD)
    _, report = upload(personas, body, source=source)
    assert report.status == ImportStatus.FAILED
    assert words in report.message
    assert report.failure == "feed_unreadable"
    assert source.meetings.filter(removed_at__isnull=True).count() == 1


def test_unknown_headings_are_named_in_the_report(personas):
    _, report = upload(
        personas, "ID,Name,City,State,Conference URL,Colour\nx,X,Anytown,IL,https://zoom.us/j/1234567890,red\n"
    )
    assert report.message == "columns not read (no such Meeting Guide field): Colour"


def test_a_quoted_line_break_keeps_the_row_numbers_of_the_file():
    body = b'ID,Name,Notes,Day,Time,City,State\na,A,"two\nlines",1,19:00,Anytown,IL\nb,B,,9,19:00,Anytown,IL\n'
    parsed, _ = table.parse(body, SETTINGS)
    assert [(r.row, r.column) for r in parsed.rejections] == [(4, "Day")]
    assert parsed.records[0].notes == "two\nlines"


def test_read_table_refuses_more_than_the_row_limit(monkeypatch):
    monkeypatch.setattr(table, "MAX_ROWS", 2)
    with pytest.raises(FeedError):
        table.read_table(b"ID\n1\n2\n3\n")


def test_the_command_imports_a_csv_file_and_prints_the_report(tmp_path, capsys):
    path = tmp_path / "groups.csv"
    path.write_text(HEADER + GOOD + BAD_DAY, encoding="utf-8")
    options = ["--kind", "csv", "--fellowship", "smart", "--timezone", "America/Chicago", "--json"]
    call_command("meetings", "import", str(path), *options)
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["created"] == 1
    assert report["rejections"][0] | {"message": ""} == {
        "index": 1,
        "source_key": "fun",
        "field": "day",
        "code": "day_invalid",
        "message": "",
        "row": 3,
        "column": "Day",
    }
    call_command("meetings", "import", str(path), *options)
    assert json.loads(capsys.readouterr().out)["counts"]["unchanged"] == 1
    assert ImportRun.objects.count() == 2


def test_only_staff_of_the_organization_upload(personas):
    with pytest.raises(Forbidden):
        upload(personas, HEADER + GOOD, who="person")


def test_the_upload_page_shows_a_rows_error(personas, client_as):
    client = client_as("counselor")
    page = f"/meetings/manage/{personas.organization.slug}/upload/"
    assert client.get(page).status_code == 200
    file = SimpleUploadedFile("groups.csv", (HEADER + GOOD + BAD_DAY).encode(), content_type="text/csv")
    form = {"source": "new", "name": "SMART groups", "fellowship": "smart", "timezone": "America/Chicago"}
    response = client.post(page, form | {"file": file})
    text = response.content.decode()
    assert response.status_code == 200
    assert "<td>3</td><td>Day</td>" in text
    assert "Funday" in text
    missing = client.post(page, {"source": "new", "file": SimpleUploadedFile("a.csv", b"ID\n")})
    assert missing.status_code == 422
    template = client.get("/meetings/manage/csv-template.csv")
    assert template.status_code == 200
    assert template.content == TEMPLATE_CSV.read_bytes()


def test_a_row_the_database_refuses_is_rejected_with_its_row_number(personas):
    import dataclasses  # noqa: PLC0415
    from datetime import UTC, datetime  # noqa: PLC0415

    from onward.meetings.services import apply_parsed  # noqa: PLC0415

    from .test_import import source_for  # noqa: PLC0415

    parsed, _ = table.parse((HEADER + GOOD + "\n" + ONLINE).encode(), SETTINGS)
    broken = dataclasses.replace(parsed.records[1], duration_minutes=0)  # the model's check refuses it
    feed = dataclasses.replace(parsed, records=[parsed.records[0], broken])
    source = source_for("smart.csv", fellowship="smart")
    report = apply_parsed(source, feed, started_at=datetime(2026, 3, 2, tzinfo=UTC))
    assert report.rejections == [
        {
            "index": 1,
            "source_key": "wed",
            "field": None,
            "code": "internal_error",
            "message": "IntegrityError",
            "row": 4,  # the header is row 1 and the blank row 3 is skipped
            "column": None,
        }
    ]
    assert list(Meeting.objects.values_list("source_key", flat=True)) == ["tue"]
