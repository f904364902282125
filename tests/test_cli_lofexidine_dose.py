"""`onward rule lofexidine-dose` through a real subprocess: key=value, --input JSON, bad input."""

import json
import subprocess
import sys

EXAMPLE_DOSES = (
    "doses=4@2025-03-01T06:00:00-05:00,4@2025-03-01T11:00:00-05:00,4@2025-03-01T16:00:00-05:00,"
    "4@2025-03-01T21:00:00-05:00,1@2025-03-01T23:00:00-05:00"
)


def onward(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "onward.cli", *args], input=stdin, capture_output=True, text=True, check=False
    )


def test_the_17_tablet_example_gives_two_warnings_on_the_command_line():
    done = onward(
        "rule", "lofexidine-dose", EXAMPLE_DOSES, "time_zone=America/New_York", "methadone_coprescribed=false", "--json"
    )
    assert done.returncode == 0
    body = json.loads(done.stdout)
    assert (body["band"], body["days"][0]["tablets"], body["days"][0]["mg"]) == ("warning", 17, "3.06")
    assert body["flags"] == ["interval_below_minimum", "daily_total_above_figure"]


def test_doses_as_a_json_list_from_standard_input():
    request = {
        "doses": [{"tablets": 3, "at": f"2025-03-01T{hour}:00-05:00"} for hour in ("06:00", "11:30", "17:00", "22:30")],
        "time_zone": "America/New_York",
        "methadone_coprescribed": False,
        "child_pugh": 8,
    }
    done = onward("rule", "lofexidine-dose", "--input", "-", "--json", stdin=json.dumps(request))
    body = json.loads(done.stdout)
    assert (body["band"], body["daily_figure_tablets"], body["daily_figure_mg"]) == ("warning", 8, "1.44")


def test_a_bad_time_zone_and_tablet_count_exit_two_naming_both():
    done = onward(
        "rule",
        "lofexidine-dose",
        "doses=0@2025-03-01T06:00:00Z",
        "time_zone=Nowhere",
        "methadone_coprescribed=no",
        "--json",
    )
    assert done.returncode == 2
    assert set(json.loads(done.stdout)["error"]["fields"]) == {
        "doses[0].tablets",
        "time_zone",
        "methadone_coprescribed",
    }
    assert "Traceback" not in done.stderr
