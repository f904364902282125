"""Onward's clinical core: pure, typed, sourced. No Django, no I/O, no clock.

Every instrument and rule takes the dates and times it needs and returns a
:class:`onward.clinical.result.Result` that explains itself. Source of every
number: ``shared/design/clinical-reference.md`` (cited as ``clinical-reference §N``).
"""
