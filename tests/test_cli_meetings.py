"""`onward meetings import …`: the report, `--json`, and exit codes (0 ok, 1 feed failure, 2 bad options)."""

import json

import pytest

from onward import cli
from onward.meetings.models import Meeting, MeetingSource
from onward.meetings.tests.shared_files import EXAMPLES, MEETING_GUIDE_DATA

pytestmark = pytest.mark.django_db(transaction=True)
FEED = str(EXAMPLES / "meeting-guide-feed.example.json")


def onward(*args):
    return cli.main(["meetings", "import", *args])


def test_json_prints_the_report_and_a_second_run_changes_nothing(capsys):
    options = ["--kind", "meeting_guide", "--fellowship", "aa", "--timezone", "America/Chicago", "--json"]
    assert onward(FEED, *options) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["status"] == "ok"
    assert first["counts"] == {"created": 7, "updated": 0, "unchanged": 0, "rejected": 0, "removed": 0, "flagged": 1}
    assert first["source"] == str(MeetingSource.objects.get().public_id)
    assert onward(FEED, *options) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["unchanged"] == 7


def test_without_json_one_line_of_counts(capsys):
    assert onward(FEED, "--kind", "meeting_guide", "--fellowship", "aa", "--timezone", "America/Chicago") == 0
    assert capsys.readouterr().out.strip() == (
        "meeting-guide-feed.example.json: ok; created 7, updated 0, unchanged 0, rejected 0, removed 0, flagged 1"
    )


def test_an_unreadable_feed_exits_1_with_the_reason(capsys):
    broken = str(MEETING_GUIDE_DATA / "invalid-feed.json.txt")
    assert (
        onward(broken, "--kind", "meeting_guide", "--fellowship", "aa", "--timezone", "America/Chicago", "--json") == 1
    )
    captured = capsys.readouterr()
    assert json.loads(captured.out)["failure"] == "feed_unreadable"
    assert "import failed (feed_unreadable)" in captured.err
    assert not Meeting.objects.exists()


def test_bad_options_exit_2_and_name_the_option(capsys):
    assert onward(FEED, "--kind", "meeting_guide", "--fellowship", "aa", "--timezone", "EST") == 2
    assert "--timezone: must be an IANA zone" in capsys.readouterr().err
    assert onward(FEED, "--kind", "bmlt", "--fellowship", "na", "--timezone", "UTC", "--service-bodies", "7,x") == 2
    assert "--service-bodies" in capsys.readouterr().err
    assert not MeetingSource.objects.exists()
