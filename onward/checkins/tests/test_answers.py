"""The check-in's answers are declared once (answers.py); the form, the API's schemas, the validator and
the table all follow the declaration."""

from onward.checkins.answers import ANSWERS, NAMES
from onward.checkins.forms import CheckInForm
from onward.checkins.models import CheckIn
from onward.checkins.schemas import CheckInIn, CheckInOut


def test_every_declared_answer_is_a_column_of_the_check_in():
    columns = {field.name for field in CheckIn._meta.get_fields()}
    assert set(NAMES) <= columns


def test_the_form_asks_every_declared_answer_in_the_declared_order():
    form = CheckInForm(triggers=(), signs=(), on_medication=True, meetings=(("m", "A meeting"),))
    asked = [name for name in form.fields if name not in {"captured_at", "client_key"}]
    assert asked == list(NAMES)


def test_the_schemas_send_and_return_every_declared_answer():
    assert [n for n in CheckInIn.model_fields if n in NAMES] == list(NAMES)
    assert [n for n in CheckInOut.model_fields if n in NAMES] == list(NAMES)
    assert {n for n, f in CheckInIn.model_fields.items() if f.is_required()} == {a.name for a in ANSWERS if a.required}


def test_the_check_in_schemas_keep_their_wire_names_and_types(client, db):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    sent = schemas["CheckInIn"]["properties"]
    read = schemas["CheckInOut"]["properties"]
    nullable = {"anyOf"}
    assert {name: sent[name].get("type") or nullable & sent[name].keys() for name in NAMES} == {
        "mood": "string",
        "craving": "integer",
        "sleep_hours": {"anyOf"},
        "stress": "string",
        "triggers": "array",
        "triggers_other": "string",
        "warning_signs": "array",
        "warning_signs_other": "string",
        "used": "boolean",
        "substances": "array",
        "support_contact": "boolean",
        "medication_taken": {"anyOf"},
        "meetings": "array",
        "note": "string",
    }
    assert sent["sleep_hours"]["anyOf"] == [{"type": "number"}, {"type": "string"}, {"type": "null"}]
    assert read["sleep_hours"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
    assert (
        sent["medication_taken"]["anyOf"]
        == read["medication_taken"]["anyOf"]
        == [
            {"type": "boolean"},
            {"type": "null"},
        ]
    )
    assert sent["meetings"]["items"] == read["meetings"]["items"] == {"format": "uuid", "type": "string"}
    assert {name: sent[name].get("default") for name in NAMES if "default" in sent[name]} == {
        "triggers_other": "",
        "warning_signs_other": "",
        "used": False,
        "support_contact": False,
        "note": "",
    }
    assert schemas["CheckInOut"]["required"] == ["id", "local_date", "captured_at", "version", *NAMES]
