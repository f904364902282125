"""`read_kinds`: several kinds of one record read for one page, each granted and audited as
`access_person` would, in one append to the person's audit chain."""

from datetime import date

import pytest

from onward.audit.models import AuditEvent
from onward.audit.services import record_event, seal
from onward.audit.verify import verify_all
from onward.consent.models import Disclosure
from onward.consent.services import give_consent
from onward.core.errors import NotFound
from onward.core.permissions import Relationship
from onward.people.access import Access, read_kinds

KINDS = ("profile", "checkins", "medication", "meetings")


def test_each_granted_kind_is_read_and_audited_once_and_the_chain_verifies(personas):
    earlier = record_event(actor=personas.counselor, action="profile.read", person=personas.person)
    seen = read_kinds(personas.person.account, personas.person.public_id, kinds=KINDS)
    seal()  # what the commit does (tests never commit)
    earlier.refresh_from_db()
    assert set(seen) == set(KINDS)
    assert all(a.relationship is Relationship.SELF for a in seen.values())
    events = AuditEvent.objects.filter(actor=personas.person.account).order_by("seq")
    assert [(e.action, e.seq) for e in events] == [(f"{k}.read", n) for n, k in enumerate(KINDS, start=earlier.seq + 1)]
    assert verify_all() == []


def test_a_coach_gets_the_check_ins_but_not_the_medication(personas):
    seen = read_kinds(personas.users["coach"], personas.person.public_id, kinds=KINDS)
    assert "checkins" in seen
    assert "medication" not in seen
    actions = set(AuditEvent.objects.filter(actor=personas.users["coach"]).values_list("action", flat=True))
    assert "medication.read" not in actions
    assert "checkins.read" in actions


def test_a_supporter_reads_only_what_the_consent_covers_and_each_read_is_a_disclosure(personas):
    give_consent(
        access=Access(personas.person.account, personas.person, Relationship.SELF),
        recipient_email=personas.supporter.email,
        scopes=["checkin_streak", "meetings"],
        purpose="to cheer me on",
        expires_on=date(2099, 12, 31),
        signature_name=personas.person.preferred_name,
    )
    seen = read_kinds(personas.supporter, personas.person.public_id, kinds=KINDS)
    assert set(seen) == {"checkins", "meetings"}
    assert Disclosure.objects.filter(person=personas.person).count() == 2


def test_someone_who_cannot_see_the_person_gets_not_found(personas):
    with pytest.raises(NotFound):
        read_kinds(personas.users["counselor_elsewhere"], personas.person.public_id, kinds=KINDS)
