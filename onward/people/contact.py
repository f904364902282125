"""How the team may reach a person, as the person said: shown on their record, beside every alert about
them and in staff lists; never to a supporter."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Contact:
    """How the team may reach a person and what the person allows: True yes, False no, None not asked."""

    phone: str
    email: str
    may_call: bool | None
    may_text: bool | None
    may_leave_message: bool | None
    note: str

    @property
    def dial(self) -> str:
        """The number for a tel: or sms: link: digits, with a leading + if there was one."""
        return ("+" if self.phone.startswith("+") else "") + "".join(c for c in self.phone if c.isdigit())

    @property
    def asked(self) -> bool:
        return any(v is not None for v in (self.may_call, self.may_text, self.may_leave_message))
