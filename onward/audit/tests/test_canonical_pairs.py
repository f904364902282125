"""Events written together share their encoded members (`CanonicalPairs`): their bodies must be, byte
for byte, what the rfc8785 library writes for each event alone, so verify and any outside checker read
the same bytes."""

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from onward.audit.chain import CanonicalPairs, canonical, event_fields

names = st.text(min_size=1, max_size=6)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53) + 1, 2**53 - 1),
    st.text(max_size=12),
    st.floats(allow_nan=False, allow_infinity=False),
)
members = st.dictionaries(names, st.one_of(scalars, st.dictionaries(names, scalars, max_size=3)), max_size=6)


@given(st.lists(members, min_size=1, max_size=8))
def test_the_bodies_of_a_batch_are_what_the_library_writes_for_each_event(batch):
    pairs = CanonicalPairs()
    for fields in batch * 2:  # twice: the second time from the kept members
        assert pairs.dumps(dict(fields)) == canonical(dict(fields))


def test_true_and_1_and_an_empty_detail_are_not_confused_with_each_other():
    pairs = CanonicalPairs()
    for fields in ({"a": 1, "d": {}}, {"a": True, "d": []}, {"a": 1.0, "d": {}}, {"a": "1", "d": {"x": 1}}):
        assert pairs.dumps(fields) == canonical(dict(fields))


def test_a_page_of_reads_encodes_as_each_event_alone_would():
    pairs = CanonicalPairs()
    at = datetime(2026, 3, 4, 16, tzinfo=UTC)
    for n, name in enumerate(("Zoë", "𝔸lex", "Ana", "José")):
        fields = event_fields(
            chain=f"person:{n}",
            at=at,
            actor_id=7,
            actor_label=f"{name} <c@x.test> (counselor)",
            action="profile.listed",
            person_id=n,
            purpose="treatment" if n % 2 else "",
            detail={"on": date(2026, 3, 4)} if n == 3 else None,  # a date: `canonical` writes it as text
        )
        assert pairs.dumps(dict(fields)) == canonical(dict(fields))
