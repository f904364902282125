"""The one NinjaAPI: /api/v1/, OpenAPI at /api/v1/openapi.json, docs from local assets."""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from onward.accounts.api import router as accounts_router
from onward.alerts.api import router as alerts_router
from onward.api import errors
from onward.api.audit import router as audit_router
from onward.api.auth import StaffAwareSessionAuth, TokenAuth
from onward.api.consent import router as consent_router
from onward.care.api import router as care_router
from onward.checkins.api import router as checkins_router
from onward.medication.api import router as medication_router
from onward.meetings.api import router as meetings_router
from onward.notifications.api import router as notifications_router
from onward.people.api import router as people_router
from onward.plans.api import router as plans_router
from onward.recovery.api import router as recovery_router
from onward.reminders.api import router as reminders_router
from onward.withdrawal.api import router as withdrawal_router

api = NinjaAPI(
    title="Onward API",
    version="1",
    description=(
        "The recovery continuum for opioid use disorder. Every record here is protected by 42 CFR Part 2: "
        "each read and write is authorized by role and relationship and audited. Errors share one envelope: "
        '{"error": {"status", "code", "message", "fields"}}.'
    ),
    urls_namespace="api",
    auth=[TokenAuth(), StaffAwareSessionAuth()],
    docs=Swagger(),
)
errors.install(api)
api.add_router("/", accounts_router)
api.add_router("/", people_router)
api.add_router("/", audit_router)
api.add_router("/", care_router)
api.add_router("/", alerts_router)
api.add_router("/", notifications_router)
api.add_router("/", consent_router)
api.add_router("/", medication_router)
api.add_router("/", plans_router)
api.add_router("/", recovery_router)
api.add_router("/", withdrawal_router)
api.add_router("/", checkins_router)
api.add_router("/", meetings_router)
api.add_router("/", reminders_router)
