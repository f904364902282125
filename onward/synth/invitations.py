"""Program setup in the demo clinic (issue 17): a staff invitation not yet accepted, a credential that
lapses within the §21 warning window, a staff member deactivated last month, and two people enrolled
the day before the anchor and not admitted yet: one handed a printed one-time code they have not used,
one with no login at all.

Drawn from its own random stream in `finish`, after every other generator's draws, so nothing else in
the population moves. The secrets are random and never kept (only digests), so nobody can accept these
invitations: the demo shows them waiting; a new invitation made on the pages can be accepted."""

import hashlib
import random
import uuid
from datetime import date, datetime, timedelta

from onward.accounts.models import (
    CareTeamMembership,
    CredentialKind,
    Invitation,
    InvitationKind,
    StaffCredential,
    User,
)
from onward.accounts.roles import Role
from onward.accounts.sign_in_names import address_for
from onward.people.models import Person, ProfileRevision
from onward.people.record_numbers import scrambled
from onward.synth.population import PendingEvent, Population, Row

MODELS = (Invitation,)
ACCOUNTS_CHAIN = "org:accounts"
PENDING_STAFF = ("Robin Hale", "robin.hale@harbor.example", Role.COUNSELOR)
DEACTIVATED_STAFF = ("Morgan Ellis", "morgan.ellis@harbor.example", Role.NURSE)
EXPIRING_IN_DAYS = 12  # inside the 30-day warning (clinical-reference §21 credential_warning_days)
# (name they go by, legal name, how they sign in): enrolled the day before the anchor, not admitted yet.
NEW_PEOPLE = (("Casey", "Casey Morales", "code"), ("Taylor", "Taylor Brooks", "none"))
# Product defaults the settings also use (ONWARD_INVITATION_DAYS, ONWARD_PRINTED_CODE_HOURS).
LINK_DAYS = 7
CODE_HOURS = 72


def finish(population: Population) -> None:
    rng = random.Random(f"invitations {population.anchor}")  # noqa: S311 - synthetic data, its own stream
    shared = population.shared
    home, cast = shared["programs"][0], shared["cast"]
    admin, counselor = cast[Role.PROGRAM_ADMIN], cast[Role.COUNSELOR]
    anchor = population.anchor
    yesterday = population.at(anchor - timedelta(days=1), 15)

    def new_uuid() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def account(name: str, email: str, role: str, *, active: bool = True, joined_days: int = 1) -> Row:
        return population.add(
            User,
            public_id=new_uuid(),
            email=email,
            display_name=name,
            role=role,
            password=f"!{rng.getrandbits(160):040x}",  # unusable: no password chosen
            created_at=population.at(anchor - timedelta(days=joined_days), 9),
            is_active=active,
            is_superuser=False,
            last_login=None,
        )

    def invitation(user: Row, kind: InvitationKind) -> None:
        expires = yesterday + (
            timedelta(days=LINK_DAYS) if kind == InvitationKind.EMAIL else timedelta(hours=CODE_HOURS)
        )
        population.add(
            Invitation,
            public_id=new_uuid(),
            created_at=yesterday,
            user_id=user.pk,
            invited_by_id=(admin if user.role != Role.PERSON else counselor).pk,
            kind=kind.value,
            digest=hashlib.sha256(f"{rng.getrandbits(256):064x}".encode()).hexdigest(),
            expires_at=expires,
            accepted_at=None,
            cancelled_at=None,
        )

    def event(actor: Row, action: str, user: Row, detail: dict[str, object], at: datetime = yesterday) -> None:
        population.event(
            PendingEvent(
                None, at, actor, action, "user", str(user.public_id), "operations", detail, chain=ACCOUNTS_CHAIN
            )
        )

    # A counselor invited yesterday, starting next week, who has not chosen a password yet.
    name, email, role = PENDING_STAFF
    robin = account(name, email, role)
    starts = anchor + timedelta(days=7)
    population.add(
        CareTeamMembership,
        public_id=new_uuid(),
        created_at=yesterday,
        user_id=robin.pk,
        program_id=home.pk,
        starts_on=starts,
        ends_on=None,
    )
    invitation(robin, InvitationKind.EMAIL)
    event(admin, "account.invited", robin, {"role": role, "programs": [str(home.public_id)], "starts_on": str(starts)})

    # A nurse who left last month: deactivated, the membership ended, the credential kept as history.
    name, email, role = DEACTIVATED_STAFF
    morgan = account(name, email, role, active=False, joined_days=400)
    left = anchor - timedelta(days=26)
    population.add(
        CareTeamMembership,
        public_id=new_uuid(),
        created_at=morgan.created_at,
        user_id=morgan.pk,
        program_id=home.pk,
        starts_on=anchor - timedelta(days=400),
        ends_on=left,
    )
    _credential(population, morgan, new_uuid(), expires=anchor + timedelta(days=300), title="Registered Nurse")
    event(
        admin,
        "account.deactivated",
        morgan,
        {"reason": "left the organization", "memberships_ended": 1, "tokens_revoked": 0, "sessions_ended": 0},
        population.at(left, 17),
    )

    # A home-program counselor whose licence lapses inside the warning window (renewal not recorded yet).
    colleague = shared["staff"][home.pk][Role.COUNSELOR][1]
    _credential(
        population,
        colleague,
        new_uuid(),
        expires=anchor + timedelta(days=EXPIRING_IN_DAYS),
        title="Licensed Alcohol and Drug Counselor",
    )

    for preferred, legal, how in NEW_PEOPLE:
        pk = population.next_pk[Person] + 1
        login = None
        if how == "code":
            login = account(preferred, address_for(scrambled(pk)), Role.PERSON)
            invitation(login, InvitationKind.CODE)
            event(counselor, "account.invited", login, {"role": Role.PERSON, "how": "code"})
        person = population.add(
            Person,
            public_id=new_uuid(),
            created_at=yesterday,
            account_id=None if login is None else login.pk,
            program_id=home.pk,
            preferred_name=preferred,
            legal_name=legal,
            pronouns="",
            date_of_birth=None,
            time_zone=home.time_zone,
            preferred_language="en",
            email="",
            phone="",
            may_call=None,
            may_text=None,
            may_leave_message=None,
            contact_note="",
            record_number=scrambled(pk),
            recovery_started_on=None,
            primary_substance="",
            version=1,
        )
        assert person.pk == pk  # noqa: S101 - the record number is scrambled from this key
        snapshot = {"preferred_name": preferred, "legal_name": legal, "time_zone": home.time_zone}
        population.add(
            ProfileRevision,
            person_id=person.pk,
            version=1,
            data=snapshot,
            changed_fields=list(snapshot),
            changed_by_id=counselor.pk,
            changed_at=yesterday,
            reason="enrolled",
        )
        key = (person.pk, str(person.public_id))
        population.event(PendingEvent(key, yesterday, counselor, "profile.created", "", ""))
        if login is not None:
            population.event(
                PendingEvent(
                    key, yesterday, counselor, "account.invitation_made", "invitation", "", "treatment", {"how": how}
                )
            )
    population.stats["program setup in the demo"].update(
        {"pending staff invitations": 1, "deactivated staff": 1, "people enrolled, not admitted": len(NEW_PEOPLE)}
    )


def _credential(population: Population, member: Row, public_id: uuid.UUID, *, expires: date, title: str) -> None:
    kind = CredentialKind.LICENSE.value
    population.add(
        StaffCredential,
        public_id=public_id,
        created_at=member.created_at,
        user_id=member.pk,
        kind=kind,
        title=title,
        number=f"SYN-{public_id.int % 10**6:06d}",
        issuer="State licensing board (synthetic)",
        issued_on=None,
        expires_on=expires,
    )
