"""Record numbers: six characters staff can read aloud, type and search by, unique and never reused.

Crockford's base-32 alphabet (no I, L, O or U, so nothing reads as another character or a word); a new
person gets a random one that no one holds, people enrolled before numbers existed (the migration) and
the synthetic population get one scrambled from their primary key, so those runs stay reproducible.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 6
SPACE = len(ALPHABET) ** LENGTH  # 2**30 numbers
# An odd multiplier makes the scramble a bijection modulo a power of two: distinct keys, distinct numbers.
_MULTIPLIER = 0x2F1B_4C6D
_OFFSET = 0x1D3A_9E5
# What staff may type for a character that is not in the alphabet (Crockford's decoding).
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_LOOKS_LIKE_NUMBER = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def encode(value: int) -> str:
    chars = []
    for _ in range(LENGTH):
        value, digit = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def scrambled(pk: int) -> str:
    """The record number of primary key `pk` (below 2**30), for backfills and synthetic data."""
    return encode((pk * _MULTIPLIER + _OFFSET) % SPACE)


def random_number() -> str:
    return encode(secrets.randbelow(SPACE))


def normalized(text: str) -> str:
    """What someone typed, as a record number would be stored: upper case, no spaces or hyphens, the
    letters O, I and L read as 0, 1 and 1. Empty if it cannot be a record number."""
    cleaned = re.sub(r"[\s-]", "", text).upper().translate(_READ_AS)
    return cleaned if _LOOKS_LIKE_NUMBER.match(cleaned) else ""
