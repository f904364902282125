"""Deploy check of the audit trail: `onward manage check --deploy` refuses a missing audit key (as
`onward.core.checks` refuses the other settings unsafe for real records)."""

from collections.abc import Sequence
from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register

from onward.audit.keys import key_problem


@register(Tags.security, deploy=True)
def check_audit_key(app_configs: Sequence[Any] | None, **kwargs: Any) -> list[CheckMessage]:
    problem = key_problem()
    return [] if problem is None else [Error(problem, id="onward.E005")]
