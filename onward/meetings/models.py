"""Meeting sources, meetings and import runs (formats.md §3.1, §3.2, §4.6)."""

from datetime import timedelta
from typing import ClassVar

from django.db import models
from django.db.models import Q

from onward.core.models import PublicModel
from onward.meetings.feeds.fields import DEFAULT_PROVIDERS
from onward.meetings.feeds.record import Attendance


class SourceKind(models.TextChoices):
    MEETING_GUIDE = "meeting_guide", "Meeting Guide JSON feed"
    BMLT = "bmlt", "BMLT server"
    TABLE = "table", "CSV table"
    LOCAL = "local", "Entered in Onward"


def default_providers() -> list[str]:
    return list(DEFAULT_PROVIDERS)


class MeetingSource(PublicModel):
    """Where meetings come from; the feed cannot say its fellowship or zone, so the source does (§1.8)."""

    organization = models.ForeignKey("accounts.Organization", null=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=SourceKind.choices)
    url = models.CharField(max_length=2000, blank=True)  # feed URL, BMLT root, or a file:// location
    fellowship = models.CharField(max_length=32)
    default_timezone = models.CharField(max_length=64)
    conference_providers = models.JSONField(default=default_providers)
    bmlt_service_body_ids = models.JSONField(default=list)
    bmlt_recursive = models.BooleanField(default=True)
    republish = models.BooleanField(default=False)
    enabled = models.BooleanField(default=True)
    fetch_interval = models.DurationField(default=timedelta(hours=24))
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    # Set only for sources a program admin registered (`sources.register_source`): when the worker next
    # refreshes it. Null: refreshed only by hand (`onward meetings import`, a CSV upload).
    next_refresh_at = models.DateTimeField(null=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(kind__in=SourceKind.values), name="meeting_source_kind_known"),
            models.CheckConstraint(condition=~Q(fellowship=""), name="meeting_source_has_fellowship"),
            models.CheckConstraint(condition=~Q(default_timezone=""), name="meeting_source_has_zone"),
            models.UniqueConstraint(
                fields=["kind", "url"], condition=~Q(url=""), name="meeting_source_one_per_location"
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["next_refresh_at"], name="meeting_source_due")]

    def __str__(self) -> str:
        return self.name


class Meeting(PublicModel):
    """One weekly (or by-appointment) meeting: local wall-clock time plus an IANA zone, never UTC (§5 T2).

    Text fields hold "" when the feed has no value; `removed_at` is the soft removal of §4.6.
    """

    source = models.ForeignKey(MeetingSource, on_delete=models.PROTECT, related_name="meetings")
    source_key = models.CharField(max_length=255)
    public_slug = models.CharField(max_length=64, unique=True)
    fellowship = models.CharField(max_length=32)
    name = models.CharField(max_length=255, blank=True)
    day = models.PositiveSmallIntegerField(null=True)  # 0 = Sunday; null = by appointment
    start_time = models.TimeField(null=True)
    duration_minutes = models.PositiveSmallIntegerField(null=True)
    timezone = models.CharField(max_length=64)
    schedule_since = models.DateField()
    attendance = models.CharField(max_length=16, choices=[(a.value, a.value) for a in Attendance])
    location_temporarily_closed = models.BooleanField(default=False)
    conference_url = models.CharField(max_length=2000, blank=True)
    conference_url_notes = models.TextField(blank=True)
    conference_phone = models.CharField(max_length=100, blank=True)
    conference_phone_notes = models.TextField(blank=True)
    location_name = models.CharField(max_length=255, blank=True)
    location_notes = models.TextField(blank=True)
    address_line = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=255, blank=True)
    state = models.CharField(max_length=255, blank=True)
    postal_code = models.CharField(max_length=32, blank=True)
    country = models.CharField(max_length=255, blank=True)
    formatted_address = models.CharField(max_length=1000, blank=True)
    approximate = models.BooleanField()
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True)
    regions = models.JSONField(default=list)
    group_name = models.CharField(max_length=255, blank=True)
    group_notes = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    types = models.JSONField(default=list)
    facet_keys = models.CharField(max_length=400, blank=True)  # "|open|speaker|": the §3.4 facets, for search
    unknown_types = models.JSONField(default=list)
    source_formats = models.JSONField(default=list)
    url = models.CharField(max_length=2000, blank=True)
    edit_url = models.CharField(max_length=2000, blank=True)
    feedback_url = models.CharField(max_length=2000, blank=True)
    feedback_emails = models.JSONField(default=list)
    entity_name = models.CharField(max_length=255, blank=True)
    entity_email = models.CharField(max_length=255, blank=True)
    entity_phone = models.CharField(max_length=100, blank=True)
    entity_url = models.CharField(max_length=2000, blank=True)
    entity_location = models.CharField(max_length=255, blank=True)
    entity_logo = models.CharField(max_length=2000, blank=True)
    contacts = models.JSONField(default=list)  # never republished (§7.2)
    venmo = models.CharField(max_length=100, blank=True)
    square = models.CharField(max_length=100, blank=True)
    paypal = models.CharField(max_length=100, blank=True)
    homegroup_online = models.CharField(max_length=100, blank=True)
    service_body_id = models.CharField(max_length=32, blank=True)
    service_body_name = models.CharField(max_length=255, blank=True)
    source_updated_at = models.DateTimeField(null=True)
    cancelled_dates = models.JSONField(default=list)  # local meetings only
    flags = models.JSONField(default=list)
    source_extra = models.JSONField(default=dict)
    updated_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["source", "source_key"], name="meeting_key_unique_in_source"),
            models.CheckConstraint(condition=Q(day__isnull=True) | Q(day__lte=6), name="meeting_day_0_to_6"),
            models.CheckConstraint(
                condition=(Q(day__isnull=True) & Q(start_time__isnull=True) & Q(duration_minutes__isnull=True))
                | (
                    Q(day__isnull=False)
                    & Q(start_time__isnull=False)
                    & Q(duration_minutes__gte=1)
                    & Q(duration_minutes__lte=1440)
                ),
                name="meeting_weekly_or_by_appointment",
            ),
            models.CheckConstraint(condition=Q(attendance__in=Attendance), name="meeting_attendance_known"),
        ]
        indexes: ClassVar = [
            # Near a point: a bounding box on latitude then longitude (search.nearest), never a scan.
            models.Index(fields=["latitude", "longitude"], name="meeting_point"),
            # A time window: per zone, a weekday and a start-time range (search.window_filter).
            models.Index(fields=["timezone", "day", "start_time"], name="meeting_zone_day_time"),
        ]

    def __str__(self) -> str:
        return self.name or "Unnamed meeting"


class ImportStatus(models.TextChoices):
    OK = "ok", "Imported"
    NOT_MODIFIED = "not_modified", "Not modified"
    EMPTY_FEED_IGNORED = "empty_feed_ignored", "Empty feed ignored"
    FAILED = "failed", "Failed"


class ImportRun(PublicModel):
    """One run of one source and its §4.6 report."""

    source = models.ForeignKey(MeetingSource, on_delete=models.PROTECT, related_name="runs")
    status = models.CharField(max_length=24, choices=ImportStatus.choices)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    report = models.JSONField()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(status__in=ImportStatus.values), name="import_run_status_known"),
        ]


class SavedMeeting(PublicModel):
    """A meeting on a person's list ("My meetings"). Unsaving ends the row (`removed_at`), never deletes it,
    so the list's history stays with the person's record."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["person", "meeting"], condition=Q(removed_at__isnull=True), name="saved_meeting_once"
            ),
        ]


class AttendanceEntry(PublicModel):
    """One meeting the person says they attended: append-only, one per meeting and local date, so a
    contingency-management schedule can count each entry once (`selectors.attendance_for_rewards`).

    `occurrence_start` is the meeting's scheduled start (UTC) on that date as the person's zone sees it,
    or null when the meeting has no occurrence that day (by appointment, or another day).
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    attended_on = models.DateField()  # the person's local date
    occurrence_start = models.DateTimeField(null=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    self_reported = models.BooleanField(default=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "meeting", "attended_on"], name="attendance_once_a_day"),
        ]
        indexes: ClassVar = [models.Index(fields=["person", "attended_on"], name="attendance_by_person_day")]


class CalendarToken(PublicModel):
    """The secret of a person's calendar subscription URL (formats.md §6.1). Only its SHA-256 digest is
    kept; revoking sets `revoked_at`, and issuing a new one revokes the old."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person"], condition=Q(revoked_at__isnull=True), name="one_live_calendar"),
        ]
