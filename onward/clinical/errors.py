"""The clinical core's one validation error (conventions §3)."""

from collections.abc import Mapping


class InvalidInput(ValueError):  # noqa: N818 - the project's name for it (conventions §3)
    """Bad input: `fields` maps each problem input to what is wrong and what is allowed."""

    def __init__(self, fields: Mapping[str, str], message: str = "Some inputs need attention.") -> None:
        self.fields: dict[str, str] = dict(fields)
        self.message = message
        super().__init__(message + " " + "; ".join(f"{k}: {v}" for k, v in self.fields.items()))
