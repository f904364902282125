"""The evaluation's services: drafts, signing with the clinical core's results, corrections that keep
every version, PHQ-9 and GAD-7 screenings, and the PHQ-9 item-9 flag (clinical-reference §3)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from onward.alerts.kinds import shared_with_supporters
from onward.alerts.models import Alert, Severity, State
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.evaluation import answers as spec
from onward.evaluation import selectors, services
from onward.evaluation.flags import flags_for
from onward.evaluation.models import (
    EvaluationState,
    Item9Flag,
    ProgramScreeningSettings,
    Screening,
    ScreeningRequest,
    Source,
)
from onward.evaluation.tests.helpers import complete, phq9_answers, writer

NOW = datetime(2026, 3, 4, 16, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def now(time_machine):
    time_machine.move_to(NOW, tick=False)


def started(personas, who="counselor"):
    return services.start_evaluation(access=writer(personas, who))


def test_item_9_above_0_raises_a_high_clinical_alert_even_when_the_rest_of_the_draft_is_refused(personas):
    evaluation = started(personas)
    with pytest.raises(InvalidInput) as refused:
        services.save_draft(
            access=writer(personas),
            evaluation=evaluation,
            raw={spec.ITEM9_FIELD: "1", "substance_1_age_first": "two hundred"},
        )
    assert "substance_1_age_first" in refused.value.fields
    flag = Item9Flag.objects.get(person=personas.person, closed_at__isnull=True)
    assert (flag.value, flag.raised_in) == (1, Source.EVALUATION)
    assert (flag.alert.kind, flag.alert.severity, flag.alert.clinical) == ("phq9.item9", Severity.HIGH, True)
    assert "answered 1, several days" in flag.alert.reasons[0]
    assert not shared_with_supporters("phq9.item9")  # never reaches supporters
    evaluation.refresh_from_db()
    assert evaluation.draft == {}  # nothing of the refused draft was saved


def test_item_9_at_0_or_unanswered_raises_nothing(personas):
    evaluation = started(personas)
    services.save_draft(access=writer(personas), evaluation=evaluation, raw={spec.ITEM9_FIELD: "0"})
    services.save_draft(access=writer(personas), evaluation=evaluation, raw={})
    assert not Item9Flag.objects.exists()
    assert not Alert.objects.filter(kind="phq9.item9").exists()


def test_a_higher_answer_raises_the_open_flag_and_a_repeat_opens_no_second_one(personas):
    services.item9_answered(access=writer(personas), value="1", source=Source.CLINICIAN)
    services.item9_answered(access=writer(personas), value="3", source=Source.CLINICIAN)
    services.item9_answered(access=writer(personas), value="2", source=Source.CLINICIAN)
    assert Item9Flag.objects.get().value == 3
    assert Alert.objects.filter(kind="phq9.item9").count() == 1


def test_signing_scores_with_the_clinical_core_and_keeps_the_screenings_for_the_trend(personas):
    evaluation = started(personas)
    version = services.sign_evaluation(access=writer(personas), evaluation=evaluation, raw=complete())
    assert version.number == 1
    assert version.reason == ""
    assert (version.results["phq9"]["total"], version.results["phq9"]["band"]) == (9, "mild")
    assert (version.results["gad7"]["total"], version.results["gad7"]["band"]) == (14, "moderate")
    assert (version.results["dsm5"]["total"], version.results["dsm5"]["icd10"]) == (3, "F11.10")
    assert any("buprenorphine readiness sets no waiting time" in f for f in version.flags)
    assert version.answers["substance_1_last_use"] == "2026-03-04T04:00:00+00:00"  # 22:00 in Chicago
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.SIGNED
    assert [s.total for s in selectors.list_screenings(writer(personas, action="read"), "phq9")] == [9]
    with pytest.raises(Conflict):
        services.save_draft(access=writer(personas), evaluation=evaluation, raw=complete())


def test_medical_supervision_takes_tolerance_and_withdrawal_out_of_the_count(personas):
    raw = complete(**{spec.DSM5_PREFIX + "solely_under_medical_supervision": "on"})
    version = services.sign_evaluation(access=writer(personas), evaluation=started(personas), raw=raw)
    assert (version.results["dsm5"]["total"], version.results["dsm5"]["band"]) == (1, "not_met")
    assert version.results["dsm5"]["icd10"] is None


def test_signing_names_every_answer_it_still_needs(personas):
    raw = complete()
    del raw["housing"], raw[spec.PHQ9_PREFIX + "feeling_down"]
    with pytest.raises(InvalidInput) as refused:
        services.sign_evaluation(access=writer(personas), evaluation=started(personas), raw=raw)
    assert refused.value.fields == {
        "housing": "Answer this before signing.",
        spec.PHQ9_PREFIX + "feeling_down": "Answer this before signing.",
    }


def test_a_substance_row_without_its_substance_is_refused(personas):
    raw = complete(substance_2_route="injection")
    with pytest.raises(InvalidInput) as refused:
        services.sign_evaluation(access=writer(personas), evaluation=started(personas), raw=raw)
    assert refused.value.fields == {"substance_2_kind": "Choose the substance this row describes."}


def test_a_correction_needs_a_reason_and_keeps_every_version(personas):
    evaluation = started(personas)
    services.sign_evaluation(access=writer(personas), evaluation=evaluation, raw=complete())
    with pytest.raises(InvalidInput) as refused:
        services.correct_evaluation(access=writer(personas, "nurse"), evaluation=evaluation, raw=complete(), reason=" ")
    assert set(refused.value.fields) == {"reason"}
    changed = complete(**{spec.PHQ9_PREFIX + "trouble_concentrating": "1"})
    second = services.correct_evaluation(
        access=writer(personas, "nurse"), evaluation=evaluation, raw=changed, reason="Item 7 was misheard"
    )
    first = evaluation.versions.get(number=1)
    assert (second.number, second.reason, second.signed_by) == (2, "Item 7 was misheard", personas.nurse)
    assert first.results["phq9"]["total"] == 9
    assert second.results["phq9"]["total"] == 10
    trend = selectors.list_screenings(writer(personas, action="read"), "phq9")
    assert [s.total for s in trend] == [10]
    assert Screening.objects.filter(replaced_by_version=second).count() == 2  # PHQ-9, GAD-7 of version 1


def test_a_draft_is_not_corrected(personas):
    with pytest.raises(Conflict):
        services.correct_evaluation(access=writer(personas), evaluation=started(personas), raw=complete(), reason="why")


def test_only_a_clinician_documents_the_safety_check_and_it_closes_the_flag(personas):
    services.item9_answered(access=writer(personas), value=2, source=Source.CLINICIAN)
    with pytest.raises(Forbidden):
        writer(personas, "coach")
    with pytest.raises(InvalidInput) as refused:
        services.record_safety_check(access=writer(personas, "nurse"), outcome="nonsense", note="")
    assert set(refused.value.fields) == {"outcome", "note"}
    check = services.record_safety_check(
        access=writer(personas, "nurse"), outcome="safety_plan", note="Talked it through; plan made with Alex."
    )
    flag = Item9Flag.objects.get()
    assert flag.closed_at == NOW
    assert check.flag == flag
    assert check.checked_by == personas.nurse
    assert flag.alert.state == State.RESOLVED
    assert "Safety plan made" in flag.alert.resolution_note
    with pytest.raises(Conflict):
        services.record_safety_check(access=writer(personas, "nurse"), outcome="safety_plan", note="again")


def test_the_person_may_not_close_their_own_flag(personas):
    services.item9_answered(access=writer(personas), value=1, source=Source.CLINICIAN)
    own = writer(personas, "person", kind="self_screenings")
    with pytest.raises(Forbidden):
        services.record_safety_check(access=own, outcome="safety_plan", note="I am fine")


def test_the_person_answers_only_when_asked_and_item_9_raises_the_flag_as_theirs(personas):
    own = writer(personas, "person", kind="self_screenings")
    answers = phq9_answers(0, 0, 0, 0, 0, 0, 0, 0, 1)
    with pytest.raises(Conflict):
        services.record_screening(access=own, instrument="phq9", raw=answers)
    Item9Flag.objects.all().delete()  # the refused answer still raised the flag first; start clean
    Alert.objects.all().delete()
    services.ask_screening(access=writer(personas), instrument="phq9")
    with pytest.raises(Conflict):
        services.ask_screening(access=writer(personas), instrument="phq9")
    assert [d.instrument for d in selectors.due_screenings(own)] == ["phq9"]
    screening = services.record_screening(access=own, instrument="phq9", raw=answers)
    assert (screening.source, screening.total, screening.band, screening.item9) == ("self_report", 1, "minimal", 1)
    assert ScreeningRequest.objects.get().answered_at == NOW
    assert Item9Flag.objects.get().raised_in == Source.SELF_REPORT
    assert selectors.due_screenings(own) == []


def test_an_incomplete_screening_names_each_missing_item(personas):
    with pytest.raises(InvalidInput) as refused:
        services.record_screening(access=writer(personas), instrument="gad7", raw={"irritable": "4"})
    assert refused.value.fields["irritable"] == "Choose one of the answers offered."
    assert refused.value.fields["nervous_on_edge"] == "Choose one of the answers offered."


def test_the_program_schedule_asks_only_when_an_interval_is_set(personas, time_machine):
    person = personas.person
    assert not services.schedule_due(person, "gad7")  # no schedule by default: the reference gives none
    ProgramScreeningSettings.objects.create(program=personas.program, gad7_every_days=28)
    assert services.schedule_due(person, "gad7")
    services.record_screening(access=writer(personas), instrument="gad7", raw=dict.fromkeys(
        ("nervous_on_edge", "cannot_stop_worrying", "worrying_too_much", "trouble_relaxing", "restless", "irritable",
         "afraid_something_awful"), 1))  # fmt: skip
    assert not services.schedule_due(person, "gad7", at=NOW + timedelta(days=27, hours=23))
    assert services.schedule_due(person, "gad7", at=NOW + timedelta(days=28))


def test_a_supporter_never_reads_the_evaluation(personas):
    with pytest.raises(Exception, match=r"person|not permitted"):
        writer(personas, "supporter", action="read")


@pytest.mark.parametrize(
    ("born", "flagged"),
    [(date(2008, 3, 5), True), (date(2008, 3, 4), False)],  # 18 the day after / on the day
)
def test_a_minor_is_flagged_for_the_clinician_and_nothing_is_decided(born, flagged):
    flags = flags_for({}, date_of_birth=born, on=date(2026, 3, 4))
    assert any("Under 18" in f for f in flags) is flagged


def test_pregnancy_is_flagged_without_numbers():
    (flag,) = flags_for({"pregnant": "yes"}, date_of_birth=None, on=date(2026, 3, 4))
    assert flag == "Pregnant: flagged for the clinician's attention."
    assert flags_for({"pregnant": "no"}, date_of_birth=None, on=date(2026, 3, 4)) == []


def test_signing_after_the_safety_check_does_not_reopen_the_flag_but_a_higher_answer_does(personas):
    evaluation = started(personas)
    services.save_draft(access=writer(personas), evaluation=evaluation, raw={spec.ITEM9_FIELD: "1"})
    services.record_safety_check(access=writer(personas), outcome="safety_plan", note="Plan made with Alex.")
    services.sign_evaluation(access=writer(personas), evaluation=evaluation, raw=complete(**{spec.ITEM9_FIELD: "1"}))
    assert list(Item9Flag.objects.values_list("closed_at", flat=True)) == [NOW]
    services.correct_evaluation(
        access=writer(personas), evaluation=evaluation, raw=complete(**{spec.ITEM9_FIELD: "2"}), reason="re-asked"
    )
    reopened = Item9Flag.objects.get(closed_at__isnull=True)
    assert reopened.value == 2
    assert reopened.key == f"evaluation:{evaluation.public_id}"


def test_asking_tells_the_person_in_neutral_words_with_a_link_to_the_questions(personas):
    from onward.core.neutral import FORBIDDEN_WORDS  # noqa: PLC0415
    from onward.notifications.models import Notification  # noqa: PLC0415

    services.ask_screening(access=writer(personas), instrument="gad7")
    told = Notification.objects.get(recipient=personas.users["person"])
    assert told.link == f"/people/{personas.person.public_id}/screenings/gad7/"
    assert not [w for w in FORBIDDEN_WORDS if w in f"{told.title} {told.body}".lower()]


def test_a_program_administrator_sets_the_schedule_and_a_bad_interval_is_refused_beside_it(personas, client_as):
    url = f"/programs/{personas.program.public_id}/screening-settings/"
    admin = client_as("program_admin")
    refused = admin.post(url, {"phq9_every_days": "0", "gad7_every_days": ""})
    assert refused.status_code == 422
    assert "Enter a number of days from 1 to 366" in refused.content.decode()
    assert admin.post(url, {"phq9_every_days": "28", "gad7_every_days": ""}).status_code == 302
    row = ProgramScreeningSettings.objects.get(program=personas.program)
    assert (row.phq9_every_days, row.gad7_every_days, row.version) == (28, None, 2)
    assert client_as("counselor").get(url).status_code == 200  # reads
    assert client_as("counselor").post(url, {"phq9_every_days": "7"}).status_code == 403  # never changes
    row.refresh_from_db()
    assert row.phq9_every_days == 28


def test_the_synthetic_history_raises_the_same_item_9_kind():
    from onward.synth import evaluation as synthetic  # noqa: PLC0415

    assert synthetic.ITEM9_ALERT == services.ITEM9_ALERT
