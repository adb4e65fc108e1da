"""Join codes a lecturer reads out and students type, and the anonymous id each browser keeps.

A join code has :data:`CODE_LENGTH` characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S,
8/B), so a code read from the back row is typed right: 24 symbols, 24**6 = 191 million codes. A student id is
128 random bits, URL-safe: it names a browser, never a person.
"""

from __future__ import annotations

import re
import secrets

#: Characters of a join code: capital letters and digits that cannot be mistaken for one another.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY3467"
CODE_LENGTH = 6
_STUDENT = re.compile(r"[A-Za-z0-9_-]{22,64}")


def new_code() -> str:
    """A random join code.

    >>> code = new_code()
    >>> len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)
    True
    """
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: object) -> str | None:
    """The join code a student meant, or None if ``typed`` cannot be one (spaces, dashes and case are forgiven).

    >>> normalise_code(" qa7-tkm "), normalise_code("QA7TKM"), normalise_code("QA7TK0"), normalise_code(None)
    ('QA7TKM', 'QA7TKM', None, None)
    """
    if not isinstance(typed, str) or len(typed) > 40:
        return None
    code = re.sub(r"[\s-]", "", typed).upper()
    if len(code) != CODE_LENGTH or not set(code) <= set(ALPHABET):
        return None
    return code


def new_student_id() -> str:
    """A fresh anonymous browser id (128 random bits).

    >>> valid_student_id(new_student_id()), new_student_id() != new_student_id()
    (True, True)
    """
    return secrets.token_urlsafe(16)


def valid_student_id(value: object) -> bool:
    """True for an id that :func:`new_student_id` could have made (a cookie is the browser's to forge).

    >>> valid_student_id("x" * 22), valid_student_id("<script>"), valid_student_id("a" * 500)
    (True, False, False)
    """
    return isinstance(value, str) and _STUDENT.fullmatch(value) is not None
