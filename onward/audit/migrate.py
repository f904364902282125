"""`onward audit migrate-keyed`: chains written under the plain SHA-256 rule continue under the key.

Each chain whose newest sealed event is plain gets one `audit.keyed_cutover` event, keyed and linked to
that plain head (its detail names it), so verify checks the part before by the old rule and everything
from the cut-over on by the key. An anchor marked `cutover` is written at once: from then on, verify
refuses any plain event dated after the first anchor.
"""

from django.db import transaction
from django.db.models import Max

from onward.audit.anchors import CUTOVER, write_anchor
from onward.audit.keys import audit_key
from onward.audit.models import AuditEvent, ChainHead
from onward.audit.services import build_event, insert_rows, seal
from onward.core import clock

CUTOVER_ACTION = "audit.keyed_cutover"


def migrate_keyed() -> int:
    """Key every plain chain; how many there were."""
    key, at = audit_key(), clock.now()
    seal()  # nothing pending may land before the cut-over
    with transaction.atomic():
        heads = dict(ChainHead.objects.values_list("chain", "seq"))
        last_keyed = dict(
            AuditEvent.objects.filter(seq__isnull=False)
            .exclude(body="")
            .values("chain")
            .annotate(last=Max("seq"))
            .values_list("chain", "last")
        )
        plain = sorted(chain for chain, seq in heads.items() if last_keyed.get(chain, 0) < seq)
        head_rows = {h.chain: h for h in ChainHead.objects.filter(chain__in=plain)}
        person_of = dict(
            AuditEvent.objects.filter(chain__in=plain, person__isnull=False)
            .values_list("chain", "person_id")
            .distinct()
        )
        rows = [
            build_event(
                key=key,
                chain=chain,
                at=at,
                actor_id=None,
                actor_label="system",
                action=CUTOVER_ACTION,
                person_id=person_of.get(chain),
                detail={"plain_head": {"seq": head_rows[chain].seq, "hash": head_rows[chain].hash}},
            )
            for chain in plain
        ]
        ids = insert_rows(rows)
    seal(ids=ids)
    write_anchor(kind=CUTOVER, force=True)
    return len(plain)
