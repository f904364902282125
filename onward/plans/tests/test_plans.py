"""The plan keeps every version; the network keeps every change; both are the person's own to write,
the care team reads them, and a supporter reads the plan only under a consent to `plan`."""

from datetime import date

import pytest

from onward.audit.models import AuditEvent
from onward.consent.models import Disclosure
from onward.consent.services import give_consent
from onward.core.errors import Forbidden, InvalidInput, NotFound
from onward.people.access import access_person
from onward.plans import selectors, services
from onward.plans.models import NetworkRevision, PlanVersion

pytestmark = pytest.mark.django_db


def own(personas, kind="plan", action="write"):
    return access_person(personas.person.account, personas.person.public_id, kind=kind, action=action)


def plan_fields(**changes):
    fields = {
        "triggers": [{"kind": "social", "trigger": "old friends calling", "response": "call Pat"}],
        "warning_signs": ["skipping meals", ""],
        "coping_skills": ["walk around the block"],
        "reasons": ["my daughter"],
        "people_to_call": [],
        "safe_places": ["the library"],
        "daily_routine": ["meeting at 7"],
        "if_i_use": ["text Pat"],
        "naloxone_where": "in my backpack",
    }
    return fields | changes


def consent_to_supporter(personas, scopes):
    return give_consent(
        access=own(personas, "consents"),
        recipient_email=personas.supporter.email,
        scopes=scopes,
        purpose="so Sam can help",
        expires_on=date(2099, 12, 31),
        signature_name="Alex",
    )


def test_each_save_is_a_new_version_and_the_old_ones_stay(personas):
    first = services.save_plan(access=own(personas), **plan_fields())
    second = services.save_plan(access=own(personas), **plan_fields(reasons=["my daughter", "my health"]))
    assert (first.number, second.number) == (1, 2)
    assert PlanVersion.objects.get(pk=first.pk).reasons == ["my daughter"]
    assert first.warning_signs == ["skipping meals"]  # the empty line is dropped
    assert selectors.current_plan(own(personas, action="read")) == second
    assert AuditEvent.objects.filter(action="plan.saved", person=personas.person).count() == 2


def test_saving_the_same_plan_again_adds_no_version(personas):
    first = services.save_plan(access=own(personas), **plan_fields())
    again = services.save_plan(access=own(personas), **plan_fields())
    assert again == first
    assert PlanVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("trigger", "message"),
    [
        ({"kind": "spiritual", "trigger": "x", "response": "y"}, "choose its kind"),
        ({"kind": "social", "trigger": "", "response": "y"}, "say what the trigger is"),
        ({"kind": "social", "trigger": "x", "response": ""}, "say what you will do"),
    ],
)
def test_a_trigger_needs_one_of_the_five_kinds_and_a_response(personas, trigger, message):
    with pytest.raises(InvalidInput) as raised:
        services.save_plan(access=own(personas), **plan_fields(triggers=[trigger]))
    assert message in raised.value.fields["triggers"]


def test_people_to_call_come_from_the_persons_own_network(personas):
    pat = services.add_member(access=own(personas, "network"), name="Pat", kind="sponsor", phone="+1 555 555 0101")
    saved = services.save_plan(access=own(personas), **plan_fields(people_to_call=[str(pat.public_id)]))
    assert selectors.people_to_call(saved) == [pat]
    with pytest.raises(InvalidInput) as raised:
        services.save_plan(access=own(personas), **plan_fields(people_to_call=["00000000-0000-0000-0000-000000000000"]))
    assert "people_to_call" in raised.value.fields


def test_only_the_person_writes_the_plan_and_the_team_reads_it(personas):
    with pytest.raises(Forbidden):
        access_person(personas.counselor, personas.person.public_id, kind="plan", action="write")
    assert access_person(personas.coach, personas.person.public_id, kind="plan", action="read")
    with pytest.raises(Forbidden):
        access_person(personas.program_admin, personas.person.public_id, kind="plan", action="read")


def test_a_supporter_reads_the_plan_only_under_a_plan_consent_and_each_read_is_a_disclosure(personas):
    consent_to_supporter(personas, ["progress"])
    with pytest.raises(Forbidden):
        access_person(personas.supporter, personas.person.public_id, kind="plan", action="read")
    consent_to_supporter(personas, ["plan"])
    access_person(personas.supporter, personas.person.public_id, kind="plan", action="read")
    assert Disclosure.objects.filter(record_kinds=["plan"]).count() == 1


def test_network_changes_keep_every_revision_and_removal_keeps_the_entry(personas):
    access = own(personas, "network")
    pat = services.add_member(access=access, name="Pat", kind="sponsor", phone="555-555-0101")
    services.change_member(access=access, member=pat, name="Pat K.", kind="sponsor", phone="555-555-0199")
    services.remove_member(access=access, member=pat)
    revisions = list(NetworkRevision.objects.filter(member=pat).order_by("pk").values_list("change", "values__phone"))
    assert revisions == [("added", "555-555-0101"), ("changed", "555-555-0199"), ("removed", "555-555-0199")]
    assert list(selectors.list_members(access)) == []
    assert selectors.list_members(access, include_removed=True).get().name == "Pat K."


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"name": "", "kind": "friend", "phone": "5555550101"}, "name"),
        ({"name": "Pat", "kind": "boss", "phone": "5555550101"}, "kind"),
        ({"name": "Pat", "kind": "friend", "phone": "12345"}, "phone"),
        ({"name": "Pat", "kind": "friend", "phone": "call me"}, "phone"),
        ({"name": "Pat", "kind": "friend"}, "phone"),  # no way to reach them
        ({"name": "Pat", "kind": "friend", "email": "not-an-address"}, "email"),
    ],
)
def test_a_member_needs_a_name_a_kind_and_a_way_to_reach_them(personas, fields, problem):
    with pytest.raises(InvalidInput) as raised:
        services.add_member(access=own(personas, "network"), **fields)
    assert problem in raised.value.fields


def test_one_thing_from_the_plan_turns_through_reasons_and_coping_skills_day_by_day(personas):
    plan = services.save_plan(access=own(personas), **plan_fields(reasons=["my daughter"], coping_skills=["a walk"]))
    day = date(2026, 3, 2)
    shown = {selectors.one_thing(plan, on=day), selectors.one_thing(plan, on=date.fromordinal(day.toordinal() + 1))}
    assert shown == {("reason", "my daughter"), ("coping", "a walk")}
    assert selectors.one_thing(None, on=day) is None


def test_someone_elses_plan_is_not_found(personas):
    with pytest.raises(NotFound):
        access_person(personas.person.account, personas.other_person.public_id, kind="plan", action="read")


def test_inviting_a_member_makes_a_supporter_account_and_the_consent_and_e_mails_a_neutral_link(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    from onward.core.neutral import forbidden_words_in  # noqa: PLC0415

    pat = services.add_member(access=own(personas, "network"), name="Pat", kind="sponsor", phone="5555550101")
    with django_capture_on_commit_callbacks(execute=True):
        given = services.invite_supporter(
            access=own(personas, "network"),
            member=pat,
            email="Pat@Example.test",
            scopes=["help_requests", "plan"],
            purpose="so Pat hears when I reach out",
            expires_on=date(2099, 12, 31),
            signature_name="Alex",
        )
    assert given.scopes == ["plan", "help_requests"]
    assert given.recipient.role == "supporter"
    assert not given.recipient.has_usable_password()
    assert selectors.get_member(own(personas, "network"), pat.public_id).supporter == given.recipient
    assert len(mailoutbox) == 1
    assert forbidden_words_in(mailoutbox[0].subject + mailoutbox[0].body) == []
    assert "Alex" not in mailoutbox[0].body


def test_a_refused_consent_makes_no_account_and_sends_nothing(personas, mailoutbox, django_capture_on_commit_callbacks):
    from onward.accounts.models import User  # noqa: PLC0415

    pat = services.add_member(access=own(personas, "network"), name="Pat", kind="sponsor", phone="5555550101")
    with pytest.raises(InvalidInput) as raised, django_capture_on_commit_callbacks(execute=True):
        services.invite_supporter(
            access=own(personas, "network"),
            member=pat,
            email="pat@example.test",
            scopes=["plan"],
            purpose="so Pat can help",
            expires_on=date(2099, 12, 31),
            signature_name="Someone Else",
        )
    assert "signature_name" in raised.value.fields
    assert not User.objects.filter(email="pat@example.test").exists()
    assert mailoutbox == []


def test_a_staff_address_cannot_be_invited_as_a_supporter(personas):
    pat = services.add_member(access=own(personas, "network"), name="Pat", kind="peer", phone="5555550101")
    with pytest.raises(InvalidInput) as raised:
        services.invite_supporter(
            access=own(personas, "network"),
            member=pat,
            email=personas.counselor.email,
            scopes=["plan"],
            purpose="x",
            expires_on=date(2099, 12, 31),
            signature_name="Alex",
        )
    assert "email" in raised.value.fields
