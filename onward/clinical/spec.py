"""What the command line knows about each instrument and rule: name, inputs, source.

Each instrument or rule module defines one `Command`. Its `run` takes raw inputs
(strings from ``key=value`` or JSON values), reads them with `inputs.Reader`, calls
the module's typed pure function and returns its `Result`; bad input raises
`InvalidInput` naming every problem field.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from onward.clinical.result import Result


@dataclass(frozen=True, slots=True)
class Param:
    """One input: its key, the values allowed (in words), whether required."""

    key: str
    allowed: str
    description: str
    required: bool = True


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    title: str
    params: tuple[Param, ...]
    source: str
    run: Callable[[Mapping[str, Any]], Result]
    outputs: str = ""

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(p.key for p in self.params)
