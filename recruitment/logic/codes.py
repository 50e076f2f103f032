"""Response codes for invitation letters (pure functions, no Django).

A code is 13 characters from a 31-character alphabet without the easily confused 0, O, 1, I and L:
31**13 ≈ 2**64.4 possible codes. It is printed in groups (``ABCD-EFGH-JKMNP``) and typed back in
any case, with or without spaces and hyphens. Only ``code_hash`` of the normalised code is stored.
"""

import hashlib
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 13
GROUPS = (4, 4, 5)
HASH_PREFIX = b"wkr-response-code-v1\n"


def new_code():
    """A fresh random code, normalised (no separators)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text):
    """The code without separators and in upper case, or None if it cannot be a code."""
    if not isinstance(text, str):
        return None
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\u2010\u2011\u2012\u2013\t")
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def formatted(code):
    """``ABCD-EFGH-JKMNP`` for a normalised code."""
    parts, start = [], 0
    for size in GROUPS:
        parts.append(code[start:start + size])
        start += size
    return "-".join(parts)


def code_hash(code):
    """SHA-256 (hex) of a normalised code: what the database stores and looks up."""
    return hashlib.sha256(HASH_PREFIX + code.encode("ascii")).hexdigest()


def entropy_bits():
    import math

    return LENGTH * math.log2(len(ALPHABET))
