"""`onward rule withdrawal-timeline` through a real subprocess: the §11 example, JSON input, bad input."""

import json
import subprocess
import sys


def onward(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "onward.cli", *args], input=stdin, capture_output=True, text=True, check=False
    )


def test_the_heroin_example_is_day_3_with_every_row_shown():
    done = onward(
        "rule", "withdrawal-timeline", "last_use_at=2025-03-01T22:00:00Z", "at=2025-03-04T10:00:00Z", "opioid=heroin"
    )
    assert done.returncode == 0
    assert done.stdout.startswith("withdrawal-timeline · Day 3 since last use (60 h)\n")
    assert "peak: 24–48 h — past it at 60 h" in done.stdout
    assert "peak: 36–72 h — inside it at 60 h" in done.stdout
    assert "worst around day 3 (~72 h) — inside it at day 3" in done.stdout


def test_json_input_gives_hours_day_and_positions():
    request = {"last_use_at": "2025-03-01T08:00:00-05:00", "at": "2025-03-04T08:00:00-05:00", "opioid": "methadone"}
    done = onward("rule", "withdrawal-timeline", "--input", "-", "--json", stdin=json.dumps(request))
    body = json.loads(done.stdout)
    assert (body["band"], body["hours"], body["day"]) == ("day_4", "72.00", 4)
    assert [row["key"] for row in body["rows"]] == [
        "dynamed_long_acting",
        "medscape_methadone",
        "brighterday_long_acting",
    ]


def test_an_unknown_opioid_and_a_naive_time_exit_two_naming_both():
    done = onward(
        "rule",
        "withdrawal-timeline",
        "last_use_at=2025-03-01T22:00:00",
        "at=2025-03-04T10:00:00Z",
        "opioid=carfentanil",
        "--json",
    )
    assert done.returncode == 2
    assert set(json.loads(done.stdout)["error"]["fields"]) == {"last_use_at", "opioid"}
