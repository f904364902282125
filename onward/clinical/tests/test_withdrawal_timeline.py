"""WD-DAY (clinical-reference §11): the reference's example, row selection, every range edge, bad input."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.rules import withdrawal_timeline as wd
from onward.clinical.rules.withdrawal_timeline import Figure, Measure, Position, Unit, describe, place

LAST_HEROIN = datetime(2025, 3, 1, 22, 0, tzinfo=UTC)


def positions(out):
    return {f["measure"].value: (f["position"].value if f["position"] else None) for f in out["figures"]}


def rows_by_key(result):
    return {row["key"]: positions(row) for row in result.details["rows"]}


# The reference's example: last heroin 2025-03-01 22:00, now 03-04 10:00.


def test_sixty_hours_after_heroin_is_day_3_with_every_source_shown():
    result = describe(LAST_HEROIN, datetime(2025, 3, 4, 10, 0, tzinfo=UTC), "heroin")
    assert (result.details["hours"], result.details["day"]) == (Decimal(60), 3)
    assert (result.band, result.band_label) == ("day_3", "Day 3 since last use (60 h)")
    assert rows_by_key(result) == {
        # past one source's 24–48 h peak ...
        "dynamed_short_acting": {"onset": "after", "peak": "after", "duration": None},
        # ... inside another's 36–72 h ...
        "medscape_heroin": {"peak": "inside", "duration": "before"},
    }
    # ... and the seed's "day 3", all shown.
    assert positions(result.details["seed"]) == {"onset": "after", "peak": "inside", "acute_phase": "before"}
    assert result.flags == ()
    assert result.total is None


def test_the_example_reasons_read_in_full():
    result = describe(LAST_HEROIN, datetime(2025, 3, 4, 10, 0, tzinfo=UTC), "heroin")
    assert result.reasons == (
        "Last use (heroin) 2025-03-01T22:00:00Z; now 2025-03-04T10:00:00Z: 60 h since last use, which is day 3 "
        "(day N covers hours 24(N−1) to 24N).",
        "The sources differ, so there is no single verdict: the 2 table rows for heroin are shown, each with "
        "where this time falls.",
        "DynaMed-style monograph (docslib) [2nd], row “short-acting (heroin)”: onset: 6–12 h — past it at 60 h; "
        "peak: 24–48 h — past it at 60 h; duration: eases over next 3–5 days — not placed (the table does not "
        "say when these days start).",
        "Medscape via reference.com [2nd], row “heroin”: peak: 36–72 h — inside it at 60 h; duration: 7–10 days "
        "— before it at day 3; onset not given.",
        "Onward program materials (seed documents) [seed], any opioid (the materials name none): onset: first "
        "symptoms within ~24 h of last use — past it at 60 h; peak: worst around day 3 (~72 h) — inside it at "
        "day 3; acute phase: 5–7 days — before it at day 3 (shown as given: the reference does not say whether "
        "it ends on day 5 or day 7). Display text only, never a gate.",
        "Lofexidine label [P]: withdrawal generally peaks in the first 5–7 days after last use.",
        "After the acute phase, low mood, poor sleep and craving may last weeks to months (weak evidence) [2nd].",
        "This explains and never gates a decision: buprenorphine readiness is §7, naltrexone readiness §9.",
    )


def test_the_seed_figures_are_display_text_with_the_acute_phase_as_given():
    seed = describe(LAST_HEROIN, LAST_HEROIN, "heroin").details["seed"]
    assert seed["source"] == "Onward program materials (seed documents) [seed]"
    assert [f["text"] for f in seed["figures"]] == [
        "first symptoms within ~24 h of last use",
        "worst around day 3 (~72 h)",
        "5–7 days",
    ]
    assert [f["approximate"] for f in seed["figures"]] == [True, True, False]
    assert "does not say whether it ends on day 5 or day 7" in seed["figures"][2]["note"]


def test_the_person_text_uses_the_seed_figures_as_typical():
    details = describe(LAST_HEROIN, LAST_HEROIN, "short_acting").details
    assert details["person_text"].startswith("For many people, first symptoms come within about a day")
    assert "around day 3" in details["person_text"]
    assert "5–7 days" in details["person_text"]
    assert details["notes"] == [wd.LOFEXIDINE_LABEL_TEXT, wd.POST_ACUTE_TEXT]


# Which rows each opioid selects.


@pytest.mark.parametrize(
    ("opioid", "keys"),
    [
        ("short_acting", ["dynamed_short_acting"]),
        ("heroin", ["dynamed_short_acting", "medscape_heroin"]),
        ("long_acting", ["dynamed_long_acting", "brighterday_long_acting"]),
        ("methadone", ["dynamed_long_acting", "medscape_methadone", "brighterday_long_acting"]),
    ],
)
def test_a_class_selects_its_rows_and_a_named_drug_adds_its_own(opioid, keys):
    result = describe(LAST_HEROIN, LAST_HEROIN, opioid)
    assert [row["key"] for row in result.details["rows"]] == keys
    assert f"the {len(keys)} table rows for {opioid}" in result.reasons[1]


def test_every_row_carries_its_source_and_tag():
    rows = describe(LAST_HEROIN, LAST_HEROIN, "methadone").details["rows"]
    assert [(r["opioid_row"], r["source"]) for r in rows] == [
        ("long-acting (methadone, ER)", "DynaMed-style monograph (docslib) [2nd]"),
        ("methadone", "Medscape via reference.com [2nd]"),
        ("long-acting", "brighterdaymh.com [2nd]"),
    ]


def test_methadone_at_day_3_is_placed_against_each_long_acting_figure():
    result = describe(LAST_HEROIN, LAST_HEROIN + timedelta(hours=60), "methadone")
    assert rows_by_key(result) == {
        "dynamed_long_acting": {"onset": "inside", "duration": "before"},
        "medscape_methadone": {"peak": "before", "duration": "before"},
        "brighterday_long_acting": {"onset": "after", "duration": "before", "acute_phase": "before"},
    }
    assert (
        "brighterdaymh.com [2nd], row “long-acting”: onset: 12–48 h — past it at 60 h; duration: 10–20 days — "
        "before it at day 3; acute phase: 5–10 days — before it at day 3; peak not given."
    ) in result.reasons
    assert (
        "DynaMed-style monograph (docslib) [2nd], row “long-acting (methadone, ER)”: onset: 30–72 h — inside it at "
        "60 h; duration: ~10 days — before it at day 3; peak not given."
    ) in result.reasons


# The day count: day N covers hours [24(N−1), 24N).


@pytest.mark.parametrize(
    ("elapsed", "day"),
    [
        (timedelta(0), 1),
        (timedelta(hours=23, minutes=59, seconds=59), 1),
        (timedelta(hours=24), 2),
        (timedelta(hours=47, minutes=59), 2),
        (timedelta(hours=48), 3),
        (timedelta(hours=71, minutes=59), 3),
        (timedelta(hours=72), 4),
    ],
)
def test_day_n_covers_hours_24_n_minus_1_up_to_24_n(elapsed, day):
    result = describe(LAST_HEROIN, LAST_HEROIN + elapsed, "heroin")
    assert (result.details["day"], result.band) == (day, f"day_{day}")


def test_hours_are_exact_and_the_label_gives_hours_and_minutes():
    result = describe(LAST_HEROIN, LAST_HEROIN + timedelta(hours=60, minutes=30), "heroin")
    assert result.details["hours"] == Decimal("60.5")
    assert result.band_label == "Day 3 since last use (60 h 30 min)"
    assert result.to_json()["hours"] == "60.50"


def test_the_label_leaves_out_seconds_while_the_hours_stay_exact():
    # Issue 15: "76 h 25 min 15 s" read like a stopwatch; the label goes to the minute.
    result = describe(LAST_HEROIN, LAST_HEROIN + timedelta(hours=1, seconds=5), "heroin")
    assert result.band_label == "Day 1 since last use (1 h)"
    assert result.details["hours"] > 1
    later = describe(LAST_HEROIN, LAST_HEROIN + timedelta(hours=76, minutes=25, seconds=15), "heroin")
    assert later.band_label == "Day 4 since last use (76 h 25 min)"


def test_times_in_different_offsets_are_compared_as_instants():
    now = datetime(2025, 3, 4, 5, 0, tzinfo=timezone(timedelta(hours=-5)))  # 10:00 UTC
    assert describe(LAST_HEROIN, now, "heroin").details["hours"] == Decimal(60)


# Range edges: both ends included; hours compare exact time, days compare day numbers.


@pytest.mark.parametrize(
    ("elapsed", "onset", "peak"),
    [
        (timedelta(hours=5, minutes=59), "before", "before"),
        (timedelta(hours=6), "inside", "before"),
        (timedelta(hours=12), "inside", "before"),
        (timedelta(hours=12, seconds=1), "after", "before"),
        (timedelta(hours=23, minutes=59), "after", "before"),
        (timedelta(hours=24), "after", "inside"),
        (timedelta(hours=48), "after", "inside"),
        (timedelta(hours=48, microseconds=1), "after", "after"),
    ],
)
def test_the_short_acting_onset_and_peak_include_both_ends(elapsed, onset, peak):
    row = rows_by_key(describe(LAST_HEROIN, LAST_HEROIN + elapsed, "short_acting"))["dynamed_short_acting"]
    assert (row["onset"], row["peak"]) == (onset, peak)


@pytest.mark.parametrize(
    ("day", "duration"),
    [(6, "before"), (7, "inside"), (10, "inside"), (11, "after")],
)
def test_the_7_to_10_day_duration_compares_day_numbers(day, duration):
    result = describe(LAST_HEROIN, LAST_HEROIN + timedelta(days=day - 1, hours=12), "heroin")
    assert rows_by_key(result)["medscape_heroin"]["duration"] == duration


@pytest.mark.parametrize(("day", "duration"), [(13, "before"), (14, "inside"), (400, "inside")])
def test_an_open_ended_duration_of_at_least_14_days_is_never_passed(day, duration):
    result = describe(LAST_HEROIN, LAST_HEROIN + timedelta(days=day - 1), "methadone")
    assert rows_by_key(result)["medscape_methadone"]["duration"] == duration


@pytest.mark.parametrize(("day", "position"), [(2, "before"), (3, "inside"), (4, "after")])
def test_the_seed_worst_day_is_day_3_and_marked_approximate(day, position):
    seed = describe(LAST_HEROIN, LAST_HEROIN + timedelta(days=day - 1), "heroin").details["seed"]
    assert positions(seed)["peak"] == position


@pytest.mark.parametrize(("day", "position"), [(4, "before"), (5, "inside"), (7, "inside"), (8, "after")])
def test_the_seed_acute_phase_is_placed_against_5_to_7_days_without_picking_one(day, position):
    seed = describe(LAST_HEROIN, LAST_HEROIN + timedelta(days=day - 1), "heroin").details["seed"]
    assert positions(seed)["acute_phase"] == position


@pytest.mark.parametrize(
    ("elapsed", "position"), [(timedelta(hours=24), "inside"), (timedelta(hours=24, seconds=1), "after")]
)
def test_the_seed_first_symptoms_window_ends_at_24_hours(elapsed, position):
    seed = describe(LAST_HEROIN, LAST_HEROIN + elapsed, "heroin").details["seed"]
    assert positions(seed)["onset"] == position


def test_a_figure_without_a_unit_is_not_placed():
    assert place(Figure(Measure.DURATION, "eases over next 3–5 days"), timedelta(days=4), 5) is None
    assert place(Figure(Measure.PEAK, "6 h", Unit.HOURS, None, None), timedelta(hours=6), 1) is None


def test_an_hours_figure_places_exact_time_not_the_day():
    figure = Figure(Measure.ONSET, "30–72 h", Unit.HOURS, 30, 72)
    assert place(figure, timedelta(hours=29), 99) is Position.BEFORE
    assert place(figure, timedelta(hours=73), 1) is Position.AFTER


# Bad input.


def test_naive_times_and_an_unknown_opioid_are_all_named():
    with pytest.raises(InvalidInput) as caught:
        describe(datetime(2025, 3, 1, 22), datetime(2025, 3, 4, 10), "carfentanil")  # noqa: DTZ001 - naive on purpose
    assert caught.value.fields == {
        "last_use_at": "must be a timezone-aware date-time",
        "at": "must be a timezone-aware date-time",
        "opioid": "must be one of short_acting, heroin, long_acting, methadone, fentanyl, unknown_street",
    }


def test_a_time_before_the_last_use_is_refused():
    with pytest.raises(InvalidInput) as caught:
        describe(LAST_HEROIN, LAST_HEROIN - timedelta(seconds=1), "heroin")
    assert caught.value.fields == {"at": "must not be before last_use_at"}


def test_an_aware_time_with_a_naive_last_use_names_only_the_naive_one():
    with pytest.raises(InvalidInput) as caught:
        describe(datetime(2025, 3, 1, 22), LAST_HEROIN, wd.Opioid.HEROIN)  # noqa: DTZ001 - naive on purpose
    assert caught.value.fields.keys() == {"last_use_at"}


def test_the_opioid_may_be_the_enum_or_its_text():
    assert describe(LAST_HEROIN, LAST_HEROIN, wd.Opioid.METHADONE).items["opioid"] is wd.Opioid.METHADONE


# The command.


def test_the_command_reads_the_example_from_key_value_text():
    body = wd.COMMAND.run(
        {"last_use_at": "2025-03-01T22:00:00Z", "at": "2025-03-04T10:00:00Z", "opioid": "heroin"}
    ).to_json()
    assert (body["band"], body["hours"], body["day"]) == ("day_3", "60.00", 3)
    assert [f["position"] for f in body["rows"][1]["figures"]] == ["inside", "before"]


def test_the_command_accepts_a_time_equal_to_the_last_use():
    result = wd.COMMAND.run({"last_use_at": "2025-03-01T22:00:00Z", "at": "2025-03-01T22:00:00Z", "opioid": "heroin"})
    assert (result.details["hours"], result.band) == (Decimal(0), "day_1")


def test_each_placed_figure_lists_measure_text_unit_range_and_position():
    row = describe(LAST_HEROIN, LAST_HEROIN + timedelta(hours=60), "heroin").details["rows"][1]
    assert row["figures"][0] == {
        "measure": Measure.PEAK,
        "text": "36–72 h",
        "unit": Unit.HOURS,
        "low": 36,
        "high": 72,
        "approximate": False,
        "position": Position.INSIDE,
        "note": "",
    }


def test_the_command_names_every_bad_field_at_once():
    with pytest.raises(InvalidInput) as caught:
        wd.COMMAND.run({"last_use_at": "yesterday", "at": "2025-03-04T10:00:00", "opioid": "kratom", "x": "1"})
    assert caught.value.fields.keys() == {"last_use_at", "at", "opioid", "x"}


def test_the_command_refuses_a_time_before_the_last_use():
    with pytest.raises(InvalidInput) as caught:
        wd.COMMAND.run({"last_use_at": "2025-03-04T10:00:00Z", "at": "2025-03-01T10:00:00Z", "opioid": "heroin"})
    assert caught.value.fields == {"at": "must not be before last_use_at"}


@pytest.mark.parametrize("missing", ["last_use_at", "at", "opioid"])
def test_each_input_is_required(missing):
    raw = {"last_use_at": "2025-03-01T22:00:00Z", "at": "2025-03-04T10:00:00Z", "opioid": "heroin"}
    with pytest.raises(InvalidInput) as caught:
        wd.COMMAND.run({k: v for k, v in raw.items() if k != missing})
    assert caught.value.fields.keys() == {missing}


def test_the_command_documents_which_rows_each_opioid_selects():
    opioid = next(p for p in wd.COMMAND.params if p.key == "opioid")
    assert opioid.allowed == "short_acting, heroin, long_acting, methadone, fentanyl, unknown_street"
    assert "methadone → rows 3, 4, 5" in opioid.description
    assert wd.COMMAND.source.startswith("clinical-reference §11")


# Invariants.


@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=60)), st.sampled_from(list(wd.Opioid)))
def test_the_day_matches_the_hours_and_every_placed_figure_has_a_position(elapsed, opioid):
    result = describe(LAST_HEROIN, LAST_HEROIN + elapsed, opioid)
    hours, day = result.details["hours"], result.details["day"]
    assert 24 * (day - 1) <= hours < 24 * day
    assert result.band == f"day_{day}"
    for row in [*result.details["rows"], result.details["seed"]]:
        for figure in row["figures"]:
            assert (figure["position"] is None) == (figure["unit"] is None)


@given(
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30)),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30)),
    st.sampled_from(list(wd.Opioid)),
)
def test_a_position_never_moves_backwards_as_time_goes_on(first, second, opioid):
    order = {"before": 0, "inside": 1, "after": 2, None: -1}
    early, late = sorted((first, second))
    a = describe(LAST_HEROIN, LAST_HEROIN + early, opioid).to_json()
    b = describe(LAST_HEROIN, LAST_HEROIN + late, opioid).to_json()
    for row_a, row_b in zip([*a["rows"], a["seed"]], [*b["rows"], b["seed"]], strict=True):
        for fa, fb in zip(row_a["figures"], row_b["figures"], strict=True):
            assert order[fa["position"]] <= order[fb["position"]]


@pytest.mark.parametrize("opioid", [wd.Opioid.FENTANYL, wd.Opioid.UNKNOWN_STREET])
def test_fentanyl_and_unknown_street_opioids_select_no_row_and_say_the_table_has_none(opioid):
    result = describe(LAST_HEROIN, LAST_HEROIN + timedelta(hours=30), opioid)
    assert result.details["rows"] == []
    assert result.details["day"] == 2
    assert any(f"The §11 table has no row for {opioid.value}" in r for r in result.reasons)
    assert result.details["seed"]["figures"]


def test_heroin_still_says_how_many_rows_it_shows():
    result = describe(LAST_HEROIN, LAST_HEROIN + timedelta(hours=30), wd.Opioid.HEROIN)
    assert any("the 2 table rows for heroin" in r for r in result.reasons)
    assert not any("has no row" in r for r in result.reasons)
