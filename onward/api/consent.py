"""Consents, disclosures and breaking the glass over JSON (42 CFR 2.31, 2.25, 2.51)."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from onward.consent import selectors, services
from onward.consent.models import Consent, Disclosure
from onward.core import clock
from onward.core.edge import ERRORS, current_actor
from onward.core.errors import NotFound
from onward.people.access import access_person, break_glass
from onward.summaries.disclosure import get_emergency_summary

router = Router(tags=["consent"])


class ConsentIn(Schema):
    recipient_email: str = Field(max_length=254)
    scopes: list[str]
    purpose: str = Field(max_length=1000)
    expires_on: date
    signature_name: str = Field(max_length=200)


class RevokeIn(Schema):
    text: str = Field(max_length=2000)


class BreakGlassIn(Schema):
    emergency: str = Field(max_length=2000)
    recipient_name: str = Field(max_length=200)
    recipient_affiliation: str = Field(max_length=200)


class DisclosureOut(Schema):
    id: UUID
    at: datetime
    consent_id: UUID | None
    recipient: str
    recipient_affiliation: str
    disclosed_by: str
    purpose: str
    record_kinds: list[str]
    data_description: str
    break_glass: bool
    emergency: str


class ConsentOut(Schema):
    id: UUID
    status: str
    recipient: str
    recipient_email: str
    discloser: str
    scopes: list[str]
    purpose: str
    expires_on: date
    signature_name: str
    signed_at: datetime
    revoked_at: datetime | None
    revocation_text: str
    disclosures: list[DisclosureOut]


class AlertSummaryOut(Schema):
    kind: str
    severity: str
    reasons: list[str]


class EmergencySummaryOut(Schema):
    disclosed_at: datetime
    profile: dict[str, Any]
    level_of_care: str
    open_alerts: list[AlertSummaryOut]


@router.get("/people/{person_id}/consents", response={200: list[ConsentOut], **ERRORS})
def list_consents(request: HttpRequest, person_id: UUID) -> list[ConsentOut]:
    access = access_person(current_actor(request), person_id, kind="consents", action="read")
    now = clock.now()
    return [_consent_out(row.consent, row.status, row.disclosures) for row in selectors.list_consents(access, at=now)]


@router.post("/people/{person_id}/consents", response={201: ConsentOut, **ERRORS})
def give_consent(request: HttpRequest, person_id: UUID, payload: ConsentIn) -> Status[ConsentOut]:
    access = access_person(current_actor(request), person_id, kind="consents", action="write")
    consent = services.give_consent(access=access, **payload.dict())
    return Status(201, _consent_out(consent, selectors.status_of(consent, at=clock.now()), ()))


@router.post("/people/{person_id}/consents/{consent_id}/revoke", response={200: ConsentOut, **ERRORS})
def revoke_consent(request: HttpRequest, person_id: UUID, consent_id: UUID, payload: RevokeIn) -> ConsentOut:
    access = access_person(current_actor(request), person_id, kind="consents", action="write")
    consent = selectors.get_consent(access, consent_id)
    if consent is None:
        raise NotFound("consent")
    revoked = services.revoke_consent(access=access, consent=consent, text=payload.text)
    return _consent_out(revoked, selectors.Status.REVOKED, tuple(revoked.disclosures.order_by("-at", "-pk")))


@router.get("/people/{person_id}/disclosures", response={200: list[DisclosureOut], **ERRORS})
def list_disclosures(request: HttpRequest, person_id: UUID) -> list[DisclosureOut]:
    access = access_person(current_actor(request), person_id, kind="disclosures", action="read")
    return [_disclosure_out(d) for d in selectors.list_disclosures(access)]


@router.post("/people/{person_id}/break-glass", response={201: EmergencySummaryOut, **ERRORS})
def break_the_glass(request: HttpRequest, person_id: UUID, payload: BreakGlassIn) -> Status[EmergencySummaryOut]:
    """A medical emergency (42 CFR 2.51): counselors, nurses and prescribers; the summary is answered
    once, the disclosure logged for the person and audited."""
    access = break_glass(current_actor(request), person_id, **payload.dict())
    summary = get_emergency_summary(access)
    return Status(
        201,
        EmergencySummaryOut(
            disclosed_at=summary.disclosed_at,
            profile=summary.profile,
            level_of_care=summary.level_of_care,
            open_alerts=[
                AlertSummaryOut(kind=a.kind, severity=a.severity, reasons=a.reasons) for a in summary.open_alerts
            ],
        ),
    )


def _consent_out(c: Consent, status: str, disclosures: tuple[Disclosure, ...]) -> ConsentOut:
    return ConsentOut(
        id=c.public_id,
        status=status,
        recipient=c.recipient_name,
        recipient_email=c.recipient.email,
        discloser=c.discloser_name,
        scopes=c.scopes,
        purpose=c.purpose,
        expires_on=c.expires_on,
        signature_name=c.signature_name,
        signed_at=c.signed_at,
        revoked_at=c.revoked_at,
        revocation_text=c.revocation_text,
        disclosures=[_disclosure_out(d) for d in disclosures],
    )


def _disclosure_out(d: Disclosure) -> DisclosureOut:
    return DisclosureOut(
        id=d.public_id,
        at=d.at,
        consent_id=d.consent.public_id if d.consent else None,
        recipient=d.recipient_name,
        recipient_affiliation=d.recipient_affiliation,
        disclosed_by=d.disclosed_by,
        purpose=d.purpose,
        record_kinds=d.record_kinds,
        data_description=d.data_description,
        break_glass=d.break_glass,
        emergency=d.emergency,
    )
