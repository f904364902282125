"""`event_body` writes exactly the canonical JSON the chain hashes, for any values it may hold."""

import json

from hypothesis import given
from hypothesis import strategies as st

from onward.audit.chain import event_body, hashed_fields

text = st.text(max_size=40)  # any Unicode: quotes, backslashes, control characters, emoji, surrogates aside
ids = st.none() | st.integers(min_value=0, max_value=2**63 - 1)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)


@given(
    chain=text,
    seq=st.integers(min_value=1, max_value=2**63 - 1),
    at=text,
    actor_id=ids,
    actor_label=text,
    action=text,
    person_id=ids,
    object_type=text,
    object_id=text,
    purpose=text,
    request_id=text,
    detail=st.dictionaries(text, json_values, max_size=4),
)
def test_the_fast_body_equals_canonical_json(**values):
    expected = json.dumps(hashed_fields(**values), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert event_body(**values) == expected
