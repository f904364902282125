"""The evaluation's pages and endpoints: a refused answer comes back beside its field (422), PHQ-9 item 9
above 0 shows the safety step the moment it is answered (htmx) and the crisis lines to the person."""

import json
from datetime import UTC, datetime

import pytest

from onward.alerts.models import Alert
from onward.evaluation import answers as spec
from onward.evaluation import services
from onward.evaluation.models import Evaluation, EvaluationVersion, Item9Flag, Screening
from onward.evaluation.tests.helpers import complete, phq9_answers, writer

NOW = datetime(2026, 3, 4, 16, 0, tzinfo=UTC)
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def now(time_machine):
    time_machine.move_to(NOW, tick=False)


def base(personas):
    return f"/people/{personas.person.public_id}"


def test_a_counselor_starts_an_evaluation_and_a_bad_answer_comes_back_beside_its_field(personas, client_as):
    counselor = client_as("counselor")
    response = counselor.post(f"{base(personas)}/evaluations/")
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302
    assert str(evaluation.public_id) in response["Location"]
    page = f"{base(personas)}/evaluations/{evaluation.public_id}/"
    assert 'name="phq9_self_harm_thoughts"' in counselor.get(page).content.decode()
    response = counselor.post(page, complete(substance_1_age_first="-3", action="sign"))
    text = response.content.decode()
    assert response.status_code == 422
    assert 'id="substance_1_age_first-error">Enter a whole number from 1 to 120.</span>' in text
    assert 'value="-3"' in text  # kept, to correct
    assert not EvaluationVersion.objects.exists()
    response = counselor.post(page, complete(action="sign"))
    assert response.status_code == 302
    shown = counselor.get(page).content.decode()
    assert "Version 1, signed by Counselor" in shown
    assert "ICD-10-CM F11.10" in shown


def test_answering_item_9_shows_the_safety_step_at_once_and_the_alert_exists(personas, client_as):
    evaluation = services.start_evaluation(access=writer(personas))
    counselor = client_as("counselor")
    response = counselor.post(
        f"{base(personas)}/screenings/item9/", {spec.ITEM9_FIELD: "1", "item9_source": "evaluation"}, **HX
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Safety step: PHQ-9 item 9 answered 1" in text
    assert "988" in text
    assert 'name="outcome"' in text
    assert Alert.objects.get(kind="phq9.item9").severity == "high"
    assert Item9Flag.objects.get().raised_in == "evaluation"
    assert evaluation.state == "draft"  # before the form is complete
    zero = counselor.post(f"{base(personas)}/screenings/item9/", {spec.ITEM9_FIELD: "0"}, **HX)
    assert zero.content == b""


def test_the_safety_check_without_a_note_is_refused_beside_it_and_with_one_closes_the_flag(personas, client_as):
    services.item9_answered(access=writer(personas), value=1, source="clinician")
    nurse = client_as("nurse")
    refused = nurse.post(f"{base(personas)}/screenings/safety-check/", {"outcome": "safety_plan", "note": ""})
    assert refused.status_code == 422
    assert 'id="note-error">Say what was checked and done' in refused.content.decode()
    swapped = nurse.post(
        f"{base(personas)}/screenings/safety-check/", {"outcome": "safety_plan", "note": "Plan made."}, **HX
    )
    assert "Safety check recorded" in swapped.content.decode()
    assert Item9Flag.objects.get().closed_at is not None


def test_the_person_answers_a_due_phq9_on_their_phone_and_sees_the_crisis_lines(personas, client_as):
    person = client_as("person")
    answer = f"{base(personas)}/screenings/phq9/"
    assert person.get(answer).status_code == 403  # nothing asked yet
    services.ask_screening(access=writer(personas), instrument="phq9")
    assert "Answer the PHQ-9" in person.get("/").content.decode()  # Today shows it due
    hx = person.post(f"{base(personas)}/screenings/item9/", {"self_harm_thoughts": "2"}, **HX)
    assert "You do not have to go through this alone" in hx.content.decode()
    assert Item9Flag.objects.get().raised_in == "self_report"
    sent = person.post(answer, {k: str(v) for k, v in phq9_answers(1, 1, 1, 1, 1, 0, 0, 0, 2).items()})
    text = sent.content.decode()
    assert sent.status_code == 200
    assert text.index("You do not have to go through this alone") < text.index("Thank you for answering")
    assert Screening.objects.get().total == 7


def test_the_screenings_page_draws_each_trend_with_a_table(personas, client_as):
    for values in ((2, 2, 2, 1, 1, 1, 0, 0, 0), (1, 1, 1, 1, 1, 0, 0, 0, 0)):
        services.record_screening(access=writer(personas), instrument="phq9", raw=phq9_answers(*values))
    text = client_as("prescriber").get(f"{base(personas)}/screenings/").content.decode()
    assert "<svg" in text
    assert "PHQ-9 totals, 2 in all" in text
    assert "<td>9</td>" in text
    assert "<td>5</td>" in text
    assert client_as("coach").get(f"{base(personas)}/screenings/").status_code == 403


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_api_drafts_signs_and_corrects_with_422_on_the_field(personas, client_as):
    counselor = client_as("counselor")
    api = f"/api/v1/people/{personas.person.public_id}"
    created = post_json(counselor, f"{api}/evaluations", {})
    assert created.status_code == 201
    eid = created.json()["id"]
    bad = counselor.put(
        f"{api}/evaluations/{eid}/draft",
        json.dumps({"answers": {"housing": "castle"}}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "housing" in bad.json()["error"]["fields"]
    assert (
        post_json(counselor, f"{api}/evaluations/{eid}/corrections", {"answers": {}, "reason": "x"}).status_code == 409
    )
    answers = complete() | {spec.PHQ9_PREFIX + k: int(v) for k, v in phq9_answers(1, 1, 1, 1, 1, 0, 0, 0, 0).items()}
    signed = post_json(counselor, f"{api}/evaluations/{eid}/sign", {"answers": answers})
    assert signed.status_code == 201
    assert signed.json()["results"]["phq9"]["total"] == 5
    corrected = post_json(counselor, f"{api}/evaluations/{eid}/corrections", {"answers": answers, "reason": "typo"})
    assert corrected.json()["number"] == 2
    assert [v["number"] for v in counselor.get(f"{api}/evaluations/{eid}").json()["versions"]] == [2, 1]


def test_the_api_item_9_route_raises_the_flag_and_the_person_answers_their_own(personas, client_as):
    api = f"/api/v1/people/{personas.person.public_id}"
    raised = post_json(client_as("nurse"), f"{api}/screenings/item9", {"value": 1, "source": "clinician"})
    assert raised.json()["flag_open"] is True
    assert post_json(client_as("supporter"), f"{api}/screenings/item9", {"value": 1}).status_code == 404
    person = client_as("person")
    refused = post_json(person, f"{api}/screenings", {"instrument": "gad7", "answers": {}})
    assert refused.status_code == 422
    assert "nervous_on_edge" in refused.json()["error"]["fields"]
    assert post_json(client_as("counselor"), f"{api}/screening-requests", {"instrument": "gad7"}).status_code == 201
    assert [d["instrument"] for d in person.get(f"{api}/screenings/due").json()] == ["gad7"]
    answers = dict.fromkeys(
        ("nervous_on_edge", "cannot_stop_worrying", "worrying_too_much", "trouble_relaxing", "restless", "irritable",
         "afraid_something_awful"), 3)  # fmt: skip
    sent = post_json(person, f"{api}/screenings", {"instrument": "gad7", "answers": answers})
    assert sent.status_code == 201
    assert sent.json()["source"] == "self_report"
    assert sent.json()["band"] == "severe"
    check = post_json(client_as("counselor"), f"{api}/safety-checks", {"outcome": "no_current_risk", "note": "ok"})
    assert check.status_code == 201


def test_fentanyl_from_the_signed_evaluation_carries_no_wait_into_buprenorphine_readiness(personas, client_as):
    evaluation = services.start_evaluation(access=writer(personas))
    services.sign_evaluation(access=writer(personas), evaluation=evaluation, raw=complete())
    text = client_as("prescriber").get(f"{base(personas)}/medication/readiness/buprenorphine/").content.decode()
    assert "Last opioid use from the evaluation signed" in text
    assert "no waiting time by default (clinical-reference §7)" in text
    assert '<option value="fentanyl" selected>' in text
