"""Sources a program admin registers: the API and page, the hourly tick that enqueues due refreshes once,
the worker's refresh over (local) HTTP, and failed fetches that change nothing (formats.md §3.1, §4.2)."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from onward.audit.models import AuditEvent
from onward.core.errors import Forbidden, InvalidInput
from onward.jobs.schedule import JOBS, enqueue_due
from onward.meetings import sources, tasks
from onward.meetings.models import ImportRun, ImportStatus, MeetingSource

from .shared_files import EXAMPLES, MEETING_GUIDE_DATA

EXAMPLE_FEED = EXAMPLES / "meeting-guide-feed.example.json"
T0 = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def values(url, **extra):
    return {
        "name": "Example intergroup",
        "kind": "meeting_guide",
        "url": url,
        "fellowship": "aa",
        "timezone": "America/Chicago",
        "refresh": "daily",
    } | extra


def api_url(personas, tail=""):
    return f"/api/v1/organizations/{personas.organization.public_id}/meeting-sources{tail}"


def register(personas, url, **extra):
    return sources.register_source(
        actor=personas.program_admin, organization=personas.organization, values=values(url, **extra)
    )


def test_a_registered_feed_is_refreshed_once_per_interval_by_the_tick(personas, feeds, time_machine):
    time_machine.move_to(T0, tick=False)
    url = feeds.serve("/feed.json", EXAMPLE_FEED.read_bytes())
    source = register(personas, url)
    claimed: list[int] = []
    assert sources.enqueue_due_refreshes(now=T0, enqueue=claimed.append) == [source.pk]
    assert sources.enqueue_due_refreshes(now=T0 + timedelta(minutes=30), enqueue=claimed.append) == []
    assert sources.run_refresh(source.pk) == "ok"
    assert source.meetings.count() == 7
    assert sources.enqueue_due_refreshes(now=T0 + timedelta(hours=23), enqueue=claimed.append) == []
    assert sources.enqueue_due_refreshes(now=T0 + timedelta(hours=24), enqueue=claimed.append) == [source.pk]
    assert claimed == [source.pk, source.pk]


def test_disabled_and_hand_run_sources_are_never_due(personas, feeds, time_machine):
    time_machine.move_to(T0, tick=False)
    off = register(personas, feeds.serve("/off.json", b"[]"), enabled=False)
    MeetingSource.objects.create(
        name="cli", kind="meeting_guide", url="file:///x.json", fellowship="aa", default_timezone="UTC"
    )
    assert sources.due_sources(T0 + timedelta(days=30)) == []
    assert sources.run_refresh(off.pk) == "skipped"


def test_the_hourly_job_enqueues_a_refresh_task_per_due_source(personas, feeds, time_machine):
    time_machine.move_to(T0, tick=False)
    job = next(job for job in JOBS if job.name == "meetings.refresh_sources")
    source = register(personas, feeds.serve("/feed.json", EXAMPLE_FEED.read_bytes()))
    assert enqueue_due(at=T0, jobs=(job,)) == ["meetings.refresh_sources"]
    assert tasks.refresh_due_sources.call() == 1
    queued = DBTaskResult.objects.filter(task_path="onward.meetings.tasks.refresh_source").get()
    assert queued.args_kwargs["args"] == [source.pk]
    assert tasks.refresh_source.call(source.pk) == "ok"
    assert ImportRun.objects.get(source=source).report["counts"]["created"] == 7


def test_a_failed_fetch_stores_a_failed_run_and_leaves_the_meetings(personas, feeds, time_machine):
    time_machine.move_to(T0, tick=False)
    url = feeds.serve("/feed.json", EXAMPLE_FEED.read_bytes())
    source = register(personas, url)
    sources.run_refresh(source.pk)
    before = {(m.source_key, m.updated_at, m.removed_at) for m in source.meetings.all()}
    feeds.serve("/feed.json", b"gone", status=503)
    time_machine.move_to(T0 + timedelta(days=1), tick=False)
    assert sources.run_refresh(source.pk) == ImportStatus.FAILED
    run = ImportRun.objects.filter(source=source).latest("started_at")
    assert run.report["failure"] == "fetch_failed"
    assert "503" in run.report["message"]
    assert run.report["counts"] == dict.fromkeys(
        ("created", "updated", "unchanged", "rejected", "removed", "flagged"), 0
    )
    assert {(m.source_key, m.updated_at, m.removed_at) for m in source.meetings.all()} == before


def test_a_real_feed_with_bad_records_imports_the_rest(personas, feeds):
    body = (MEETING_GUIDE_DATA / "times-edge-cases.json").read_bytes()
    source = register(personas, feeds.serve("/edge.json", body))
    assert sources.run_refresh(source.pk) == "ok"
    report = ImportRun.objects.get(source=source).report
    stored = report["counts"]["created"]
    assert stored > 0
    assert stored + report["counts"]["rejected"] >= len(json.loads(body))


def test_registration_names_each_wrong_field(personas):
    with pytest.raises(InvalidInput) as error:
        register(personas, "file:///etc/passwd", timezone="EST", refresh="hourly", fellowship="xx", kind="ftp")
    assert set(error.value.fields) == {"url", "timezone", "refresh", "fellowship", "kind"}


def test_the_same_address_cannot_be_registered_twice(personas):
    register(personas, "https://meetings.example/feed.json")
    with pytest.raises(InvalidInput) as error:
        register(personas, "https://meetings.example/feed.json")
    assert "url" in error.value.fields


def test_only_the_organizations_program_admins_register(personas):
    with pytest.raises(Forbidden):
        sources.register_source(
            actor=personas.counselor, organization=personas.organization, values=values("https://a.example/f.json")
        )


def test_changes_are_audited_with_the_earlier_values(personas, time_machine):
    time_machine.move_to(T0, tick=False)
    source = register(personas, "https://meetings.example/feed.json")
    sources.change_source(
        actor=personas.program_admin,
        organization=personas.organization,
        source=source,
        values={"refresh": "weekly", "enabled": False},
    )
    source.refresh_from_db()
    assert (source.fetch_interval, source.enabled, source.next_refresh_at) == (
        timedelta(days=7),
        False,
        T0 + timedelta(days=7),
    )
    event = AuditEvent.objects.filter(action="meetings.source_changed").get()
    assert event.detail["earlier"] == {"refresh": "daily", "enabled": True}
    with pytest.raises(InvalidInput) as error:
        sources.change_source(
            actor=personas.program_admin, organization=personas.organization, source=source, values={"url": "x"}
        )
    assert "url" in error.value.fields


def test_the_api_registers_lists_and_refreshes_with_the_report(personas, client_as, feeds):
    client = client_as("program_admin")
    url = feeds.serve("/feed.json", EXAMPLE_FEED.read_bytes())
    created = client.post(api_url(personas), values(url), content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["refresh"], body["last_run"], body["runs"]) == ("never_run", "daily", None, [])
    refreshed = client.post(api_url(personas, f"/{body['id']}/refresh"), content_type="application/json").json()
    assert refreshed["status"] == "ok"
    assert refreshed["last_run"]["counts"]["created"] == 7
    assert set(refreshed["last_run"]) >= {
        "source",
        "status",
        "started_at",
        "finished_at",
        "counts",
        "rejections",
        "flag_counts",
    }
    listed = client.get(api_url(personas)).json()
    assert [(row["name"], row["meetings"]) for row in listed] == [("Example intergroup", 7)]
    bad = client.post(api_url(personas), values("nope", timezone="EST"), content_type="application/json")
    assert bad.status_code == 422
    assert set(bad.json()["error"]["fields"]) == {"url", "timezone"}


def test_the_page_registers_a_source_and_shows_its_report(personas, client_as, feeds):
    client = client_as("program_admin")
    page = f"/meetings/manage/{personas.organization.slug}/sources/"
    url = feeds.serve("/feed.json", EXAMPLE_FEED.read_bytes())
    form = values(url, enabled="on", service_body_ids="")
    response = client.post(page, form)
    assert response.status_code == 302
    response = client.post(response["Location"], {"action": "refresh"}, follow=True)
    text = response.content.decode()
    assert "Recent runs" in text
    assert "<strong>ok</strong>" in text
    # The report's run time reads on the reader's clock with its zone, never as a stored ISO stamp.
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text.split("Recent runs", 1)[1])
    assert re.search(r"· \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} [A-Z+\-0-9]+</p>", text)
    assert client.get(page).status_code == 200
    assert client.post(page, values("ftp://x", timezone="Mars/Base")).status_code == 422
    assert client_as("counselor").get(page).status_code == 403


def test_a_page_url_is_read_through_the_feed_link_in_its_head(personas, feeds):
    feeds.serve("/data/meetings.json", EXAMPLE_FEED.read_bytes())
    page = (
        b"<!doctype html><html><head><title>Intergroup</title>"
        b'<link rel="stylesheet" href="/s.css">'
        b'<link rel="alternate" type="application/json" title="Meetings Feed" href="/data/meetings.json">'
        b"</head><body>Meetings</body></html>"
    )
    source = register(personas, feeds.serve("/meetings/", page, headers={"Content-Type": "text/html"}))
    assert sources.run_refresh(source.pk) == "ok"
    assert source.meetings.count() == 7
    assert [path for path, _ in feeds.requests] == ["/meetings/", "/data/meetings.json"]


def test_a_page_without_a_feed_link_is_an_unreadable_feed(personas, feeds):
    source = register(personas, feeds.serve("/about/", b"<html><head></head><body>No feed</body></html>"))
    assert sources.run_refresh(source.pk) == "failed"
    assert ImportRun.objects.get(source=source).report["failure"] == "feed_unreadable"


def test_a_registered_csv_table_at_a_url_is_refreshed_like_a_feed(personas, feeds):
    from onward.meetings.views import TEMPLATE_CSV  # noqa: PLC0415

    url = feeds.serve("/groups.csv", TEMPLATE_CSV.read_bytes(), headers={"Content-Type": "text/csv"})
    source = register(personas, url, kind="table", fellowship="smart")
    assert sources.run_refresh(source.pk) == "ok"
    assert sources.run_refresh(source.pk) == "ok"
    first, again = (run.report["counts"] for run in ImportRun.objects.filter(source=source).order_by("pk"))
    assert (first["created"], again["unchanged"], again["created"] + again["updated"]) == (1, 1, 0)


def test_a_feed_on_a_private_or_local_address_is_refused_before_any_request(feeds, settings):
    from onward.meetings.feeds import fetch  # noqa: PLC0415
    from onward.meetings.feeds.record import FeedError  # noqa: PLC0415

    url = feeds.serve("/feed.json", b"[]")
    settings.MEETING_FEEDS_ALLOW_PRIVATE = False
    for address in (url, "http://localhost/feed.json", "http://10.1.2.3/feed.json", "http://169.254.169.254/"):
        with pytest.raises(FeedError, match="private or local address"):
            fetch.read_url(address)
    assert feeds.requests == []
    assert fetch.read_url(url, allow_private=True).body == b"[]"


def test_a_redirect_to_a_local_address_is_not_followed():
    import urllib.request  # noqa: PLC0415

    from onward.meetings.feeds.fetch import _PublicRedirects  # noqa: PLC0415
    from onward.meetings.feeds.record import FeedError  # noqa: PLC0415

    request = urllib.request.Request("https://meetings.example.org/feed.json")
    with pytest.raises(FeedError, match="private or local address"):
        _PublicRedirects().redirect_request(request, None, 302, "Found", {}, "http://127.0.0.1:8000/admin")
    with pytest.raises(FeedError, match="not an http"):
        _PublicRedirects().redirect_request(request, None, 302, "Found", {}, "file:///etc/passwd")


def test_a_name_that_resolves_public_then_local_is_refused_at_the_connection(feeds, settings, monkeypatch):
    """DNS rebinding: the check before the request sees a public address, the connection gets loopback."""
    import socket  # noqa: PLC0415

    from onward.meetings.feeds import fetch  # noqa: PLC0415
    from onward.meetings.feeds.record import FeedError  # noqa: PLC0415

    port = int(feeds.serve("/feed.json", b"[]").rsplit(":", 1)[1].split("/")[0])
    settings.MEETING_FEEDS_ALLOW_PRIVATE = False
    real = socket.getaddrinfo
    answers = iter(["93.184.216.34", "127.0.0.1"])

    def rebinding(host, port_, *args, **kwargs):
        if host != "feeds.rebind.test":
            return real(host, port_, *args, **kwargs)
        address = next(answers, "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port_ or 0))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises(FeedError, match=r"connected to 127\.0\.0\.1, a private or local address"):
        fetch.read_url(f"http://feeds.rebind.test:{port}/feed.json")
    assert feeds.requests == []
