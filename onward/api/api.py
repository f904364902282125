"""The one NinjaAPI: /api/v1/, OpenAPI at /api/v1/openapi.json, docs from local assets."""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.openapi.schema import OpenAPISchema

from onward.accounts.api import router as accounts_router
from onward.accounts.program_api import router as programs_router
from onward.accounts.staff_api import router as staff_router
from onward.admission.api import router as admission_router
from onward.alerts.api import router as alerts_router
from onward.api import errors
from onward.api.audit import router as audit_router
from onward.api.auth import StaffAwareSessionAuth, TokenAuth
from onward.api.consent import router as consent_router
from onward.api.parsing import JsonObjectParser, check_ranges
from onward.care.api import router as care_router
from onward.checkins.api import router as checkins_router
from onward.core.edge import BODY_ERRORS, ERROR_KINDS
from onward.evaluation.api import router as evaluation_router
from onward.intake.api import router as intake_router
from onward.medication.api import router as medication_router
from onward.meetings.api import router as meetings_router
from onward.notifications.api import router as notifications_router
from onward.people.api import router as people_router
from onward.plans.api import router as plans_router
from onward.recovery.api import router as recovery_router
from onward.reminders.api import router as reminders_router
from onward.withdrawal.api import router as withdrawal_router


class OnwardAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI also names the body guard's answers on every operation that reads a body."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                if not isinstance(operation, dict) or "requestBody" not in operation:
                    continue
                for status in BODY_ERRORS:
                    operation["responses"].setdefault(
                        status,
                        {
                            "description": ERROR_KINDS[status].message,
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
                        },
                    )
        return schema


api = OnwardAPI(
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
    parser=JsonObjectParser(),
)
errors.install(api)
api.add_decorator(check_ranges, mode="operation")
api.add_router("/", accounts_router)
api.add_router("/", staff_router)
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
api.add_router("/", evaluation_router)
api.add_router("/", checkins_router)
api.add_router("/", meetings_router)
api.add_router("/", reminders_router)
api.add_router("/", intake_router)
api.add_router("/", programs_router)
api.add_router("/", admission_router)
