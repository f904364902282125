"""The registry of the person's record answers scope by scope, as a supporter's consented view would
ask it: only the sections a consent's scopes cover, and never a section no consent may share."""

from onward.consent.models import Scope
from onward.core.permissions import Relationship
from onward.people.access import Access
from onward.web.export import REGISTRY, build_parts


def _keys(parts):
    return {s.key for p in parts for s in p.sections}


def test_a_consent_scope_reads_only_the_sections_it_covers(personas):
    access = Access(personas.person.account, personas.person, Relationship.SELF)
    assert _keys(build_parts(access, scopes={Scope.MEETINGS})) == {"saved_meetings", "attendance"}
    assert _keys(build_parts(access, scopes={Scope.PROGRESS})) == {"profile", "episodes"}
    assert _keys(build_parts(access, scopes=set())) == set()


def test_every_section_names_a_known_consent_scope_or_none_and_its_key_once():
    sections = [s for part in REGISTRY for s in part.sections]
    assert {s.scope for s in sections} - {None} <= set(Scope.values)
    assert len({s.key for s in sections}) == len(sections)


def test_the_whole_record_reads_every_section(personas):
    access = Access(personas.person.account, personas.person, Relationship.SELF)
    assert _keys(build_parts(access)) == {s.key for part in REGISTRY for s in part.sections}
