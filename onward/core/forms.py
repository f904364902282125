"""Form helpers every area's pages share: a service's messages beside the fields, and typed local times."""

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms

from onward.core.edge import OUT_OF_RANGE, day_in_range
from onward.core.errors import InvalidInput


def add_field_errors(form: forms.Form, error: InvalidInput, *, renamed: Mapping[str, str] | None = None) -> None:
    """Put a service's messages on the form's fields (the same messages the API sends).

    `renamed` maps an input name the service uses to the form's field (the core's `last_use[0].at`
    is the readiness form's `last_at`); a name the form does not have becomes a message for the whole form.
    """
    for name, message in error.fields.items():
        field = (renamed or {}).get(name, name)
        form.add_error(field if field in form.fields else None, message)


def in_input_range(value: object) -> None:
    """A form's date or date-time lies within the input range (docs/ARCHITECTURE.md, "Input ranges")."""
    if isinstance(value, date) and not day_in_range(value):
        raise forms.ValidationError(OUT_OF_RANGE, code="out_of_range")


def install_input_ranges() -> None:
    """Every form's date and date-time fields (Django's, and every subclass: `LocalDateTimeField`, a
    ModelForm's) check the input range: set once, when the app is ready, before any form class is built."""
    for field in (forms.DateField, forms.DateTimeField):
        if in_input_range not in field.default_validators:
            field.default_validators = [*field.default_validators, in_input_range]


# Typed local times (datetime-local inputs): wall-clock time where the person lives. Twice a year
# such a time is not one instant: in the spring gap it never happened; in the autumn fold it happened
# twice. Neither is guessed: a time in the gap is refused, and a time in the fold is asked about
# (the form offers the two instants as `<name>_fold`, "0" the first and "1" the second).
FOLD_CHOICES = ("0", "1")
ZERO = timedelta(0)
LOCAL_MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A datetime-local input: parsed without a zone; `LocalTimeForm` places it in the person's zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MOMENT_FORMAT)
    default_error_messages = {  # noqa: RUF012 - Django's own class attribute
        "invalid": "enter a date and time",
        "required": "enter a date and time",
    }

    def to_python(self, value: object) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        try:
            return datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def _shift(before: datetime, after: datetime) -> str:
    minutes = abs(int(((after.utcoffset() or ZERO) - (before.utcoffset() or ZERO)).total_seconds() // 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minutes"


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset() or ZERO
    sign = "+" if offset >= ZERO else "−"
    minutes = abs(int(offset.total_seconds() // 60))
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def fold_choices(wall: datetime, zone: ZoneInfo) -> list[tuple[str, str]]:
    """The two instants a wall-clock time in the autumn fold names, first then second, for a form to offer."""
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    return [
        ("0", f"the first {wall:%H:%M} ({first.tzname()}, {_offset(first)})"),
        ("1", f"the second {wall:%H:%M} ({second.tzname()}, {_offset(second)}), after the clocks went back"),
    ]


def local_moment(wall: datetime, zone: ZoneInfo, *, fold: str | None = None) -> datetime:
    """The instant `wall` (naive, as a clock in `zone` showed it) names; ValidationError if it names none or two.

    In the spring gap (code "nonexistent") it names none; in the autumn fold (code "ambiguous") it names two
    unless `fold` chooses: "0" the first, "1" the second.
    """
    wall = wall.replace(tzinfo=None)
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(UTC)
    when = f"{wall:%H:%M} on {wall:%Y-%m-%d}"
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        raise forms.ValidationError(
            f"{when} did not happen in {zone.key}: the clocks went forward {_shift(first, second)}. "
            "Enter the time a clock there showed.",
            code="nonexistent",
        )
    if fold in FOLD_CHOICES:
        # In UTC: Python compares two times of one zone by the wall clock, blind to the fold.
        return wall.replace(tzinfo=zone, fold=int(fold)).astimezone(UTC)
    raise forms.ValidationError(
        f"{when} happened twice in {zone.key}: the clocks went back {_shift(second, first)}. Choose which one.",
        code="ambiguous",
    )


class LocalTimeForm(forms.Form):
    """A form whose `LocalDateTimeField`s are wall-clock times in `zone` (the person's); cleaned as aware UTC."""

    def __init__(self, *args: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = ZoneInfo(zone)
        self.folds: dict[str, list[tuple[str, str]]] = {}  # a field in the fold: the two instants to choose from

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, field in self.fields.items():
            wall = data.get(name)
            if not isinstance(field, LocalDateTimeField) or not isinstance(wall, datetime):
                continue
            try:
                data[name] = local_moment(wall, self.zone, fold=self.data.get(f"{name}_fold"))
            except forms.ValidationError as error:
                if error.code == "ambiguous":
                    self.folds[name] = fold_choices(wall, self.zone)
                self.add_error(name, error)
        return data
