"""The keyed trail: events written in one INSERT and sealed later; links keyed with a key outside the
database; heads anchored outside it too; plain chains keyed by a recorded cut-over."""

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from onward.audit.anchors import LOG, anchor_dir, write_anchor
from onward.audit.chain import GENESIS, canonical, event_hash, hashed_fields
from onward.audit.keys import audit_key
from onward.audit.migrate import CUTOVER_ACTION, migrate_keyed
from onward.audit.models import AuditEvent, ChainHead
from onward.audit.services import build_event, chain_for, insert_rows, record_event, record_reads, seal
from onward.audit.verify import verify_all, verify_report
from onward.people.models import Person


@pytest.fixture
def chain(personas):
    for n in range(5):
        record_event(actor=personas.counselor, action=f"test.event{n}", person=personas.person, purpose="treatment")
    seal()
    return chain_for(person=personas.person, organization_slug="")


def events(chain):
    return list(AuditEvent.objects.filter(chain=chain).order_by("seq"))


def rebuild(chain, *, from_index, link):
    """What someone with write access to the database but without the key can do: edit an event, body
    and all, and relink everything after it (and the head) by a rule of their choosing."""
    rows = events(chain)
    target = rows[from_index]
    fields = json.loads(target.body)
    fields["action"] = target.action = "profile.read.innocent"
    target.body = canonical(fields).decode()
    prev = rows[from_index - 1].hash
    for row in rows[from_index:]:
        row.prev_hash, row.hash = prev, link(row.seq, prev, row.body.encode())
        prev = row.hash
        AuditEvent.objects.filter(pk=row.pk).update(
            action=row.action, body=row.body, prev_hash=row.prev_hash, hash=row.hash
        )
    ChainHead.objects.filter(chain=chain).update(seq=rows[-1].seq, hash=prev)
    return target


def test_a_chain_rebuilt_with_plain_hashes_is_named(chain):
    target = rebuild(chain, from_index=3, link=lambda seq, prev, body: hashlib.sha256(prev.encode() + body).hexdigest())
    assert [(p.chain, p.seq, p.kind) for p in verify_all()] == [(chain, target.seq, "edited")]


def test_a_chain_rebuilt_with_another_key_is_named(chain):
    other = b"k" * 32

    def link(seq, prev, body):
        return hmac.digest(other, b"%d\n%s\n%s" % (seq, prev.encode(), body), "sha256").hex()

    target = rebuild(chain, from_index=2, link=link)
    assert [(p.chain, p.seq, p.kind) for p in verify_all()] == [(chain, target.seq, "edited")]


def test_a_chain_rewritten_under_the_plain_rule_after_the_first_anchor_is_named(chain, time_machine):
    time_machine.move_to(datetime(2020, 1, 1, tzinfo=UTC), tick=False)  # the anchor predates the events
    write_anchor()
    rows, prev = events(chain), GENESIS
    for row in rows:
        fields = hashed_fields(
            chain=chain,
            seq=row.seq,
            at=row.at.astimezone(UTC).isoformat(),
            actor_id=row.actor_id,
            actor_label=row.actor_label,
            action=row.action,
            person_id=row.person_id,
            object_type=row.object_type,
            object_id=row.object_id,
            purpose=row.purpose,
            request_id=row.request_id,
            detail=row.detail,
        )
        digest = event_hash(fields, prev)
        AuditEvent.objects.filter(pk=row.pk).update(body="", mac="", prev_hash=prev, hash=digest)
        prev = digest
    ChainHead.objects.filter(chain=chain).update(hash=prev)
    assert [(p.seq, p.kind) for p in verify_all() if p.chain == chain] == [(1, "unkeyed"), (len(rows), "anchor")]


def test_the_last_days_events_deleted_and_the_head_rewound_are_caught_by_the_outside_anchor(personas, time_machine):
    chain = chain_for(person=personas.person, organization_slug="")
    day = datetime(2026, 3, 2, 9, tzinfo=UTC)
    for offset in range(3):
        time_machine.move_to(day + timedelta(days=offset), tick=False)
        for n in range(4):
            record_event(actor=personas.nurse, action=f"day{offset}.event{n}", person=personas.person)
        seal()
        write_anchor()
    last_day = AuditEvent.objects.filter(chain=chain, action__startswith="day2.")
    kept = AuditEvent.objects.filter(chain=chain, action="day1.event3").get()
    anchored_seq = AuditEvent.objects.filter(chain=chain).order_by("-seq").first().seq
    assert last_day.delete()[0] == 4
    ChainHead.objects.filter(chain=chain).update(seq=kept.seq, hash=kept.hash)
    # Inside the database all is consistent: only the outside anchor knows.
    assert [(p.chain, p.seq, p.kind) for p in verify_all()] == [(chain, anchored_seq, "anchor")]


def test_an_edited_anchor_log_is_named(chain):
    write_anchor()
    record_event(actor=None, action="later", organization_slug="harbor")
    seal()
    write_anchor()
    path = anchor_dir() / LOG
    lines = path.read_text().splitlines()
    first = json.loads(lines[0])
    first["heads"][chain][0] = 1
    path.write_text(json.dumps(first) + "\n" + lines[1] + "\n")
    assert [p.kind for p in verify_all()] == ["anchor"]


def test_a_forged_unsealed_event_is_named_and_never_sealed(chain):
    real = events(chain)[-1]
    fields = json.loads(real.body)
    fields["action"] = "forged.read"
    forged = AuditEvent.objects.create(
        chain=chain,
        at=real.at,
        actor_label=real.actor_label,
        action="forged.read",
        person_id=real.person_id,
        purpose=real.purpose,
        body=canonical(fields).decode(),
        mac=hashlib.sha256(canonical(fields)).hexdigest(),  # no key: a plain digest in its place
    )
    assert forged.pk not in seal()
    forged.refresh_from_db()
    assert forged.seq is None
    assert [(p.chain, p.kind) for p in verify_all()] == [(chain, "forged")]


def write_unsealed(actions, *, chain):
    """Events as PostgreSQL writes them before its commit seals them (or as a process that stopped
    between the two leaves them): built and inserted, not sealed."""
    key = audit_key()
    rows = [
        build_event(
            key=key,
            chain=chain,
            at=datetime.now(UTC),
            actor_id=None,
            actor_label="system",
            action=action,
            person_id=None,
        )
        for action in actions
    ]
    return insert_rows(rows)


def test_an_unsealed_tail_is_pending_not_broken(chain):
    write_unsealed(["pending0", "pending1", "pending2"], chain="org:harbor")
    write_unsealed(["pending.person"], chain=chain)
    report = verify_report()
    assert (report.breaks, report.pending) == ([], 4)
    assert "4 events pending" in report.summary()
    seal()
    report = verify_report()
    assert (report.breaks, report.pending) == ([], 0)
    assert events(chain)[-1].action == "pending.person"


def test_verify_says_how_old_the_newest_anchor_is(chain, time_machine, capsys):
    at = datetime(2026, 5, 1, 12, tzinfo=UTC)
    time_machine.move_to(at, tick=False)
    write_anchor()
    time_machine.move_to(at + timedelta(minutes=7), tick=False)
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "1 anchors; the newest is 7 min old" in out
    assert "every audit chain, digest and anchor is intact" in out


def people(personas, count):
    rows = [
        Person(program=personas.program, preferred_name=f"Person {n}", time_zone="America/New_York")
        for n in range(count)
    ]
    Person.objects.bulk_create(rows)
    return list(Person.objects.order_by("-pk")[:count])


@pytest.mark.parametrize("count", [10, 100])
def test_reads_of_a_list_cost_the_same_statements_for_10_and_100_people(
    personas, count, django_assert_num_queries, settings
):
    shown = people(personas, count)
    seal()
    # SQLite, sealed as written: heads, upsert heads, insert; then seal() finds nothing (savepoint, select,
    # release). PostgreSQL: insert; then the seal: savepoint, lock, unsealed, heads, update, upsert, release.
    with django_assert_num_queries({"sqlite": 6, "postgresql": 8}[connection.vendor]):
        record_reads(actor=personas.counselor, people=shown, action="profile.read", purpose_of=lambda _: "treatment")
        seal()
    assert AuditEvent.objects.filter(action="profile.read", seq__isnull=False).count() == count
    assert verify_all() == []


@pytest.mark.django_db(transaction=True)
def test_events_written_in_a_transaction_are_sealed_when_it_commits(personas):
    from django.db import transaction  # noqa: PLC0415

    with transaction.atomic():
        first = record_event(actor=personas.counselor, action="one", person=personas.person)
        record_reads(
            actor=personas.counselor,
            people=[personas.person, personas.other_person],
            action="two",
            purpose_of=lambda _: "treatment",
        )
        assert (first.seq is None) == (connection.vendor == "postgresql")  # SQLite seals as it writes
    assert first.seq is not None
    assert not AuditEvent.objects.filter(seq__isnull=True).exists()
    assert verify_all() == []


def plain_chain(personas, length):
    chain, prev = chain_for(person=personas.person, organization_slug=""), GENESIS
    AuditEvent.objects.all().delete()
    ChainHead.objects.all().delete()
    base = datetime(2025, 6, 1, tzinfo=UTC)
    for seq in range(1, length + 1):
        at = base + timedelta(hours=seq)
        values = {
            "chain": chain,
            "seq": seq,
            "actor_id": None,
            "actor_label": "system",
            "action": f"old.event{seq}",
            "person_id": personas.person.pk,
            "object_type": "",
            "object_id": "",
            "purpose": "treatment",
            "request_id": "",
            "detail": {"n": seq},
        }
        digest = event_hash(hashed_fields(**values, at=at.isoformat()), prev)
        AuditEvent.objects.create(at=at, prev_hash=prev, hash=digest, **values)
        prev = digest
    ChainHead.objects.create(chain=chain, seq=length, hash=prev)
    return chain


def test_migrate_keyed_continues_a_plain_chain_under_the_key_and_verify_checks_both_parts(personas):
    chain = plain_chain(personas, 4)
    before = verify_report()
    assert (before.breaks, before.plain_chains) == ([], 1)
    call_command("audit", "migrate-keyed")
    cutover = AuditEvent.objects.get(chain=chain, seq=5)
    assert cutover.action == CUTOVER_ACTION
    assert cutover.prev_hash == AuditEvent.objects.get(chain=chain, seq=4).hash
    assert cutover.detail == {"plain_head": {"seq": 4, "hash": cutover.prev_hash}}
    record_event(actor=None, action="new.event", person=personas.person)
    seal()
    after = verify_report()
    assert (after.breaks, after.plain_chains, after.anchors) == ([], 0, 1)
    # The part before is still held to the old rule.
    AuditEvent.objects.filter(chain=chain, seq=2).update(purpose="operations")
    assert [(p.seq, p.kind) for p in verify_all()] == [(2, "edited")]


def test_a_plain_event_after_the_cutover_is_refused(personas):
    chain = plain_chain(personas, 2)
    migrate_keyed()
    head = ChainHead.objects.get(chain=chain)
    at = datetime.now(UTC) + timedelta(minutes=1)
    values = {
        "chain": chain,
        "seq": head.seq + 1,
        "actor_id": None,
        "actor_label": "system",
        "action": "sneaked.in",
        "person_id": None,
        "object_type": "",
        "object_id": "",
        "purpose": "",
        "request_id": "",
        "detail": {},
    }
    digest = event_hash(hashed_fields(**values, at=at.isoformat()), head.hash)
    AuditEvent.objects.create(at=at, prev_hash=head.hash, hash=digest, **values)
    ChainHead.objects.filter(chain=chain).update(seq=head.seq + 1, hash=digest)
    assert [(p.seq, p.kind) for p in verify_all() if p.chain == chain] == [(head.seq + 1, "unkeyed")]


def test_the_command_fails_on_a_forged_event(chain):
    AuditEvent.objects.filter(pk=events(chain)[0].pk).update(mac="0" * 64, seq=None)
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_the_key_is_kept_outside_the_database(settings, tmp_path):
    assert len(audit_key()) == 32
    assert settings.AUDIT_KEY_FILE.read_text().strip() == audit_key().hex()


@pytest.mark.django_db(transaction=True)
def test_one_anchoring_worker_at_a_time(personas):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer: a second anchoring worker waits for the first")
    from django.db import connections  # noqa: PLC0415

    from onward.audit.services import ANCHOR_LOCK  # noqa: PLC0415

    other = connections.create_connection("default")
    try:
        other.set_autocommit(False)
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ANCHOR_LOCK])
        assert write_anchor() is None  # another worker is anchoring
        other.rollback()
    finally:
        other.close()
    assert write_anchor()["n"] == 1
    assert write_anchor() is None  # nothing changed since
