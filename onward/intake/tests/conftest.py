import pytest

from onward.intake import services

GOOD = {
    "name": "Sam",
    "phone": "555 201 4477",
    "may_call": True,
    "may_text": True,
    "may_leave_message": False,
    "safe_times": "weekdays after 5 pm",
    "wants": ["evaluation", "medication"],
}


@pytest.fixture
def intake_request(personas):
    return services.submit_request(program=personas.program, values=GOOD, client="198.51.100.1")
