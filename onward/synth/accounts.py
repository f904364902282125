"""Organization, programs, staff, care-team memberships and the demo cast (accounts with unusable
passwords; `onward demo` sets the demo password on the cast)."""

from datetime import datetime, timedelta

from onward.accounts.models import CareTeamMembership, CredentialKind, Organization, Program, StaffCredential, User
from onward.accounts.roles import Role
from onward.synth import pathways
from onward.synth.population import Population, Row

MODELS = (Organization, Program, User, CareTeamMembership, StaffCredential)

DEMO_DOMAIN = "demo.onward.test"
# role -> (e-mail local part, display name). The person and the supporter are not staff.
CAST = {
    Role.PERSON: ("person", "Jordan Rivera"),
    Role.SUPPORTER: ("supporter", "Sam Rivera"),
    Role.COUNSELOR: ("counselor", "Alex Morgan"),
    Role.NURSE: ("nurse", "Priya Shah"),
    Role.PRESCRIBER: ("prescriber", "Dr. Lee Okafor"),
    Role.COACH: ("coach", "Chris Delgado"),
    Role.PROGRAM_ADMIN: ("admin", "Dana Brooks"),
    Role.ANALYST: ("analyst", "Robin Castillo"),
}
# Varied, made-up full names: about 4,000 pairs, so a demo caseload rarely repeats one (issue 15).
FIRST = (
    "Avery",
    "Blake",
    "Casey",
    "Devon",
    "Emery",
    "Finley",
    "Harper",
    "Jesse",
    "Kai",
    "Logan",
    "Micah",
    "Noel",
    "Parker",
    "Quinn",
    "Reese",
    "Rowan",
    "Sage",
    "Taylor",
    "Drew",
    "Jamie",
    "Morgan",
    "Riley",
    "Amara",
    "Bashir",
    "Carmen",
    "Dmitri",
    "Elena",
    "Farah",
    "Gabriel",
    "Hana",
    "Imani",
    "Javier",
    "Keiko",
    "Leila",
    "Mateo",
    "Nadia",
    "Omar",
    "Paloma",
    "Rafael",
    "Selin",
    "Tomas",
    "Uma",
    "Valentina",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Anika",
    "Bruno",
    "Chiara",
    "Dario",
    "Esme",
    "Felix",
    "Grace",
    "Hugo",
    "Ines",
    "Jonah",
    "Kofi",
    "Luz",
    "Marcus",
    "Nia",
    "Oscar",
    "Priya",
    "Rosa",
    "Soren",
    "Talia",
    "Victor",
    "Wren",
)
LAST = (
    "Adams",
    "Baker",
    "Chen",
    "Diaz",
    "Evans",
    "Foster",
    "Garcia",
    "Hughes",
    "Ibrahim",
    "Jones",
    "Kim",
    "Lopez",
    "Martin",
    "Nguyen",
    "Ortiz",
    "Patel",
    "Reyes",
    "Smith",
    "Turner",
    "Walker",
    "Young",
    "Zhang",
    "Abbott",
    "Bergstrom",
    "Castro",
    "Dubois",
    "Eze",
    "Fernandes",
    "Gallagher",
    "Haddad",
    "Iverson",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Novak",
    "Okonkwo",
    "Petrov",
    "Quintero",
    "Rahman",
    "Sato",
    "Tanaka",
    "Ueda",
    "Vasquez",
    "Whitfield",
    "Yilmaz",
    "Acosta",
    "Banerjee",
    "Cruz",
    "Delacroix",
    "Esposito",
    "Flores",
    "Greene",
    "Hoang",
    "Ikeda",
    "Juarez",
    "Kaplan",
    "Mbeki",
    "Nakamura",
    "Osei",
)


def cast_email(role: str) -> str:
    return f"{CAST[Role(role)][0]}@{DEMO_DOMAIN}"


def name(population: Population) -> str:
    return f"{population.rng.choice(FIRST)} {population.rng.choice(LAST)}"


def user(population: Population, *, email: str, display_name: str, role: str) -> Row:
    # "!" starts an unusable password (Django's UNUSABLE_PASSWORD_PREFIX); the rest comes from the seed.
    password = f"!{population.rng.getrandbits(160):040x}"
    joined = population.at(population.start - timedelta(days=30), 9)
    return population.add(
        User,
        public_id=population.uuid(),
        email=email,
        display_name=display_name,
        role=role,
        password=password,
        created_at=joined,
        is_active=True,
        is_superuser=False,
        last_login=None,
    )


def setup(population: Population) -> None:
    created = population.at(population.start - timedelta(days=60), 9)
    organization = population.add(
        Organization, public_id=population.uuid(), created_at=created, name="Harbor Recovery Services", slug="harbor"
    )
    programs: list[Row] = []
    names = ("Harbor Outpatient", "Harbor Residential", "Bayside Intensive Outpatient", "Northside Clinic")
    for index in range(pathways.PROGRAMS.value):
        label = names[index % len(names)] + ("" if index < len(names) else f" {index + 1}")
        programs.append(
            population.add(
                Program,
                public_id=population.uuid(),
                created_at=created,
                organization_id=organization.pk,
                name=label,
                slug=f"program-{index + 1}",
                time_zone=pathways.TIME_ZONES.value[index % 4],
                is_opioid_treatment_program=index in pathways.OTP_PROGRAMS.value,
                levels_offered=[f"{pathways.EDITION.value}:{code}" for code in pathways.LEVELS.value.values()],
            )
        )
    team_since = population.start - timedelta(days=30)
    staff: dict[int, dict[str, list[Row]]] = {}
    for program in programs:
        staff[program.pk] = {}
        for role, count in pathways.STAFF_PER_PROGRAM.value.items():
            members = []
            for number in range(count):
                # A hyphen, not the role key: an address is shown in words (the demo outbox), never a raw key.
                email = f"{role.replace('_', '-')}{number + 1}.{program.slug}@harbor.example"
                members.append(user(population, email=email, display_name=name(population), role=role))
            staff[program.pk][role] = members
    cast = {
        role: user(population, email=f"{local}@{DEMO_DOMAIN}", display_name=label, role=role)
        for role, (local, label) in CAST.items()
    }
    home = programs[0]
    for role, account in cast.items():
        if account.role in (Role.PERSON, Role.SUPPORTER):
            continue
        staff[home.pk].setdefault(role, []).insert(0, account)  # the demo staff serve the demo person first
    for program in programs:
        for members in staff[program.pk].values():
            for member in members:
                population.add(
                    CareTeamMembership,
                    public_id=population.uuid(),
                    created_at=created,
                    user_id=member.pk,
                    program_id=program.pk,
                    starts_on=team_since,
                    ends_on=None,
                )
    for program in programs:
        for members in staff[program.pk].values():
            for member in members:
                _credential(population, member, created)
    population.shared.update(organization=organization, programs=programs, staff=staff, cast=cast)
    population.stats["staff by role"].update(
        m.role for members in staff.values() for group in members.values() for m in group
    )


def _credential(population: Population, member: Row, created: datetime) -> None:
    """The one licence or certification a clinical staff member holds (pathways.CREDENTIALS), renewed
    every few years, last renewed before the anchor: most run well past it, a few lapse within weeks."""
    held = pathways.CREDENTIALS.value.get(member.role)
    if held is None:
        return
    kind, title = held
    rng = population.rng
    issued = population.anchor - timedelta(days=rng.randint(30, 700))
    expires = issued + timedelta(days=365 * pathways.CREDENTIAL_YEARS.value)
    population.add(
        StaffCredential,
        public_id=population.uuid(),
        created_at=created,
        user_id=member.pk,
        kind=CredentialKind(kind).value,
        title=title,
        number=f"SYN-{rng.randrange(10**6):06d}",
        issuer="State licensing board (synthetic)",
        issued_on=issued,
        expires_on=expires,
    )
    population.stats["staff credentials expiring within 90 days of the anchor"][
        "yes" if expires <= population.anchor + timedelta(days=90) else "no"
    ] += 1
