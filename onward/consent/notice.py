"""The redisclosure notice every consented disclosure carries (42 CFR 2.32(a), 2024 rule), quoted
exactly from clinical-reference §18 item 5. The 2018/2020 wordings are obsolete and never used."""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

# §2.32(a)(1): the full statement, shown on every page that discloses a record under a consent.
STATEMENT_1 = (
    "This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR "
    "part 2). These rules prohibit you from using or disclosing this record, or testimony that describes "
    "the information contained in this record, in any civil, criminal, administrative, or legislative "
    "proceedings by any Federal, State, or local authority, against the patient, unless authorized by the "
    "consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in "
    "accordance with 42 CFR 2.64 or 2.65. In addition, the Federal rules prohibit you from making any "
    "other use or disclosure of this record unless at least one of the following applies: (i) Further use "
    "or disclosure is expressly permitted by the written consent of the individual whose information is "
    "being disclosed in this record or as otherwise permitted by 42 CFR part 2. (ii) You are a covered "
    "entity or business associate and have received the record for treatment, payment, or health care "
    "operations, or (iii) You have received the record from a covered entity or business associate as "
    "permitted by 45 CFR part 164, subparts A and E. A general authorization for the release of medical "
    "or other information is NOT sufficient to meet the required elements of written consent to further "
    "use or redisclose the record (see 42 CFR 2.31)."
)

# §2.32(a)(2): the abbreviated statement, sent as a header on API answers that disclose.
STATEMENT_2 = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."

# Set when this request disclosed a record under a consent, so the answer carries the notice
# (`RedisclosureNoticeMiddleware`), whichever edge served it.
_disclosed: ContextVar[bool] = ContextVar("onward_disclosed", default=False)


def mark_disclosed() -> None:
    _disclosed.set(True)


class RedisclosureNoticeMiddleware:
    """Adds `Redisclosure-Notice: <Statement 2>` to any answer that disclosed a record under consent."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _disclosed.set(False)
        try:
            response = self.get_response(request)
            if _disclosed.get():
                response[NOTICE_HEADER] = STATEMENT_2
        finally:
            _disclosed.reset(token)
        return response


NOTICE_HEADER = "Redisclosure-Notice"


def first_sentence_and_rest(statement: str) -> tuple[str, str]:
    """A statement's first sentence, shown at once, and the rest, folded beneath it on a page (the whole
    text stays in the page, and in every header)."""
    first, _, rest = statement.partition(". ")
    return (first + ".", rest) if rest else (statement, "")
