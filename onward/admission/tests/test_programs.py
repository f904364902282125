"""Program setup: the first program from an empty organization, levels offered, time zones, audit."""

import pytest

from conftest import make_user
from onward.accounts import programs
from onward.accounts.models import Organization, Program
from onward.accounts.roles import Role
from onward.audit.models import AuditEvent
from onward.core.errors import Forbidden, InvalidInput

pytestmark = pytest.mark.django_db
VALUES = {
    "name": "Riverside OTP",
    "slug": "",
    "time_zone": "America/Chicago",
    "is_opioid_treatment_program": True,
    "levels_offered": ["3:1", "3:2.1"],
}


def test_an_operator_creates_the_first_program_and_organization_and_administers_it():
    operator = make_user(role=Role.PROGRAM_ADMIN)
    operator.is_superuser = True
    operator.save()
    assert programs.needs_organization_name(operator)
    program = programs.create_program(actor=operator, values=VALUES, organization_name="Riverside Health")
    assert program.organization.name == "Riverside Health"
    assert program.slug == "riverside-otp"
    assert programs.administered_programs(operator) == [program]
    assert not programs.needs_organization_name(operator)
    assert AuditEvent.objects.filter(action="program.created", object_id=str(program.public_id)).exists()


def test_a_program_admin_adds_to_their_organization_and_edits(personas):
    admin = personas.program_admin
    program = programs.create_program(actor=admin, values=VALUES, organization=personas.organization)
    assert program.organization == personas.organization
    changed = programs.update_program(
        actor=admin, program=program, values=VALUES | {"levels_offered": ["4:1.7", "3:1"]}
    )
    assert changed.levels_offered == ["3:1", "4:1.7"]  # the reference's order
    event = AuditEvent.objects.get(action="program.changed")
    assert event.detail["changed"]["levels_offered"]["old"] == ["3:1", "3:2.1"]


def test_bad_values_are_named(personas):
    with pytest.raises(InvalidInput) as caught:
        programs.create_program(
            actor=personas.program_admin,
            values={"name": "", "slug": "Bad Slug", "time_zone": "Mars/Olympus", "levels_offered": ["3:9"]},
            organization=personas.organization,
        )
    assert caught.value.fields.keys() == {"name", "slug", "time_zone", "levels_offered"}


def test_others_may_not_create_or_edit(personas):
    with pytest.raises(Forbidden):
        programs.create_program(actor=personas.counselor, values=VALUES, organization=personas.organization)
    other_org = Organization.objects.create(name="Elsewhere", slug="elsewhere")
    with pytest.raises(InvalidInput):
        programs.create_program(actor=personas.program_admin, values=VALUES, organization=other_org)
    assert Program.objects.filter(name="Riverside OTP").count() == 0
