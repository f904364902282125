"""LOFEX-CHECK (clinical-reference §10): the reference's examples, every boundary, bad input."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.rules import lofexidine_dose as lofex
from onward.clinical.rules.lofexidine_dose import Dose, check_doses, daily_figure

NEW_YORK = ZoneInfo("America/New_York")


def local(text: str) -> datetime:
    """A New York wall-clock time (2025-03-01 is EST, -05:00; from 2025-03-09 EDT, -04:00)."""
    return datetime.fromisoformat(text).replace(tzinfo=NEW_YORK)


def doses(*pairs: tuple[int, str]) -> list[Dose]:
    return [Dose(tablets, local(at)) for tablets, at in pairs]


def check(given_doses, **options):
    options.setdefault("methadone_coprescribed", False)
    return check_doses(given_doses, zone=NEW_YORK, **options)


THREE_TABLETS_FOUR_TIMES = doses(
    (3, "2025-03-01T06:00"), (3, "2025-03-01T11:30"), (3, "2025-03-01T17:00"), (3, "2025-03-01T22:30")
)
FOUR_TABLETS_FOUR_TIMES = doses(
    (4, "2025-03-01T06:00"), (4, "2025-03-01T11:00"), (4, "2025-03-01T16:00"), (4, "2025-03-01T21:00")
)


# The reference's worked examples (§10), exactly.


def test_three_tablets_four_times_a_day_is_12_tablets_2_16_mg_with_no_warning():
    result = check(THREE_TABLETS_FOUR_TIMES)
    assert result.details["days"] == [
        {"day": 1, "date": local("2025-03-01T00:00").date(), "tablets": 12, "mg": Decimal("2.16"), "doses": 4}
    ]
    assert (result.band, result.band_label, result.flags) == ("no_warning", "No warnings from the label checks", ())
    assert result.details["warnings"] == []


def test_four_tablets_four_times_a_day_is_16_tablets_2_88_mg_with_no_warning():
    result = check(FOUR_TABLETS_FOUR_TIMES)
    day = result.details["days"][0]
    assert (day["tablets"], day["mg"]) == (16, Decimal("2.88"))
    assert (result.band, result.flags) == ("no_warning", ())
    assert result.to_json()["days"][0]["mg"] == "2.88"


def test_one_more_tablet_at_23_00_makes_17_tablets_and_a_2_hour_gap_two_warnings():
    result = check([*FOUR_TABLETS_FOUR_TIMES, *doses((1, "2025-03-01T23:00"))])
    day = result.details["days"][0]
    assert (day["tablets"], day["mg"], day["doses"]) == (17, Decimal("3.06"), 5)
    assert result.band == "warning"
    assert result.band_label == "2 warnings for the prescriber to review"
    assert result.flags == ("interval_below_minimum", "daily_total_above_figure")
    assert [w["flag"] for w in result.details["warnings"]] == list(result.flags)
    assert result.details["doses"][-1]["hours_since_previous"] == Decimal(2)
    gap, total = (w["reason"] for w in result.details["warnings"])
    assert "2 h after the previous dose" in gap
    assert "under 5 h" in gap
    assert "17 tablets (3.06 mg)" in total
    assert "16 tablets (2.88 mg)" in total


def test_child_pugh_8_on_12_tablets_a_day_warns_against_a_figure_of_8():
    result = check(THREE_TABLETS_FOUR_TIMES, child_pugh=8)
    assert (result.band, result.flags) == ("warning", ("daily_total_above_figure",))
    assert (result.details["daily_figure_tablets"], result.details["daily_figure_mg"]) == (8, Decimal("1.44"))
    assert result.details["daily_figure_basis"] == "hepatic"
    assert result.details["daily_figure_why"] == (
        "hepatic: Child-Pugh 8 is in the 7–9 band, 2 tablets four times a day = 8 tablets (1.44 mg) a day"
    )
    assert result.band_label == "1 warning for the prescriber to review"


# The single dose: 4 tablets is the maximum.


@pytest.mark.parametrize(("tablets", "flags"), [(4, ()), (5, ("single_dose_above_maximum",))])
def test_a_single_dose_of_4_tablets_passes_and_5_warns(tablets, flags):
    result = check(doses((tablets, "2025-03-01T06:00")))
    assert result.flags == flags
    if flags:
        assert result.details["warnings"][0]["reason"] == (
            "The dose at 2025-03-01T06:00-05:00 is 5 tablets (0.90 mg): above the label's single-dose "
            "maximum of 4 tablets (0.72 mg)."
        )


# The interval: strictly less than 5 h warns; exactly 5 h does not.


@pytest.mark.parametrize(
    ("second", "flags"),
    [
        ("2025-03-01T11:00:00", ()),
        ("2025-03-01T10:59:59", ("interval_below_minimum",)),
        ("2025-03-01T10:59:00", ("interval_below_minimum",)),
    ],
)
def test_doses_exactly_5_hours_apart_pass_and_a_second_less_warns(second, flags):
    result = check(doses((2, "2025-03-01T06:00"), (2, second)))
    assert result.flags == flags


def test_the_interval_reason_names_hours_minutes_and_seconds():
    result = check(doses((2, "2025-03-01T06:00"), (2, "2025-03-01T10:59:59")))
    assert result.details["warnings"][0]["reason"] == (
        "The dose at 2025-03-01T10:59-05:00 comes 4 h 59 min 59 s after the previous dose: the label spaces "
        "doses 5–6 h apart, and this is under 5 h."
    )


def test_two_entries_at_the_same_instant_are_0_hours_apart_and_warn():
    result = check(doses((2, "2025-03-01T06:00"), (2, "2025-03-01T06:00")))
    assert result.flags == ("interval_below_minimum",)
    assert "comes 0 h after" in result.details["warnings"][0]["reason"]


def test_doses_at_the_same_instant_are_listed_in_one_order_whatever_the_input_order():
    pair = doses((5, "2025-03-01T06:00"), (1, "2025-03-01T06:00"))
    first, second = check(pair), check(pair[::-1])
    assert first.details["warnings"] == second.details["warnings"]
    assert [d["tablets"] for d in first.details["doses"]] == [1, 5]


def test_doses_are_put_in_time_order_before_the_gaps_are_measured():
    shuffled = [
        THREE_TABLETS_FOUR_TIMES[2],
        THREE_TABLETS_FOUR_TIMES[0],
        *THREE_TABLETS_FOUR_TIMES[3:],
        THREE_TABLETS_FOUR_TIMES[1],
    ]
    result = check(shuffled)
    assert result.band == "no_warning"
    assert [d["hours_since_previous"] for d in result.details["doses"]] == [
        None,
        Decimal("5.5"),
        Decimal("5.5"),
        Decimal("5.5"),
    ]


def test_an_instant_written_in_utc_is_compared_with_one_written_in_local_time():
    first = Dose(2, datetime(2025, 3, 1, 11, 0, tzinfo=UTC))  # 06:00 in New York
    result = check([first, *doses((2, "2025-03-01T10:30"))])
    assert result.flags == ("interval_below_minimum",)
    assert result.details["doses"][1]["hours_since_previous"] == Decimal("4.5")


# The local day and the 14-day course.


def test_the_day_is_the_local_date_in_the_persons_zone_not_the_utc_date():
    evening = Dose(3, datetime(2025, 3, 2, 4, 30, tzinfo=UTC))  # 23:30 on 1 March in New York
    result = check([*doses((3, "2025-03-01T18:00")), evening])
    assert [(d["day"], d["tablets"]) for d in result.details["days"]] == [(1, 6)]
    assert result.details["doses"][1]["local_time"] == local("2025-03-01T23:30")


def test_midnight_starts_the_next_local_day():
    result = check(doses((3, "2025-03-01T18:00"), (3, "2025-03-01T23:59"), (3, "2025-03-02T05:00")))
    assert [(d["day"], d["tablets"]) for d in result.details["days"]] == [(1, 6), (2, 3)]


@pytest.mark.parametrize(
    ("last", "day", "flags"),
    [
        # 02:30 UTC on 15 March is 22:30 on 14 March in New York (EDT, -04:00): still day 14.
        (datetime(2025, 3, 15, 2, 30, tzinfo=UTC), 14, ()),
        (datetime(2025, 3, 15, 4, 0, tzinfo=UTC), 15, ("dose_beyond_treatment_length",)),
    ],
)
def test_a_dose_on_day_14_passes_and_one_on_day_15_warns(last, day, flags):
    result = check([*doses((3, "2025-03-01T06:00")), Dose(3, last)])
    assert result.details["days"][-1]["day"] == day
    assert result.flags == flags
    if flags:
        assert result.details["warnings"][0]["reason"] == (
            "Day 15 (2025-03-15) has doses: the label covers up to 14 days of treatment."
        )


def test_every_day_from_day_15_gets_its_own_warning():
    result = check(doses((3, "2025-03-01T06:00"), (3, "2025-03-15T06:00"), (3, "2025-03-16T06:00")))
    assert [w["flag"] for w in result.details["warnings"]] == ["dose_beyond_treatment_length"] * 2
    assert result.flags == ("dose_beyond_treatment_length",)


# Impairment figures: hepatic, renal, and the lower of both.


@pytest.mark.parametrize(
    ("child_pugh", "figure", "band_text"),
    [(5, 12, "5–6"), (6, 12, "5–6"), (7, 8, "7–9"), (9, 8, "7–9"), (10, 4, "above 9"), (15, 4, "above 9")],
)
def test_child_pugh_bands_give_12_8_and_4_tablets_a_day(child_pugh, figure, band_text):
    result = daily_figure(child_pugh)
    assert (result.tablets, result.mg, result.basis) == (figure, figure * Decimal("0.18"), "hepatic")
    assert f"Child-Pugh {child_pugh} is in the {band_text} band" in result.why


@pytest.mark.parametrize(("child_pugh", "figure"), [(6, 12), (9, 8), (10, 4)])
def test_a_day_at_the_hepatic_figure_passes_and_one_tablet_more_warns(child_pugh, figure):
    def day_of(total: int) -> list[Dose]:
        split = [total // 4 + (1 if n < total % 4 else 0) for n in range(4)]
        times = ("06:00", "12:00", "18:00", "23:30")
        return doses(*((t, f"2025-03-01T{at}") for t, at in zip(split, times, strict=True) if t))

    assert check(day_of(figure), child_pugh=child_pugh).flags == ()
    assert check(day_of(figure + 1), child_pugh=child_pugh).flags == ("daily_total_above_figure",)


@pytest.mark.parametrize(
    ("egfr", "esrd", "figure", "basis"),
    [
        (Decimal(90), False, 16, "label_maximum"),
        (Decimal("89.99"), False, 8, "renal"),
        (Decimal(30), False, 8, "renal"),
        (Decimal("29.99"), False, 4, "renal"),
        (0, False, 4, "renal"),
        (None, True, 4, "renal"),
        (Decimal(120), True, 4, "renal"),
        (None, False, 16, "label_maximum"),
    ],
)
def test_egfr_bands_and_esrd_or_dialysis_give_8_or_4_tablets_a_day(egfr, esrd, figure, basis):
    result = daily_figure(None, egfr, esrd_or_dialysis=esrd)
    assert (result.tablets, result.basis) == (figure, basis)


@pytest.mark.parametrize(
    ("egfr", "esrd", "why"),
    [
        (Decimal(45), False, "renal: eGFR 45 is in [30, 90), 8 tablets (1.44 mg) a day"),
        (Decimal(20), False, "renal: eGFR 20 is below 30, 4 tablets (0.72 mg) a day"),
        (None, True, "renal: end-stage renal disease or dialysis, 4 tablets (0.72 mg) a day"),
    ],
)
def test_the_renal_figure_says_why(egfr, esrd, why):
    assert daily_figure(None, egfr, esrd_or_dialysis=esrd).why == why


def test_with_no_impairment_the_figure_is_the_label_maximum_and_says_so():
    figure = daily_figure()
    assert (figure.tablets, figure.mg, figure.basis) == (16, Decimal("2.88"), "label_maximum")
    assert figure.why == "the label's daily maximum of 16 tablets (2.88 mg); no hepatic or renal impairment given"


@pytest.mark.parametrize(
    ("child_pugh", "egfr", "figure", "basis"),
    [
        (6, Decimal(45), 8, "renal"),
        (8, Decimal(20), 4, "renal"),
        (10, Decimal(60), 4, "hepatic"),
        (5, Decimal(90), 12, "hepatic"),
        (8, Decimal(50), 8, "hepatic_and_renal"),
    ],
)
def test_when_hepatic_and_renal_both_apply_the_lower_figure_is_in_force(child_pugh, egfr, figure, basis):
    result = daily_figure(child_pugh, egfr)
    assert (result.tablets, result.basis) == (figure, basis)
    if basis != "hepatic" or egfr < 90:
        assert result.why.endswith("both apply, so the lower figure is in force [Onward]")


# Co-prescriptions.


def test_co_prescribed_methadone_warns_of_qt_prolongation_and_ecg():
    result = check(THREE_TABLETS_FOUR_TIMES, methadone_coprescribed=True)
    assert (result.band, result.flags) == ("warning", ("methadone_qt",))
    assert result.details["warnings"][0]["reason"] == (
        "Methadone is co-prescribed: lofexidine and methadone can both prolong the QT interval, so the label "
        "advises ECG monitoring."
    )


@pytest.mark.parametrize(
    ("naltrexone", "warns"),
    [
        ("2025-03-01T04:00", True),  # exactly 2 h before the 06:00 dose
        ("2025-03-01T03:59", False),
        ("2025-03-01T08:00", True),  # exactly 2 h after
        ("2025-03-01T08:01", False),
        ("2025-03-01T07:00", True),
        ("2025-03-01T15:00", True),  # 3 h 30 min after 11:30, exactly 2 h before 17:00
        ("2025-03-01T14:15", False),  # 2 h 45 min from both 11:30 and 17:00
    ],
)
def test_oral_naltrexone_within_2_hours_either_side_warns_and_exactly_2_hours_counts(naltrexone, warns):
    result = check(THREE_TABLETS_FOUR_TIMES, oral_naltrexone_at=[local(naltrexone)])
    assert result.flags == (("oral_naltrexone_near_dose",) if warns else ())


def test_the_naltrexone_reason_names_both_times_and_the_reading():
    result = check(THREE_TABLETS_FOUR_TIMES, oral_naltrexone_at=[datetime(2025, 3, 1, 13, 0, tzinfo=UTC)])
    assert result.details["warnings"][0]["reason"] == (
        "Oral naltrexone at 2025-03-01T08:00-05:00 is 2 h from the lofexidine dose at 2025-03-01T06:00-05:00: "
        "oral naltrexone may work less when taken within 2 h of lofexidine (exactly 2 h counts [Onward])."
    )


def test_each_naltrexone_time_near_a_dose_is_its_own_warning_in_time_order():
    result = check(
        THREE_TABLETS_FOUR_TIMES,
        oral_naltrexone_at=[local("2025-03-01T17:30"), local("2025-03-01T12:00"), local("2025-03-01T20:00")],
    )
    reasons = [w["reason"] for w in result.details["warnings"]]
    assert len(reasons) == 2
    assert reasons[0].startswith("Oral naltrexone at 2025-03-01T12:00")
    assert reasons[1].startswith("Oral naltrexone at 2025-03-01T17:30")


# The stop order and the reasons.


def test_stopping_adds_the_taper_text_but_no_warning():
    result = check(THREE_TABLETS_FOUR_TIMES, stopping=True)
    assert (result.band, result.flags) == ("no_warning", ())
    assert (
        "The order is being stopped: the label advises tapering over 2–4 days (for example one tablet less per "
        "dose every 1–2 days) rather than stopping at once."
    ) in result.reasons
    assert not any("taper" in r for r in check(THREE_TABLETS_FOUR_TIMES).reasons)


def test_the_reasons_of_the_first_example_read_in_full():
    assert check(THREE_TABLETS_FOUR_TIMES).reasons == (
        "Days are local dates in America/New_York; day 1 is 2025-03-01, the date of the first dose.",
        "Daily figure in force: 16 tablets (2.88 mg) — the label's daily maximum of 16 tablets (2.88 mg); "
        "no hepatic or renal impairment given.",
        "Day 1 (2025-03-01): 12 tablets (2.16 mg) in 4 doses.",
        "No warnings: every dose is at most 4 tablets (0.72 mg), at least 5 h after the previous one, every day "
        "within the daily figure and within the first 14 days; no co-prescribed methadone; no oral naltrexone "
        "within 2 h.",
        "Warnings only: the prescriber decides, and nothing here stops a dose.",
    )


def test_the_reasons_list_each_warning_with_its_flag_and_a_single_dose_day():
    result = check([*FOUR_TABLETS_FOUR_TIMES, *doses((1, "2025-03-01T23:00"), (1, "2025-03-02T06:00"))])
    assert "Day 2 (2025-03-02): 1 tablet (0.18 mg) in 1 dose." in result.reasons
    assert (
        "Warning (daily_total_above_figure): Day 1 (2025-03-01) totals 17 tablets (3.06 mg): above the daily "
        "figure of 16 tablets (2.88 mg) in force (basis: label_maximum)."
    ) in result.reasons
    assert result.band_label == "2 warnings for the prescriber to review"


def test_the_result_keeps_the_inputs_it_used():
    result = check(THREE_TABLETS_FOUR_TIMES[:1], child_pugh=6, egfr=Decimal(95), stopping=True)
    assert result.items["time_zone"] == "America/New_York"
    assert result.items["doses"] == [{"tablets": 3, "at": local("2025-03-01T06:00")}]
    assert (result.items["child_pugh"], result.items["egfr"], result.items["stopping"]) == (6, Decimal(95), True)
    assert (result.items["esrd_or_dialysis"], result.items["methadone_coprescribed"]) == (False, False)
    assert result.source.startswith("clinical-reference §10")
    assert result.total is None


def test_a_fixed_offset_zone_names_itself():
    from datetime import timezone  # noqa: PLC0415 - only this test needs it

    result = check_doses(
        [Dose(3, datetime(2025, 3, 1, 6, tzinfo=UTC))], zone=timezone(timedelta(hours=-5)), methadone_coprescribed=False
    )
    assert result.items["time_zone"] == "UTC-05:00"
    assert result.details["days"][0]["date"].isoformat() == "2025-03-01"


# Bad input: every problem named at once.


def test_bad_inputs_to_the_function_are_all_named():
    with pytest.raises(InvalidInput) as caught:
        check_doses(
            [Dose(0, local("2025-03-01T06:00")), Dose(True, datetime(2025, 3, 1, 12))],  # noqa: DTZ001 - naive on purpose
            zone="America/New_York",
            methadone_coprescribed="no",
            child_pugh=4,
            egfr=Decimal(-1),
            esrd_or_dialysis=1,
            oral_naltrexone_at=[datetime(2025, 3, 1, 8)],  # noqa: DTZ001 - naive on purpose
            stopping=None,
        )
    assert caught.value.fields.keys() == {
        "doses[0].tablets",
        "doses[1].tablets",
        "doses[1].at",
        "time_zone",
        "methadone_coprescribed",
        "child_pugh",
        "egfr",
        "esrd_or_dialysis",
        "oral_naltrexone_at[0]",
        "stopping",
    }


@pytest.mark.parametrize("egfr", [Decimal("NaN"), Decimal("Infinity"), True, 45.0, "45"])
def test_an_egfr_that_is_not_a_finite_decimal_or_whole_number_is_refused(egfr):
    with pytest.raises(InvalidInput) as caught:
        check(THREE_TABLETS_FOUR_TIMES, egfr=egfr)
    assert caught.value.fields.keys() == {"egfr"}


@pytest.mark.parametrize("child_pugh", [4, True, Decimal(8)])
def test_a_child_pugh_score_below_5_or_not_a_whole_number_is_refused(child_pugh):
    with pytest.raises(InvalidInput) as caught:
        check(THREE_TABLETS_FOUR_TIMES, child_pugh=child_pugh)
    assert caught.value.fields == {"child_pugh": "must be a whole-number Child-Pugh score of 5 or more"}


def test_no_doses_is_bad_input():
    with pytest.raises(InvalidInput) as caught:
        check([])
    assert caught.value.fields == {"doses": "needs at least one dose"}


def test_egfr_zero_and_a_whole_number_egfr_are_accepted():
    assert check(THREE_TABLETS_FOUR_TIMES, egfr=0).details["daily_figure_tablets"] == 4
    assert check(THREE_TABLETS_FOUR_TIMES, egfr=90).details["daily_figure_tablets"] == 16


# The command: key=value text and JSON.

RAW = {
    "doses": "3@2025-03-01T06:00:00-05:00,3@2025-03-01T11:30:00-05:00,3@2025-03-01T17:00:00-05:00,"
    "3@2025-03-01T22:30:00-05:00",
    "time_zone": "America/New_York",
    "methadone_coprescribed": "false",
}


def test_the_command_reads_the_first_example_from_key_value_text():
    body = lofex.COMMAND.run(RAW).to_json()
    assert (body["band"], body["days"][0]["tablets"], body["days"][0]["mg"]) == ("no_warning", 12, "2.16")


def test_the_command_reads_json_lists_and_every_option():
    raw = {
        "doses": [
            {"tablets": 3, "at": "2025-03-01T06:00:00-05:00"},
            {"tablets": "3", "at": "2025-03-01T11:30:00-05:00"},
        ],
        "time_zone": "America/New_York",
        "methadone_coprescribed": True,
        "child_pugh": 5,
        "egfr": "45.5",
        "esrd_or_dialysis": "true",
        "oral_naltrexone_at": ["2025-03-01T12:30:00-05:00"],
        "stopping": "true",
    }
    result = lofex.COMMAND.run(raw)
    assert result.flags == ("daily_total_above_figure", "methadone_qt", "oral_naltrexone_near_dose")
    assert (result.details["daily_figure_tablets"], result.details["daily_figure_basis"]) == (4, "renal")
    assert result.items["egfr"] == Decimal("45.5")
    assert any("taper" in r for r in result.reasons)


def test_the_command_accepts_one_tablet_egfr_zero_and_keeps_every_option():
    raw = {**RAW, "doses": "1@2025-03-01T06:00:00Z", "egfr": "0", "child_pugh": "5", "stopping": "false"}
    result = lofex.COMMAND.run({**raw, "esrd_or_dialysis": "false"})
    assert result.details["days"][0]["tablets"] == 1
    assert (result.items["child_pugh"], result.items["egfr"]) == (5, Decimal(0))
    assert (result.items["esrd_or_dialysis"], result.items["stopping"]) == (False, False)
    assert (result.details["daily_figure_tablets"], result.details["daily_figure_basis"]) == (4, "renal")
    assert lofex.COMMAND.run({**RAW, "child_pugh": "10"}).details["daily_figure_basis"] == "hepatic"


def test_a_second_at_sign_makes_the_time_bad_not_the_tablet_count():
    with pytest.raises(InvalidInput) as caught:
        lofex.COMMAND.run({**RAW, "doses": "3@@2025-03-01T06:00:00Z"})
    assert caught.value.fields == {"doses[0].at": "must be an ISO 8601 date-time with Z or an offset"}


def test_a_day_with_two_doses_says_doses():
    result = check(doses((3, "2025-03-01T06:00"), (3, "2025-03-01T12:00")))
    assert "Day 1 (2025-03-01): 6 tablets (1.08 mg) in 2 doses." in result.reasons


def test_the_command_reads_naltrexone_times_from_text():
    result = lofex.COMMAND.run({**RAW, "oral_naltrexone_at": "2025-03-01T12:00:00-05:00, 2025-03-01T03:00:00-05:00"})
    assert [w["flag"] for w in result.details["warnings"]] == ["oral_naltrexone_near_dose"]


def test_the_command_names_every_bad_field_at_once():
    raw = {
        "doses": "3@2025-03-01T06:00:00-05:00,x@2025-03-01T11:30:00,-1@2025-03-01T12:00:00Z",
        "time_zone": "Mars/Olympus",
        "methadone_coprescribed": "maybe",
        "child_pugh": "4",
        "egfr": "-3",
        "esrd_or_dialysis": "1",
        "oral_naltrexone_at": "yesterday",
        "stopping": "soon",
        "colour": "red",
    }
    with pytest.raises(InvalidInput) as caught:
        lofex.COMMAND.run(raw)
    fields = caught.value.fields
    assert fields["doses[1].tablets"] == fields["doses[2].tablets"] == "must be a whole number of tablets, 1 or more"
    assert (
        fields["doses[1].at"]
        == fields["oral_naltrexone_at[0]"]
        == ("must be an ISO 8601 date-time with Z or an offset")
    )
    assert fields.keys() == {
        "doses[1].tablets",
        "doses[1].at",
        "doses[2].tablets",
        "time_zone",
        "methadone_coprescribed",
        "child_pugh",
        "egfr",
        "esrd_or_dialysis",
        "oral_naltrexone_at[0]",
        "stopping",
        "colour",
    }


@pytest.mark.parametrize(
    ("doses_value", "problem"),
    [
        ("3 at 2025-03-01T06:00:00Z", 'must be TABLETS@DATETIME,... or a JSON list of {"tablets", "at"}'),
        ([{"tablets": 3}], 'must be TABLETS@DATETIME,... or a JSON list of {"tablets", "at"}'),
        (3, 'must be TABLETS@DATETIME,... or a JSON list of {"tablets", "at"}'),
        (",", "needs at least one dose"),
        ([], "needs at least one dose"),
    ],
)
def test_doses_in_the_wrong_shape_are_named(doses_value, problem):
    with pytest.raises(InvalidInput) as caught:
        lofex.COMMAND.run({**RAW, "doses": doses_value})
    assert caught.value.fields == {"doses": problem}


@pytest.mark.parametrize("zone", ["localtime", "../etc/passwd", "/etc/localtime", "america/new_york", 5])
def test_a_time_zone_that_is_not_an_iana_name_for_the_person_is_refused(zone):
    with pytest.raises(InvalidInput) as caught:
        lofex.COMMAND.run({**RAW, "time_zone": zone})
    assert caught.value.fields == {"time_zone": "must be an IANA time zone name such as America/New_York"}


@pytest.mark.parametrize("missing", ["doses", "time_zone", "methadone_coprescribed"])
def test_each_required_input_is_named_when_missing(missing):
    raw = {k: v for k, v in RAW.items() if k != missing}
    with pytest.raises(InvalidInput) as caught:
        lofex.COMMAND.run(raw)
    assert caught.value.fields == {missing: "is required"}


def test_naltrexone_times_in_the_wrong_shape_are_named():
    with pytest.raises(InvalidInput) as caught:
        lofex.COMMAND.run({**RAW, "oral_naltrexone_at": {"at": "2025-03-01T06:00:00Z"}})
    assert caught.value.fields == {
        "oral_naltrexone_at": "must be a list of date-times (comma-separated on the command line)"
    }


def test_the_command_lists_its_inputs_flags_and_source():
    assert lofex.COMMAND.name == "lofexidine-dose"
    assert [p.key for p in lofex.COMMAND.params if p.required] == ["doses", "time_zone", "methadone_coprescribed"]
    assert all(flag.value in lofex.COMMAND.outputs for flag in lofex.Flag)


# Invariants.

dose_lists = st.lists(st.tuples(st.integers(1, 6), st.integers(0, 20 * 24 * 60)), min_size=1, max_size=12).map(
    lambda pairs: [Dose(t, local("2025-03-01T00:00") + timedelta(minutes=m)) for t, m in pairs]
)
impairments = st.tuples(st.none() | st.integers(5, 15), st.none() | st.integers(0, 130).map(Decimal), st.booleans())


@settings(max_examples=60, deadline=None)
@given(dose_lists, impairments, st.booleans())
def test_totals_add_up_and_the_band_is_warning_exactly_when_there_are_flags(given_doses, impairment, methadone):
    child_pugh, egfr, esrd = impairment
    result = check(
        given_doses, child_pugh=child_pugh, egfr=egfr, esrd_or_dialysis=esrd, methadone_coprescribed=methadone
    )
    days = result.details["days"]
    assert sum(d["tablets"] for d in days) == sum(d.tablets for d in given_doses)
    assert all(d["mg"] == d["tablets"] * Decimal("0.18") for d in days)
    assert (result.band == "warning") == bool(result.flags) == bool(result.details["warnings"])
    assert result.details["daily_figure_tablets"] <= 16
    assert ("daily_total_above_figure" in result.flags) == any(
        d["tablets"] > result.details["daily_figure_tablets"] for d in days
    )


@settings(max_examples=40, deadline=None)
@given(dose_lists, st.randoms(use_true_random=False))
def test_the_order_the_doses_are_given_in_changes_nothing(given_doses, rng):
    shuffled = list(given_doses)
    rng.shuffle(shuffled)
    first, second = check(given_doses), check(shuffled)
    assert (first.flags, first.details["days"], first.details["warnings"]) == (
        second.flags,
        second.details["days"],
        second.details["warnings"],
    )


@given(st.none() | st.integers(5, 15), st.integers(0, 130), st.integers(0, 130))
def test_a_lower_egfr_never_raises_the_daily_figure(child_pugh, egfr_a, egfr_b):
    low, high = sorted((egfr_a, egfr_b))
    assert daily_figure(child_pugh, low).tablets <= daily_figure(child_pugh, high).tablets


def test_day_one_is_the_local_date_of_the_first_dose_even_when_its_utc_date_is_the_next_day():
    first = Dose(3, datetime(2025, 3, 2, 2, 0, tzinfo=UTC))  # 21:00 on 1 March in New York
    result = check([first, *doses((3, "2025-03-02T08:00"))])
    assert [(d["day"], d["date"]) for d in result.details["days"]] == [
        (1, date(2025, 3, 1)),
        (2, date(2025, 3, 2)),
    ]
    dose = result.to_json()["doses"][0]
    assert (dose["at"], dose["day"], dose["mg"]) == ("2025-03-02T02:00:00Z", 1, "0.54")


def test_the_result_names_the_rule_and_keeps_the_oral_naltrexone_times():
    naltrexone = local("2025-03-01T12:00")
    result = check(doses((3, "2025-03-01T08:00")), oral_naltrexone_at=[naltrexone])
    assert result.name == "lofexidine-dose"
    assert result.items["oral_naltrexone_at"] == [naltrexone]


def test_a_direct_call_names_each_bad_input_with_what_is_allowed():
    naive = datetime(2025, 3, 1, 8)  # noqa: DTZ001 - naive on purpose
    with pytest.raises(InvalidInput) as caught:
        check_doses(
            [Dose(0, naive)],
            zone="America/New_York",  # type: ignore[arg-type]
            methadone_coprescribed=1,  # type: ignore[arg-type]
            egfr=Decimal(-1),
            esrd_or_dialysis="no",  # type: ignore[arg-type]
            oral_naltrexone_at=[naive],
            stopping=None,  # type: ignore[arg-type]
        )
    assert caught.value.fields == {
        "doses[0].tablets": "must be a whole number of tablets, 1 or more",
        "doses[0].at": "must be a timezone-aware date-time",
        "time_zone": "must be a time zone",
        "methadone_coprescribed": "must be true or false",
        "esrd_or_dialysis": "must be true or false",
        "stopping": "must be true or false",
        "egfr": "must be a finite number of 0 or more (mL/min/1.73 m²)",
        "oral_naltrexone_at[0]": "must be a timezone-aware date-time",
    }
