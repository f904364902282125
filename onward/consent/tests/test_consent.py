"""Consents under 42 CFR Part 2: in force, scoped, revocable, and every disclosure listed for the person."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from conftest import make_user
from onward.alerts.services import raise_alert
from onward.audit.models import AuditEvent
from onward.consent.models import Consent, Disclosure
from onward.consent.notice import NOTICE_HEADER, STATEMENT_1, STATEMENT_2, first_sentence_and_rest
from onward.consent.selectors import person_ids_consenting_to
from onward.consent.services import give_consent, revoke_consent
from onward.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from onward.people.access import access_person, break_glass

NOW = datetime(2026, 3, 2, 15, tzinfo=UTC)  # 09:00 on 2 March in Chicago


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def own(personas):
    return access_person(personas.person.account, personas.person.public_id, kind="consents", action="write")


def consent(personas, *, scopes=("progress",), expires_on=date(2026, 6, 30), to=None):
    return give_consent(
        access=own(personas),
        recipient_email=(to or personas.supporter).email,
        scopes=list(scopes),
        purpose="so Sam can encourage me",
        expires_on=expires_on,
        signature_name="alex",
    )


def revoke(personas, given):
    return revoke_consent(access=own(personas), consent=given, text="I withdraw this consent.")


def test_a_signed_consent_is_in_force_through_its_expiry_day_where_the_person_lives(personas, time_machine):
    consent(personas, expires_on=date(2026, 3, 5))
    supporter = personas.supporter
    assert list(person_ids_consenting_to(supporter, at=NOW)) == [personas.person.pk]
    end_of_day_chicago = datetime(2026, 3, 6, 6, tzinfo=UTC)  # midnight starting 6 March, CST
    assert list(person_ids_consenting_to(supporter, at=end_of_day_chicago - timedelta(seconds=1)))
    assert not list(person_ids_consenting_to(supporter, at=end_of_day_chicago))


def test_a_revoked_consent_is_no_longer_in_force_and_keeps_the_written_revocation(personas):
    given = consent(personas)
    revoked = revoke(personas, given)
    assert not list(person_ids_consenting_to(personas.supporter, at=NOW))
    assert (revoked.revocation_text, revoked.revoked_by, revoked.revoked_at) == (
        "I withdraw this consent.",
        personas.person.account,
        NOW,
    )
    with pytest.raises(Conflict):
        revoke(personas, revoked)


def test_a_consent_names_each_missing_element(personas):
    with pytest.raises(InvalidInput) as caught:
        give_consent(
            access=own(personas),
            recipient_email="nobody@example.test",
            scopes=[],
            purpose=" ",
            expires_on=date(2026, 3, 1),
            signature_name="Someone Else",
        )
    assert caught.value.fields.keys() == {"recipient_email", "scopes", "purpose", "expires_on", "signature_name"}
    assert Consent.objects.count() == 0


def test_only_a_supporter_account_can_receive_a_consent(personas):
    with pytest.raises(InvalidInput) as caught:
        consent(personas, to=personas.counselor_elsewhere)
    assert caught.value.fields.keys() == {"recipient_email"}


def test_expiry_today_is_allowed_and_yesterday_is_not(personas):
    assert consent(personas, expires_on=date(2026, 3, 2)).expires_on == date(2026, 3, 2)
    with pytest.raises(InvalidInput):
        consent(personas, expires_on=date(2026, 3, 1))


def test_a_supporter_sees_only_the_scopes_consented(personas):
    consent(personas, scopes=["progress"])
    person = personas.person.public_id
    assert access_person(personas.supporter, person, kind="profile", action="read").purpose == "support"
    with pytest.raises(Forbidden):
        access_person(personas.supporter, person, kind="alerts", action="read")
    with pytest.raises(Forbidden):
        access_person(personas.supporter, person, kind="profile", action="write")


def test_without_consent_or_after_revocation_the_person_is_not_found(personas):
    person = personas.person.public_id
    with pytest.raises(NotFound):
        access_person(personas.supporter, person, kind="profile", action="read")
    given = consent(personas)
    access_person(personas.supporter, person, kind="profile", action="read")
    revoke(personas, given)
    before = Disclosure.objects.count()
    with pytest.raises(NotFound):
        access_person(personas.supporter, person, kind="profile", action="read")
    assert Disclosure.objects.count() == before  # nothing new; the earlier one stays
    assert before == 1


def test_a_consent_to_one_supporter_shows_nothing_to_another(personas):
    consent(personas)
    other = make_user(role="supporter", name="Riley")
    with pytest.raises(NotFound):
        access_person(other, personas.person.public_id, kind="profile", action="read")


def test_every_consented_read_is_a_disclosure_and_audited(personas):
    given = consent(personas, scopes=["progress", "alerts"])
    for kind in ("profile", "episodes", "alerts"):
        access_person(personas.supporter, personas.person.public_id, kind=kind, action="read")
    rows = list(Disclosure.objects.order_by("pk").values_list("consent", "record_kinds", "recipient", "break_glass"))
    assert rows == [(given.pk, [k], personas.supporter.pk, False) for k in ("profile", "episodes", "alerts")]
    reads = AuditEvent.objects.filter(actor=personas.supporter, purpose="support", action__endswith=".read")
    assert reads.count() == 3


def test_staff_reads_are_not_disclosures(personas):
    access_person(personas.counselor, personas.person.public_id, kind="profile", action="read")
    assert Disclosure.objects.count() == 0


def test_the_supporter_page_carries_the_notice_and_only_consented_scopes(personas, client_as):
    raise_alert(person=personas.person, kind="checkins.missed", severity="medium", reasons=["3 days"], source_rule="t")
    consent(personas, scopes=["progress", "plan"])
    response = client_as("supporter").get(f"/supporting/{personas.person.public_id}/")
    page = response.content.decode()
    assert response.status_code == 200
    # The notice's first sentence shows at once; the rest is folded beneath it (issue 15: the notice
    # filled a phone's first screen), still in the page.
    first, rest = first_sentence_and_rest(STATEMENT_1)
    assert first == (
        "This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2)."
    )
    folded = re.search(r"<details class=\"notice-more\">(.*?)</details>", page, re.S)
    assert folded is not None
    main = " ".join(page.split()).split("<main", 1)[1]  # the header folds its own menus in <details>
    assert f"<p>{first}</p>" in main.split('<details class="notice-more">')[0]
    assert rest in " ".join(folded.group(1).split())
    assert response[NOTICE_HEADER] == STATEMENT_2
    assert "Day 412" in page  # recovery started 2025-01-15; 2 March 2026 is day 412
    assert "Progress" in page
    assert "Alerts" not in page  # not consented
    assert "Relapse-prevention plan" in page  # consented: shown, though no plan is written yet
    assert "has not written a plan yet" in page
    assert "3 days" not in page


def test_the_supporter_page_is_not_found_after_revocation_or_for_another_person(personas, client_as):
    given = consent(personas)
    client = client_as("supporter")
    assert client.get(f"/supporting/{personas.other_person.public_id}/").status_code == 404
    assert client.get(f"/people/{personas.person.public_id}/").status_code == 200
    revoke(personas, given)
    assert client.get(f"/supporting/{personas.person.public_id}/").status_code == 404
    assert client.get("/supporting/").content.decode().count(personas.person.preferred_name) == 0


def test_supporter_alerts_follow_the_alerts_scope(personas, client_as):
    raise_alert(person=personas.person, kind="checkins.missed", severity="medium", reasons=["3 days"], source_rule="t")
    client = client_as("supporter")
    consent(personas, scopes=["progress"])
    assert client.get("/api/v1/alerts").json() == []
    assert client.get(f"/api/v1/people/{personas.person.public_id}/alerts").status_code == 403
    consent(personas, scopes=["alerts"])
    listed = client.get("/api/v1/alerts")
    assert [a["reasons"] for a in listed.json()] == [["3 days"]]
    assert listed[NOTICE_HEADER] == STATEMENT_2
    assert Disclosure.objects.filter(record_kinds=["alerts"]).count() == 1
    acknowledge = client.post(f"/api/v1/people/{personas.person.public_id}/alerts/{listed.json()[0]['id']}/acknowledge")
    assert acknowledge.status_code == 403  # read only


def test_the_supporter_profile_over_the_api_hides_contact_and_clinical_fields(personas, client_as):
    consent(personas)
    body = client_as("supporter").get(f"/api/v1/people/{personas.person.public_id}").json()
    assert (body["preferred_name"], body["recovery_started_on"]) == ("Alex", "2025-01-15")
    assert (body["date_of_birth"], body["primary_substance"], body["email"], body["phone"]) == (None, None, "", "")


def test_the_person_lists_disclosures_under_each_consent_and_in_their_export(personas, client_as):
    given = consent(personas)
    access_person(personas.supporter, personas.person.public_id, kind="profile", action="read")
    client = client_as("person")
    listed = client.get(f"/api/v1/people/{personas.person.public_id}/consents").json()
    assert [(c["id"], c["status"], len(c["disclosures"])) for c in listed] == [(str(given.public_id), "in force", 1)]
    page = client.get(f"/people/{personas.person.public_id}/consents/").content.decode()
    assert "name and recovery start" in page
    record = client.get(f"/people/{personas.person.public_id}/record/?format=json").json()
    assert [
        d["to"] for p in record["parts"] for s in p["sections"] if s["key"] == "disclosures" for d in s["items"]
    ] == ["Sam"]


def test_breaking_the_glass_needs_a_reason_and_a_clinician(personas):
    with pytest.raises(InvalidInput) as caught:
        break_glass(
            personas.counselor_elsewhere,
            personas.person.public_id,
            emergency=" ",
            recipient_name="",
            recipient_affiliation="",
        )
    assert caught.value.fields.keys() == {"emergency", "recipient_name", "recipient_affiliation"}
    with pytest.raises(Forbidden):
        break_glass(
            personas.coach,
            personas.person.public_id,
            emergency="overdose",
            recipient_name="A",
            recipient_affiliation="B",
        )
    assert Disclosure.objects.count() == 0


def test_a_broken_glass_is_audited_and_shown_to_the_person(personas, client_as):
    response = client_as("counselor_elsewhere").post(
        f"/api/v1/people/{personas.person.public_id}/break-glass",
        {
            "emergency": "unresponsive after a suspected overdose",
            "recipient_name": "Dr. Lee",
            "recipient_affiliation": "County ED",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["profile"]["date_of_birth"] == "1990-05-01"
    assert (
        AuditEvent.objects.filter(
            action="break_glass.read", actor=personas.counselor_elsewhere, purpose="emergency"
        ).count()
        == 1
    )
    disclosures = client_as("person").get(f"/api/v1/people/{personas.person.public_id}/disclosures").json()
    assert [(d["break_glass"], d["emergency"], d["recipient_affiliation"]) for d in disclosures] == [
        (True, "unresponsive after a suspected overdose", "County ED")
    ]
    page = client_as("person").get(f"/people/{personas.person.public_id}/consents/").content.decode()
    assert "unresponsive after a suspected overdose" in page
    # No lasting grant: the counselor still cannot open the record.
    with pytest.raises(NotFound):
        access_person(personas.counselor_elsewhere, personas.person.public_id, kind="profile", action="read")


def test_the_break_glass_page_asks_for_the_emergency_on_the_form(personas, client_as):
    client = client_as("nurse")
    response = client.post(
        "/emergency/",
        {"person_id": str(personas.person.public_id), "recipient_name": "N", "recipient_affiliation": "ED"},
    )
    assert "This field is required." in response.content.decode()
    assert client_as("coach").get("/emergency/").status_code == 403
    shown = client.post(
        "/emergency/",
        {
            "person_id": str(personas.person.public_id),
            "emergency": "seizure",
            "recipient_name": "N",
            "recipient_affiliation": "ED",
        },
    )
    assert "Emergency summary: Alex" in shown.content.decode()
    assert Disclosure.objects.filter(break_glass=True).count() == 1


def test_the_consent_form_explains_a_missing_supporter_account(personas, client_as):
    response = client_as("person").post(
        f"/people/{personas.person.public_id}/consents/new/",
        {
            "recipient_email": "nobody@example.test",
            "scopes": ["progress"],
            "purpose": "x",
            "expires_on": "2026-04-01",
            "signature_name": "Alex",
        },
    )
    assert response.status_code == 200
    assert "No supporter account has this e-mail address" in response.content.decode()
    assert Consent.objects.count() == 0


def test_the_progress_scope_shows_the_level_of_care_now_not_the_treatment_history(personas):
    """ "The level of substance use disorder treatment you are in now" (DESCRIPTIONS): a supporter gets the
    open episode with its current level, not earlier episodes, discharge reasons or earlier levels."""
    from onward.people.selectors import list_episodes  # noqa: PLC0415
    from onward.people.services import discharge, start_level_of_care  # noqa: PLC0415
    from tests.factories import place  # noqa: PLC0415

    nurse = personas.users["counselor"]
    earlier = place(personas.person, by=nurse, admitted_on=date(2025, 6, 1), level="3.7")
    writing = access_person(nurse, personas.person.public_id, kind="episodes", action="write")
    discharge(access=writing, episode=earlier, discharged_on=date(2025, 6, 20), reason_code=2)
    current = place(personas.person, by=nurse, admitted_on=date(2026, 1, 5), level="2.1")
    start_level_of_care(access=writing, episode=current, edition="3", level="1", started_on=date(2026, 2, 1))
    consent(personas, scopes=["progress"])
    team = list_episodes(access_person(nurse, personas.person.public_id, kind="episodes", action="read"))
    assert [len(e.levels) for e in team] == [2, 1]
    (shown,) = list_episodes(
        access_person(personas.supporter, personas.person.public_id, kind="episodes", action="read")
    )
    assert (shown.id, shown.discharged_on, shown.discharge_reason) == (current.public_id, None, None)
    assert [level.level for level in shown.levels] == ["1"]


def test_a_supporters_home_says_how_to_help_even_before_anyone_shares(personas, client_as):
    """Overdose steps and naloxone (clinical-reference §12, §16), warning signs (§15), lost tolerance (§12),
    safety before blame, and support for the supporter: help lines and family groups in the finder."""
    page = client_as("supporter").get("/supporting/").content.decode()
    assert "No one is sharing anything with you right now" in page
    assert "{#" not in page  # the template's source note stays hidden
    assert "clinical-reference" not in page
    helping = page.split("How you can help")[1]
    for words in (
        'href="tel:911"',
        "sold without a prescription",
        "thinking fondly about past use",
        "tolerance is lower",
        "Lead with safety, not blame",
        "SAMHSA National Helpline: 1-800-662-4357",
        "/meetings/?fellowship=nar-anon&amp;fellowship=al-anon",
    ):
        assert words in helping, words
    families = client_as("supporter").get("/meetings/?fellowship=nar-anon&fellowship=al-anon")
    assert families.status_code == 200


def test_the_plans_call_list_never_tells_the_supporter_to_call_themselves(personas, client_as):
    from onward.plans.services import add_member, invite_supporter, save_plan  # noqa: PLC0415

    own = access_person(personas.person.account, personas.person.public_id, kind="network", action="write")
    sam = add_member(access=own, name="Sam Reader", kind="friend", how_they_help="listens", phone="+13125550100")
    dana = add_member(access=own, name="Dana Other", kind="sponsor", how_they_help="answers", phone="+13125550101")
    invite_supporter(
        access=access_person(personas.person.account, personas.person.public_id, kind="consents", action="write"),
        member=sam,
        email=personas.supporter.email,
        scopes=["plan"],
        purpose="to help me keep to my plan",
        expires_on=date(2099, 12, 31),
        signature_name=personas.person.preferred_name,
    )
    save_plan(
        access=access_person(personas.person.account, personas.person.public_id, kind="plan", action="write"),
        triggers=[],
        warning_signs=["skipping meals"],
        coping_skills=["walk"],
        reasons=["my daughter"],
        people_to_call=[str(sam.public_id), str(dana.public_id)],
        safe_places=[],
        daily_routine=[],
        if_i_use=[],
        naloxone_where="",
    )
    page = client_as("supporter").get(f"/supporting/{personas.person.public_id}/").content.decode()
    assert "Dana Other" in page
    assert "Sam Reader" not in page
