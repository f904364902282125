"""What the command line knows about each instrument and rule: name, inputs, source.

Each instrument or rule module defines one `Command`. Its `run` takes raw inputs
(strings from ``key=value`` or JSON values), reads them with `inputs.Reader`, calls
the module's typed pure function and returns its `Result`; bad input raises
`InvalidInput` naming every problem field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from onward.clinical.frozen import Frozen

TYPE_CHECKING = False  # importing `typing` slows the command line's start-up; type checkers read the block
if TYPE_CHECKING:
    from typing import Any

    from onward.clinical.result import Result


class Param(Frozen):
    """One input: its key, the values allowed (in words), whether required. Frozen."""

    __slots__ = ("key", "allowed", "description", "required")  # noqa: RUF023 - the order __init__ takes them

    key: str
    allowed: str
    description: str
    required: bool

    def __init__(self, key: str, allowed: str, description: str, required: bool = True) -> None:  # noqa: FBT001, FBT002 - positional as before
        self._set_fields(key=key, allowed=allowed, description=description, required=required)


class Command(Frozen):
    """One instrument or rule as the command line sees it. Frozen."""

    __slots__ = ("name", "title", "params", "source", "run", "outputs")  # noqa: RUF023 - the order __init__ takes them

    name: str
    title: str
    params: tuple[Param, ...]
    source: str
    run: Callable[[Mapping[str, Any]], Result]
    outputs: str

    def __init__(
        self,
        name: str,
        title: str,
        params: tuple[Param, ...],
        source: str,
        run: Callable[[Mapping[str, Any]], Result],
        outputs: str = "",
    ) -> None:
        self._set_fields(name=name, title=title, params=params, source=source, run=run, outputs=outputs)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(p.key for p in self.params)
