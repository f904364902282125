from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.core.exceptions import ValidationError

from onward.core.errors import InvalidInput
from onward.core.forms import add_field_errors, local_moment


class _Form(forms.Form):
    last_at = forms.CharField()
    dose_mg = forms.IntegerField()


def _bound() -> _Form:
    form = _Form({"last_at": "x", "dose_mg": "4"})
    assert form.is_valid()
    return form


def test_a_message_for_a_field_the_form_has_lands_beside_it_and_any_other_on_the_form():
    form = _bound()
    add_field_errors(form, InvalidInput({"dose_mg": "is above the ceiling", "order": "is stopped"}))
    assert form.errors["dose_mg"] == ["is above the ceiling"]
    assert form.non_field_errors() == ["is stopped"]


def test_a_renamed_input_lands_on_the_field_the_form_calls_it():
    form = _bound()
    add_field_errors(form, InvalidInput({"last_use[0].at": "is in the future"}), renamed={"last_use[0].at": "last_at"})
    assert form.errors["last_at"] == ["is in the future"]
    assert not form.non_field_errors()


CHICAGO = ZoneInfo("America/Chicago")


def wall(text: str) -> datetime:
    """A time as a clock showed it: no zone."""
    return datetime.fromisoformat(text)


def test_an_ordinary_local_time_names_one_instant():
    assert local_moment(wall("2026-07-01T09:00"), CHICAGO) == datetime(2026, 7, 1, 14, 0, tzinfo=UTC)


def test_a_local_time_in_the_spring_gap_is_refused():
    with pytest.raises(ValidationError) as caught:
        local_moment(wall("2026-03-08T02:30"), CHICAGO, fold="1")
    assert caught.value.code == "nonexistent"


def test_a_local_time_in_the_autumn_fold_needs_a_choice_and_takes_it():
    fold = wall("2026-11-01T01:30")
    with pytest.raises(ValidationError) as caught:
        local_moment(fold, CHICAGO)
    assert caught.value.code == "ambiguous"
    assert local_moment(fold, CHICAGO, fold="0") == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert local_moment(fold, CHICAGO, fold="1") == datetime(2026, 11, 1, 7, 30, tzinfo=UTC)
    with pytest.raises(ValidationError):
        local_moment(fold, CHICAGO, fold="2")  # not one of the two offered: asked again


def test_a_half_hour_shift_is_named_in_minutes():
    with pytest.raises(ValidationError) as caught:
        local_moment(wall("2026-10-04T02:10"), ZoneInfo("Australia/Lord_Howe"))
    assert "the clocks went forward 30 minutes" in caught.value.message
