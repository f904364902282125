"""Sign-in names for people without an e-mail address. An account is named by an e-mail address; a
person who has none signs in with a short name printed for them (their record number), kept as an
address under `.invalid`, a top-level domain that can never receive mail (RFC 2606), so nothing is
ever sent to it."""

SIGN_IN_DOMAIN = "sign-in.invalid"


def address_for(name: str) -> str:
    """The account address behind a sign-in name (however it was typed: case, spaces, hyphens)."""
    return f"{''.join(name.split()).replace('-', '').lower()}@{SIGN_IN_DOMAIN}"


def name_of(address: str) -> str:
    """The sign-in name of an address made by `address_for`, or "" for a real e-mail address."""
    local, _, domain = address.partition("@")
    return local.upper() if domain == SIGN_IN_DOMAIN else ""


def is_deliverable(address: str) -> bool:
    """Whether mail can be sent to the address (a sign-in name cannot receive any)."""
    return bool(address) and not address.lower().endswith(".invalid")


def login_address(typed: str) -> str:
    """What the sign-in form's first field names: an e-mail address, or a sign-in name without '@'."""
    typed = typed.strip()
    return typed.lower() if "@" in typed else address_for(typed)
