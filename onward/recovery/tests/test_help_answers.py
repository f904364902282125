"""Answering a call for help (issue 15 item 7): the person chooses, with each request, the number to share
and call or text; the supporters it was sent to and the care team see it with call and text buttons and
"I'm on it"; the person and the team see who is on it. Nothing else of the person's contact details
reaches a supporter, and every read and write is audited."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail

from conftest import make_user
from onward.accounts.roles import Role
from onward.api.api import api
from onward.audit.models import AuditEvent
from onward.consent.services import give_consent
from onward.core.errors import Forbidden, InvalidInput
from onward.core.neutral import OUTSIDE_HELP_SUBJECT, OUTSIDE_SUBJECT, forbidden_words_in
from onward.notifications.delivery import outside_words
from onward.notifications.models import Kind, Notification
from onward.people.access import access_person
from onward.people.models import Person
from onward.recovery import selectors, services
from onward.recovery.models import HelpRecipient

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)  # noon in Chicago, the person's zone
SHARED = "+1 312 555 0199"
RECORD_PHONE = "+1 773 555 0142"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def own(personas, kind="help_requests", action="write"):
    return access_person(personas.person.account, personas.person.public_id, kind=kind, action=action)


def as_user(user, personas, action="act"):
    return access_person(user, personas.person.public_id, kind="help_requests", action=action)


def consent(personas, recipient, scopes=("help_requests",)):
    give_consent(
        access=own(personas, "consents"),
        recipient_email=recipient.email,
        scopes=list(scopes),
        purpose="so they can help",
        expires_on=date(2099, 12, 31),
        signature_name="Alex",
    )


def ask(personas, **values):
    values = {"message": "please call me tonight", "phone": SHARED, "reach_by": "call"} | values
    return services.request_help(access=own(personas), **values).request


# --- the service: what is kept, refused and audited -------------------------------------------------


def test_a_request_keeps_the_number_chosen_and_how_and_whom_it_was_sent_to(personas):
    consent(personas, personas.supporter)
    request = ask(personas, phone="  +1 312 555 0199 ", reach_by="text")
    assert (request.reach_phone, request.reach_by) == (SHARED, "text")
    assert list(HelpRecipient.objects.filter(request=request).values_list("supporter", flat=True)) == [
        personas.supporter.pk
    ]
    event = AuditEvent.objects.get(action="recovery.help_requested")
    assert event.detail == {"supporters_notified": 1, "number_shared": True, "reach_by": "text"}
    assert SHARED not in json.dumps(event.detail)  # the audit names that a number was shared, not the number


def test_the_team_alert_says_how_to_reach_them_in_its_first_line(personas):
    sent = services.request_help(access=own(personas), message="rough night", phone=SHARED, reach_by="call")
    assert sent.alert.reasons[0] == (
        "Asked for help with “Reach my people”. Would like a call at +1 312 555 0199. Their message: “rough night”"
    )
    none = services.request_help(access=own(personas))
    assert "No number shared for this request" in none.alert.reasons[0]


@pytest.mark.parametrize(
    ("phone", "reach_by", "field"),
    [
        ("12345", "call", "phone"),  # 5 digits: not a phone
        ("+1 312 555 0199 0199 0199", "call", "phone"),  # 19 digits: more than E.164's 15
        ("call me maybe", "call", "phone"),
        (SHARED, "", "reach_by"),  # a number needs call or text
        (SHARED, "fax", "reach_by"),
    ],
)
def test_a_bad_number_or_way_is_refused_beside_its_field(personas, phone, reach_by, field):
    with pytest.raises(InvalidInput) as refused:
        services.request_help(access=own(personas), phone=phone, reach_by=reach_by)
    assert set(refused.value.fields) == {field}


def test_seven_and_fifteen_digits_are_accepted_and_no_number_at_all(personas):
    assert ask(personas, phone="555 0123").reach_phone == "555 0123"
    assert ask(personas, phone="+44 20 7946 0958 123").reach_phone == "+44 20 7946 0958 123"
    blank = ask(personas, phone="", reach_by="text")
    assert (blank.reach_phone, blank.reach_by) == ("", "")  # no number: no way either


def test_a_supporter_sees_only_the_requests_sent_to_them(personas):
    earlier = ask(personas, message="before Sam could receive them")
    consent(personas, personas.supporter)
    later = ask(personas, message="after")
    rows = selectors.help_rows(as_user(personas.supporter, personas, "read"))
    assert [r.request for r in rows] == [later]
    team = selectors.help_rows(as_user(personas.counselor, personas, "read"))
    assert [r.request for r in team] == [later, earlier]
    assert selectors.get_help_request(as_user(personas.supporter, personas), earlier.public_id) is None


def test_a_supporter_says_on_it_once_the_person_is_told_and_the_team_sees_it(personas):
    consent(personas, personas.supporter)
    request = ask(personas)
    supporter = as_user(personas.supporter, personas)
    services.say_on_it(access=supporter, request=request)
    services.say_on_it(access=supporter, request=request)  # a second press changes nothing
    assert AuditEvent.objects.filter(action="recovery.help_on_it", actor=personas.supporter).count() == 1
    told = Notification.objects.get(recipient=personas.person.account)
    assert (told.kind, told.title, told.urgent) == (Kind.HELP, "Sam is getting in touch", True)
    assert forbidden_words_in(told.title + told.body) == []
    (row,) = selectors.help_rows(own(personas, action="read"))
    assert [(o.name, o.at) for o in row.on_it] == [("Sam", NOW)]
    assert not row.may_answer  # the person never answers their own request
    (team_row,) = selectors.help_rows(as_user(personas.coach, personas, "read"))
    assert team_row.may_answer
    assert [o.name for o in team_row.on_it] == ["Sam"]
    (sam_row,) = selectors.help_rows(as_user(personas.supporter, personas, "read"))
    assert sam_row.reader_on_it
    assert not sam_row.may_answer


def test_a_name_that_would_name_care_gives_way_to_someone(personas):
    request = ask(personas)
    services.say_on_it(access=as_user(personas.counselor, personas), request=request)  # "Counselor"
    told = Notification.objects.get(recipient=personas.person.account)
    assert told.title == "Someone is getting in touch"


def test_a_supporter_the_request_was_not_sent_to_cannot_say_on_it(personas):
    request = ask(personas)  # before any consent: sent to no supporter
    consent(personas, personas.supporter)
    with pytest.raises(Forbidden):
        services.say_on_it(access=as_user(personas.supporter, personas), request=request)


def test_a_supporter_without_the_help_requests_scope_cannot_read_or_answer(personas):
    consent(personas, personas.supporter, scopes=("progress",))
    with pytest.raises(Forbidden):
        as_user(personas.supporter, personas, "read")
    with pytest.raises(Forbidden):
        as_user(personas.supporter, personas, "act")


def test_the_person_may_not_say_on_it_to_their_own_request(personas):
    with pytest.raises(Forbidden):
        own(personas, action="act")


# --- notifications: discreet, and a request for help told apart from a reminder ---------------------


def test_outside_words_tell_a_request_for_help_from_a_reminder_without_naming_care():
    assert outside_words(Kind.HELP)[0] == OUTSIDE_HELP_SUBJECT != OUTSIDE_SUBJECT
    assert outside_words(Kind.MESSAGE)[0] == OUTSIDE_SUBJECT
    for kind in Kind.values:
        assert forbidden_words_in(" ".join(outside_words(kind))) == []


def test_the_supporter_gets_the_help_words_by_e_mail(personas, django_capture_on_commit_callbacks, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    consent(personas, personas.supporter)
    with django_capture_on_commit_callbacks(execute=True):
        ask(personas)
    subjects = [m.subject for m in mail.outbox if personas.supporter.email in m.to]
    assert subjects == [OUTSIDE_HELP_SUBJECT]
    assert SHARED not in mail.outbox[-1].body
    assert "Alex" not in mail.outbox[-1].body


# --- API ---------------------------------------------------------------------------------------------


def post(client, path, body):
    return client.post("/api/v1" + path, json.dumps(body), content_type="application/json")


def test_api_refuses_a_bad_number_beside_the_field(personas, client_as):
    path = f"/people/{personas.person.public_id}/help-requests"
    refused = post(client_as("person"), path, {"phone": "12", "reach_by": "call"})
    assert refused.status_code == 422
    assert set(refused.json()["error"]["fields"]) == {"phone"}
    wrong_way = post(client_as("person"), path, {"phone": SHARED, "reach_by": "fax"})
    assert wrong_way.status_code == 422
    assert "reach_by" in json.dumps(wrong_way.json()["error"]["fields"])


def test_api_ask_and_answer(personas, client_as):
    consent(personas, personas.supporter)
    path = f"/people/{personas.person.public_id}/help-requests"
    made = post(client_as("person"), path, {"message": "rough night", "phone": SHARED, "reach_by": "text"})
    assert made.status_code == 201
    body = made.json()
    assert (body["phone"], body["reach_by"], body["on_it"]) == (SHARED, "text", [])
    answered = post(client_as("supporter"), f"{path}/{body['id']}/on-it", {})
    assert answered.status_code == 200
    assert answered.json()["on_it"] == [{"name": "Sam", "at": "2026-03-02T18:00:00Z"}]
    seen = client_as("person").get("/api/v1" + path).json()
    assert seen[0]["on_it"][0]["name"] == "Sam"


def test_openapi_documents_the_number_the_way_and_on_it():
    schema = api.get_openapi_schema()
    assert "post" in schema["paths"]["/api/v1/people/{person_id}/help-requests/{request_id}/on-it"]
    help_in = schema["components"]["schemas"]["HelpIn"]["properties"]
    assert {"phone", "reach_by", "message"} <= set(help_in)
    assert set(help_in["reach_by"]["enum"]) == {"call", "text", ""}
    assert {"phone", "reach_by", "on_it"} <= set(schema["components"]["schemas"]["HelpOut"]["properties"])


# --- pages -------------------------------------------------------------------------------------------


def test_the_help_form_offers_the_number_on_the_record_to_change(personas, client_as):
    Person.objects.filter(pk=personas.person.pk).update(phone=RECORD_PHONE)
    page = client_as("person").get("/help/").content.decode()
    assert f'value="{RECORD_PHONE}"' in page
    assert 'type="tel"' in page
    assert 'name="reach_by" value="call"' in page


def test_the_help_form_sends_the_number_chosen_and_refuses_a_bad_one_with_a_summary(personas, client_as):
    client = client_as("person")
    refused = client.post("/help/reach/", {"phone": "12", "reach_by": "call", "message": ""})
    assert refused.status_code == 400
    assert "error-summary" in refused.content.decode()
    assert "7 to 15 digits" in refused.content.decode()
    sent = client.post("/help/reach/", {"phone": SHARED, "reach_by": "text", "message": "rough night"})
    assert sent.status_code == 302
    page = client.get(sent["Location"]).content.decode()
    assert "You asked for a text at" in page
    assert SHARED in page
    assert "No one has said they are on it yet." in page


def test_the_supporter_answers_from_their_page_and_the_person_sees_who(personas, client_as):
    Person.objects.filter(pk=personas.person.pk).update(phone=RECORD_PHONE, email="alex@example.test")
    consent(personas, personas.supporter, scopes=("help_requests", "progress"))
    request = ask(personas, reach_by="text")
    sam = client_as("supporter")
    page = sam.get(f"/supporting/{personas.person.public_id}/").content.decode()
    assert 'href="tel:+13125550199"' in page
    assert 'href="sms:+13125550199"' in page
    assert "Would like a text at" in page
    assert "I'm on it" in page
    assert RECORD_PHONE not in page
    assert "alex@example.test" not in page
    # The requests come first, before the notice and the rest of the page.
    assert page.index('id="help-heading"') < page.index('id="notice-heading"')
    answered = sam.post(f"/people/{personas.person.public_id}/help-requests/{request.public_id}/on-it/")
    assert answered.status_code == 302
    assert answered["Location"] == f"/supporting/{personas.person.public_id}/#help-{request.public_id}"
    after = sam.get(answered["Location"]).content.decode()
    assert "On it: you (Mon 2 Mar, 18:00 UTC)" in after  # in Sam's zone (the site's: Sam chose none)
    mine = client_as("person").get(f"/people/{personas.person.public_id}/help-requests/").content.decode()
    assert "On it: Sam (Mon 2 Mar, 12:00 CST)" in mine  # in Alex's zone
    assert 'href="tel:+13125550199"' not in mine  # no buttons to call oneself


def test_the_team_page_has_the_number_call_text_and_on_it(personas, client_as):
    request = ask(personas)
    client = client_as("nurse")
    path = f"/people/{personas.person.public_id}/help-requests/"
    page = client.get(path).content.decode()
    assert "Would like a call at" in page
    assert 'href="tel:+13125550199"' in page
    assert f"/help-requests/{request.public_id}/on-it/" in page
    before = AuditEvent.objects.count()
    answered = client.post(f"{path}{request.public_id}/on-it/")
    assert answered["Location"] == f"{path}#help-{request.public_id}"
    assert AuditEvent.objects.filter(pk__gt=0).count() == before + 1
    assert "On it: you" in client.get(path).content.decode()
    assert "On it: Nurse" in client_as("counselor").get(path).content.decode()


def test_a_supporter_cannot_answer_a_request_not_sent_to_them(personas, client_as):
    request = ask(personas)
    consent(personas, personas.supporter)
    other = make_user(role=Role.SUPPORTER, name="Robin")
    consent(personas, other)
    answered = client_as("supporter").post(
        f"/people/{personas.person.public_id}/help-requests/{request.public_id}/on-it/"
    )
    assert answered.status_code == 404
    assert not HelpRecipient.objects.filter(request=request).exists()
    refused = AuditEvent.objects.filter(actor=personas.supporter, action="help_requests.act.denied")
    assert list(refused.values_list("object_id", flat=True)) == [str(request.public_id)]


def test_every_page_time_is_in_the_reader_zone(personas, client_as, time_machine):
    consent(personas, personas.supporter)
    ask(personas)
    time_machine.shift(timedelta(minutes=1))
    page = client_as("supporter").get(f"/people/{personas.person.public_id}/help-requests/").content.decode()
    assert "Mon 2 Mar, 18:00 UTC" in page  # Sam chose no zone: the site's
    assert "2026-03-02T" not in page
    mine = client_as("person").get(f"/people/{personas.person.public_id}/help-requests/").content.decode()
    assert "Mon 2 Mar, 12:00 CST" in mine  # Alex's, from their record
