"""Forms for finding meetings, logging attendance and entering local meetings: shape only; the rules
live in `search`, `personal` and `local`."""

from datetime import date
from typing import Any

from django import forms

from onward.meetings.feeds.codes import FACETS, code_list
from onward.meetings.feeds.timezones import WEEKDAY_NAMES, is_valid_zone
from onward.meetings.local import FELLOWSHIPS
from onward.meetings.search import DEFAULT_RADIUS_KM, TIME_OF_DAY, SearchQuery, Town, find_town

DAY_CHOICES = [(str(day), name.title()) for day, name in enumerate(WEEKDAY_NAMES)]
FELLOWSHIP_LABELS = {
    "aa": "Alcoholics Anonymous",
    "na": "Narcotics Anonymous",
    "ha": "Heroin Anonymous",
    "ca": "Cocaine Anonymous",
    "cma": "Crystal Meth Anonymous",
    "ma": "Marijuana Anonymous",
    "rd": "Recovery Dharma",
    "rr": "Refuge Recovery",
    "smart": "SMART Recovery",
    "lifering": "LifeRing",
    "celebrate-recovery": "Celebrate Recovery",
    "nar-anon": "Nar-Anon Family Groups (for families and friends)",
    "al-anon": "Al-Anon Family Groups (for families and friends)",
    "other": "Other groups",
}
FELLOWSHIP_CHOICES = [(key, FELLOWSHIP_LABELS[key]) for key in FELLOWSHIPS]
FACET_CHOICES = [(facet, facet.replace("_", " ").capitalize().replace("Lgbtq", "LGBTQ+")) for facet in FACETS]
ATTENDANCE_CHOICES = [("", "Any way"), ("in_person", "In person"), ("online", "Online"), ("hybrid", "Hybrid only")]
WITHIN_CHOICES = [("", "Any time"), ("1", "Next hour"), ("2", "Next two hours"), ("6", "Next six hours")]
TIME_CHOICES = [("", "Any time of day")] + [(name, name.capitalize()) for name in TIME_OF_DAY]
MAX_RADIUS_KM = 500
RADIUS_CHOICES = [(str(km), f"Within {km} km") for km in (5, 10, 25, 50, 100, 250, MAX_RADIUS_KM)]
FILTERS = ("fellowship", "attendance", "within", "day", "time_of_day", "facet")
MAX_RESULTS = 100


class SearchForm(forms.Form):
    q = forms.CharField(label="Name or place", required=False, max_length=100)
    fellowship = forms.MultipleChoiceField(
        label="Fellowship", choices=FELLOWSHIP_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    attendance = forms.ChoiceField(label="How", choices=ATTENDANCE_CHOICES, required=False)
    within = forms.ChoiceField(label="Starting", choices=WITHIN_CHOICES, required=False)
    day = forms.MultipleChoiceField(
        label="Day", choices=DAY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    time_of_day = forms.ChoiceField(label="Time of day", choices=TIME_CHOICES, required=False)
    town = forms.CharField(label="Near a town", required=False, max_length=100)
    # Filled by "Use my location" (static/meetings/find.js) from the browser's geolocation, never typed.
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    radius = forms.FloatField(
        label="Distance",
        required=False,
        min_value=1,
        max_value=MAX_RADIUS_KM,
        initial=str(int(DEFAULT_RADIUS_KM)),
        widget=forms.Select(choices=RADIUS_CHOICES),
    )
    facet = forms.MultipleChoiceField(
        label="Meeting features", choices=FACET_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    tz = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and not data.get("radius"):  # the distance picker shows the default used
            data = data.copy()
            data["radius"] = str(int(DEFAULT_RADIUS_KM))
        super().__init__(data, *args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon, town = data.get("lat"), data.get("lon"), (data.get("town") or "").strip()
        if (lat is None) != (lon is None):
            self.add_error("lon" if lon is None else "lat", "give both latitude and longitude, or neither")
        if town and lat is None and lon is None and "lat" not in self.errors and "lon" not in self.errors:
            found = find_town(town)
            if found is None:
                self.add_error("town", "No meetings list this town; pick one from the list or use your location.")
            else:
                data["found_town"] = found
        tz = data.get("tz") or ""
        data["tz"] = tz if is_valid_zone(tz) else ""
        return data

    def filters_used(self) -> bool:
        """Whether any of the folded filters was chosen (the page opens them when so)."""
        return self.is_bound and any(self.data.get(name) for name in FILTERS)

    def query(self) -> SearchQuery:
        data = self.cleaned_data
        town: Town | None = data.get("found_town")
        near = (data["lat"], data["lon"]) if data.get("lat") is not None else None
        if near is None and town is not None:
            near = (town.latitude, town.longitude)
        return SearchQuery(
            fellowships=tuple(data.get("fellowship") or ()),
            attendance=data.get("attendance") or "",
            days=tuple(int(day) for day in data.get("day") or ()),
            time_of_day=data.get("time_of_day") or "",
            within_hours=float(data["within"]) if data.get("within") else None,
            near=near,
            radius_km=data.get("radius") or DEFAULT_RADIUS_KM,
            facets=tuple(data.get("facet") or ()),
            text=data.get("q") or "",
            limit=MAX_RESULTS,
        )


class AttendanceForm(forms.Form):
    attended_on = forms.DateField(label="Date you attended", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label="Note (optional, only you and your care team see it)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LocalMeetingForm(forms.Form):
    """A group's weekly meeting. Names and notes are public: first names only, never a surname (§7.2)."""

    name = forms.CharField(label="Meeting name", max_length=255)
    day = forms.TypedChoiceField(label="Day", choices=DAY_CHOICES, coerce=int)
    start_time = forms.TimeField(label="Starts at (local time)", widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(label="Length in minutes", min_value=1, max_value=1439, initial=60)
    timezone = forms.CharField(label="Time zone (e.g. America/Chicago)", max_length=64)
    types = forms.MultipleChoiceField(
        label="Type codes", required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    location_name = forms.CharField(label="Place name", required=False, max_length=255)
    address_line = forms.CharField(label="Street address", required=False, max_length=255)
    city = forms.CharField(label="Town or city", required=False, max_length=255)
    state = forms.CharField(label="State", required=False, max_length=255)
    postal_code = forms.CharField(label="Postal code", required=False, max_length=32)
    country = forms.CharField(label="Country", required=False, max_length=255, initial="US")
    approximate = forms.BooleanField(label="The address is only an area (a town), not a meeting place", required=False)
    latitude = forms.DecimalField(label="Latitude", required=False, max_digits=8, decimal_places=5)
    longitude = forms.DecimalField(label="Longitude", required=False, max_digits=8, decimal_places=5)
    location_notes = forms.CharField(
        label="Notes about the place", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    location_temporarily_closed = forms.BooleanField(label="The place is temporarily closed", required=False)
    conference_url = forms.URLField(label="Online meeting link", required=False, max_length=2000, assume_scheme="https")
    conference_url_notes = forms.CharField(label="Link notes (e.g. passcode)", required=False, max_length=500)
    conference_phone = forms.CharField(label="Dial-in number", required=False, max_length=100)
    conference_phone_notes = forms.CharField(label="Dial-in notes", required=False, max_length=500)
    group_name = forms.CharField(label="Group", required=False, max_length=255)
    notes = forms.CharField(
        label="Notes (public: first names only, no surnames)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cancelled_dates = forms.CharField(
        label="Single dates without a meeting (YYYY-MM-DD, separated by spaces)", required=False, max_length=2000
    )

    def __init__(self, *args: Any, fellowship: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = code_list(fellowship) or {}
        type_field = self.fields["types"]
        assert isinstance(type_field, forms.MultipleChoiceField)  # noqa: S101 - declared above
        type_field.choices = [(code, f"{code}: {names[0]}") for code, names in sorted(codes.items()) if code != "TC"]

    def clean_cancelled_dates(self) -> list[date]:
        dates = []
        for text in (self.cleaned_data.get("cancelled_dates") or "").split():
            try:
                dates.append(date.fromisoformat(text))
            except ValueError:
                raise forms.ValidationError(f"{text!r} is not a date written YYYY-MM-DD") from None
        return dates


KIND_CHOICES = [
    ("meeting_guide", "Meeting Guide JSON feed"),
    ("bmlt", "BMLT server (root server URL)"),
    ("table", "CSV table at a web address"),
]
REFRESH_CHOICES = [("every_6_hours", "Every 6 hours"), ("daily", "Daily"), ("weekly", "Weekly")]


class SourceForm(forms.Form):
    """A feed to register (`sources.register_source` checks it; these are the shapes)."""

    name = forms.CharField(label="Name (for staff)", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=KIND_CHOICES)
    url = forms.CharField(label="Address (https://…)", max_length=2000)
    fellowship = forms.ChoiceField(label="Fellowship", choices=FELLOWSHIP_CHOICES)
    timezone = forms.CharField(label="Default time zone (e.g. America/Chicago)", max_length=64)
    service_body_ids = forms.CharField(
        label="BMLT service-body ids (comma-separated; BMLT only)", required=False, max_length=500
    )
    refresh = forms.ChoiceField(label="Refresh", choices=REFRESH_CHOICES, initial="daily")
    enabled = forms.BooleanField(label="Refresh on this schedule", required=False, initial=True)

    def clean_service_body_ids(self) -> list[int]:
        text = self.cleaned_data.get("service_body_ids") or ""
        try:
            return [int(part) for part in text.replace(" ", "").split(",") if part]
        except ValueError:
            raise forms.ValidationError("write whole numbers separated by commas, e.g. 7,12") from None


class SourceScheduleForm(forms.Form):
    refresh = forms.ChoiceField(label="Refresh", choices=REFRESH_CHOICES)
    enabled = forms.BooleanField(label="Refresh on this schedule", required=False)


NEW_TABLE = "new"


class TableUploadForm(forms.Form):
    """A CSV file in the template of docs/meetings-csv.md, for a new table or one uploaded before."""

    file = forms.FileField(label="CSV file (UTF-8)")
    source = forms.ChoiceField(label="Replace the meetings of", choices=())
    name = forms.CharField(label="Name of a new table (for staff)", required=False, max_length=200)
    fellowship = forms.ChoiceField(label="Fellowship of a new table", choices=FELLOWSHIP_CHOICES, required=False)
    timezone = forms.CharField(label="Default time zone of a new table", required=False, max_length=64)

    def __init__(self, *args: Any, tables: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source_field = self.fields["source"]
        assert isinstance(source_field, forms.ChoiceField)  # noqa: S101 - declared above
        source_field.choices = [(NEW_TABLE, "A new table"), *tables]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") == NEW_TABLE:
            for name in ("name", "fellowship", "timezone"):
                if not data.get(name):
                    self.add_error(name, "is required for a new table")
        return data
