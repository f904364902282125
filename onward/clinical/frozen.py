"""A frozen value class for the core's shared records (`Result`, `Param`, `Command`).

They behave as frozen dataclasses do: fields are set once in `__init__`, assigning or deleting one
raises AttributeError, equality and hashing go by the field values, the repr names every field, and
`copy.copy` and pickle rebuild through `__init__`. They are written out rather than decorated
because `dataclasses` imports `inspect` (with `ast`, `dis` and `tokenize`), which cost every
`onward score …` more than Python's own start-up (bench/cli_startup.py). Rules and settings
objects that the command line does not load on every run stay ordinary dataclasses.
"""

from __future__ import annotations

TYPE_CHECKING = False  # importing `typing` slows the command line's start-up; type checkers read the block
if TYPE_CHECKING:
    from typing import Self


class Frozen:
    """Base for a record whose fields are its `__slots__`, in the order `__init__` takes them.

    Subclass it once: a further subclass would see only its own `__slots__`.
    """

    __slots__: tuple[str, ...] = ()

    def _set_fields(self, **values: object) -> None:
        """Set each field once; called only from the subclass's `__init__`."""
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Frozen) and type(other) is type(self):
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def replace(self, **changes: object) -> Self:
        """A copy with some fields changed, as `dataclasses.replace` gives (and validated the same way)."""
        unknown = changes.keys() - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field(s) {', '.join(sorted(unknown))}")
        return type(self)(*(changes.get(name, getattr(self, name)) for name in self.__slots__))

    def __reduce__(self) -> tuple[type[Frozen], tuple[object, ...]]:
        return type(self), self._values()
