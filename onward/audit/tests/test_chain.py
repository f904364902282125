"""The audit trail is a hash chain per person: verify names the first break of every kind."""

from datetime import UTC, datetime
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from onward.audit.models import AuditEvent, ChainHead
from onward.audit.services import chain_for, make_daily_digest, record_event, seal
from onward.audit.verify import verify_all


@pytest.fixture
def chain(personas):
    for n in range(5):
        record_event(actor=personas.counselor, action=f"test.event{n}", person=personas.person, purpose="treatment")
    seal()  # what the writing transaction's commit does (tests never commit)
    return chain_for(person=personas.person, organization_slug="")


def events(chain):
    return list(AuditEvent.objects.filter(chain=chain).order_by("seq"))


def test_an_untouched_trail_verifies(chain):
    assert verify_all() == []
    call_command("audit", "verify")


def test_each_event_links_to_the_one_before(chain):
    rows = events(chain)
    assert [e.seq for e in rows][-5:] == list(range(len(rows) - 4, len(rows) + 1))
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(rows))
    assert ChainHead.objects.get(chain=chain).hash == rows[-1].hash


def test_an_edited_event_is_named(chain):
    target = events(chain)[3]
    AuditEvent.objects.filter(pk=target.pk).update(action="profile.read.innocent")
    (problem,) = verify_all()
    assert (problem.chain, problem.seq, problem.kind) == (chain, target.seq, "edited")


def test_an_event_moved_in_time_is_named(chain):
    target = events(chain)[2]
    AuditEvent.objects.filter(pk=target.pk).update(at=datetime(2020, 1, 1, tzinfo=UTC))
    (problem,) = verify_all()
    assert (problem.seq, problem.kind) == (target.seq, "edited")


def test_a_deleted_event_is_named(chain):
    target = events(chain)[2]
    AuditEvent.objects.filter(pk=target.pk).delete()
    (problem,) = verify_all()
    assert (problem.seq, problem.kind) == (target.seq, "missing")


def test_an_inserted_event_is_named(chain):
    rows = events(chain)
    # Make room after the third event and forge a well-formed event there.
    for row in reversed(rows[3:]):
        AuditEvent.objects.filter(pk=row.pk).update(seq=row.seq + 1)
    forged = rows[2]
    forged.pk, forged.seq, forged.prev_hash = None, rows[3].seq, rows[2].hash
    forged.action = "forged"
    forged.save()
    ChainHead.objects.filter(chain=chain).update(seq=rows[-1].seq + 1)
    (problem,) = verify_all()
    assert problem.kind in {"edited", "relinked"}
    assert problem.seq == rows[3].seq


def test_an_event_appended_behind_the_heads_back_is_named(chain):
    last = events(chain)[-1]
    last.pk, last.seq, last.prev_hash = None, last.seq + 1, last.hash
    last.save()
    (problem,) = verify_all()
    assert (problem.seq, problem.kind) == (last.seq, "beyond_head")


def test_a_cut_tail_is_named(chain):
    rows = events(chain)
    AuditEvent.objects.filter(pk__in=[r.pk for r in rows[-2:]]).delete()
    (problem,) = verify_all()
    assert (problem.seq, problem.kind) == (rows[-2].seq, "tail_cut")


def test_a_cut_tail_with_a_rewound_head_is_caught_by_the_digest(chain):
    make_daily_digest()
    rows = events(chain)
    AuditEvent.objects.filter(pk=rows[-1].pk).delete()
    ChainHead.objects.filter(chain=chain).update(seq=rows[-2].seq, hash=rows[-2].hash)
    problems = verify_all()
    assert [(p.chain, p.seq, p.kind) for p in problems] == [(chain, rows[-1].seq, "digest")]


def test_a_whole_deleted_chain_is_caught_by_the_digest(chain):
    make_daily_digest()
    AuditEvent.objects.filter(chain=chain).delete()
    ChainHead.objects.filter(chain=chain).delete()
    assert [p.kind for p in verify_all() if p.chain == chain] == ["digest"]


def test_the_digest_is_made_once_a_day(chain):
    assert make_daily_digest().pk == make_daily_digest().pk


def test_the_command_fails_and_names_the_break(chain, capsys):
    AuditEvent.objects.filter(pk=events(chain)[0].pk).update(purpose="operations")
    with pytest.raises(CommandError):
        call_command("audit", "verify")
    assert f"{chain} #1: edited" in capsys.readouterr().err


def test_events_about_no_person_go_on_the_organization_chain(db):
    event = record_event(actor=None, action="system.started", organization_slug="harbor")
    seal()
    event.refresh_from_db()
    assert event.chain == "org:harbor"
    assert event.seq == 1
    assert verify_all() == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_a_chain(personas):
    import threading  # noqa: PLC0415

    from django.db import connection  # noqa: PLC0415

    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(8):
                record_event(actor=personas.nurse, action=f"race.{n}.{i}", person=personas.person)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    chain = chain_for(person=personas.person, organization_slug="")
    seqs = list(AuditEvent.objects.filter(chain=chain).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    assert AuditEvent.objects.filter(chain=chain, action__startswith="race.").count() == 24
    assert verify_all() == []


def test_an_early_break_does_not_hide_the_later_events_a_digest_recorded(chain):
    make_daily_digest()
    rows = events(chain)
    AuditEvent.objects.filter(pk=rows[1].pk).update(action="edited.afterwards")
    assert [(p.seq, p.kind) for p in verify_all()] == [(rows[1].seq, "edited")]


def test_the_digest_names_an_edited_last_event_too(chain):
    make_daily_digest()
    rows = events(chain)
    AuditEvent.objects.filter(pk=rows[-1].pk).update(hash="f" * 64)
    assert sorted((p.seq, p.kind) for p in verify_all()) == [(rows[-1].seq, "digest"), (rows[-1].seq, "edited")]
