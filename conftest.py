"""Personas shared by every test: a person in recovery and the people around them (conventions §9).

`personas.person` is enrolled in the Harbor outpatient program; `personas.other_person` in the Bay
program, whose team is `counselor_elsewhere`. Staff have passed their second factor in the clients
that `client_as` hands out.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import count

import pytest
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from onward.accounts.middleware import SESSION_SECOND_FACTOR
from onward.accounts.models import CareTeamMembership, Organization, Program, User
from onward.accounts.roles import Role
from onward.people.models import Person
from onward.people.services import enrol_person

# Speed is measured in bench/, never asserted: a busy machine must not fail a property test.
hypothesis_settings.register_profile("onward", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("onward")

_numbers = count(1)
PASSWORD = "a long enough test passphrase"  # noqa: S105 - test fixture


def make_user(*, role: str, name: str = "", email: str = "") -> User:
    number = next(_numbers)
    return User.objects.create_user(
        email or f"user{number}@example.test", PASSWORD, display_name=name or f"{role} {number}", role=role
    )


def make_program(*, organization: Organization, name: str) -> Program:
    return Program.objects.create(organization=organization, name=name, slug=f"program-{next(_numbers)}")


def join_team(user: User, program: Program, *, starts_on: date = date(2020, 1, 1), ends_on: date | None = None) -> None:
    CareTeamMembership.objects.create(user=user, program=program, starts_on=starts_on, ends_on=ends_on)


def make_person(*, enrolled_by: User, program: Program, account: User | None = None, name: str = "") -> Person:
    return enrol_person(
        actor=enrolled_by,
        program=program,
        account=account,
        profile={
            "preferred_name": name or f"Person {next(_numbers)}",
            "time_zone": "America/Chicago",
            "recovery_started_on": date(2025, 1, 15),
            "primary_substance": "heroin",
            "date_of_birth": date(1990, 5, 1),
        },
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """No persistent connections in tests: a live-server thread holding one would stop PostgreSQL
    from dropping the test database at the end."""
    from django.conf import settings  # noqa: PLC0415

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker) -> Iterator[None]:
    """Before the test database is dropped, end any session a finished thread left open (a live-server
    or worker thread), so PostgreSQL can drop it; SQLite has nothing to end."""
    yield
    from django.db import connection  # noqa: PLC0415

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher.
    onward/accounts/tests/test_sign_in.py checks that the real settings hash with Argon2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def audit_anchor_dir(settings, tmp_path):
    """Each test's own folder of outside audit anchors: its database starts afresh, so must its anchors."""
    settings.AUDIT_ANCHOR_DIR = tmp_path / "audit-anchors"


@dataclass
class Personas:
    organization: Organization
    program: Program
    other_program: Program
    person: Person
    other_person: Person
    users: dict[str, User]

    def __getattr__(self, name: str) -> User:
        try:
            return self.users[name]
        except KeyError:
            raise AttributeError(name) from None


STAFF_ON_TEAM = ("coach", "counselor", "nurse", "prescriber", "program_admin", "analyst")


@pytest.fixture
def personas(db: None) -> Personas:
    organization = Organization.objects.create(name="Harbor Recovery", slug="harbor")
    program = make_program(organization=organization, name="Harbor Outpatient")
    other_program = make_program(organization=organization, name="Bay Residential")
    users = {role: make_user(role=role, name=role.replace("_", " ").title()) for role in STAFF_ON_TEAM}
    for role in STAFF_ON_TEAM:
        join_team(users[role], program)
    users["counselor_elsewhere"] = make_user(role=Role.COUNSELOR, name="Counselor Elsewhere")
    join_team(users["counselor_elsewhere"], other_program)
    users["person"] = make_user(role=Role.PERSON, name="Alex")
    users["supporter"] = make_user(role=Role.SUPPORTER, name="Sam")
    person = make_person(enrolled_by=users["counselor"], program=program, account=users["person"], name="Alex")
    other_person = make_person(enrolled_by=users["counselor_elsewhere"], program=other_program, name="Jordan")
    return Personas(organization, program, other_program, person, other_person, users)


def signed_in_client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        if user.is_staff_member:
            session = client.session
            session[SESSION_SECOND_FACTOR] = True
            session.save()
    return client


@pytest.fixture
def client_as(personas: Personas):
    def make(who: str) -> Client:
        return signed_in_client(None if who == "anonymous" else personas.users[who])

    return make
