"""The consent area's part of the person's record: every consent (revoked ones kept, with the written
revocation) and every disclosure of the record, under a consent or in a medical emergency."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onward.consent.models import Consent, Disclosure
from onward.core.export import Item, PartSpec, SectionSpec, label

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _consents(access: "PersonAccess") -> Iterable[Item]:
    rows = Consent.objects.filter(person=access.person).select_related("revoked_by").order_by("signed_at", "pk")
    for c in rows:
        yield {
            "id": c.public_id,
            "created_at": c.created_at,
            "to": c.recipient_name,
            "from": c.discloser_name,
            "scopes": c.scopes,
            "purpose": c.purpose,
            "expires_on": c.expires_on,
            "signed_by": c.signature_name,
            "signed_at": c.signed_at,
            "revoked_at": c.revoked_at,
            "revoked_by": label(c.revoked_by),
            "revocation": c.revocation_text,
        }


def _disclosures(access: "PersonAccess") -> Iterable[Item]:
    rows = Disclosure.objects.filter(person=access.person).select_related("consent").order_by("at", "pk")
    for d in rows:
        yield {
            "id": d.public_id,
            "at": d.at,
            "to": d.recipient_name,
            "affiliation": d.recipient_affiliation,
            "by": d.disclosed_by,
            "purpose": d.purpose,
            "record_kinds": d.record_kinds,
            "what": d.data_description,
            "consent": d.consent.public_id if d.consent else None,
            "emergency": d.emergency if d.break_glass else None,
        }


PART = PartSpec(
    area="consent",
    title="Consents and disclosures",
    sections=(
        SectionSpec("consents", "Your consents", ("consent.Consent",), kind="consents", scope=None, read=_consents),
        SectionSpec(
            "disclosures",
            "Disclosures of your record",
            ("consent.Disclosure",),
            kind="disclosures",
            scope=None,
            read=_disclosures,
        ),
    ),
)
