"""Who may steer a class: whoever gives the lecturer passcode configured on the server.

:func:`sign_in` compares in constant time and returns a :class:`Lecturer`, the proof that the store's steering
calls (start or end a class, publish the page, open or reveal a poll, export results) require. The UI keeps it in
the lecturer's server-side session only: it never travels in a URL, a cookie or a widget.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from dataclasses import dataclass, field

#: Wrong passcodes one session may try before it is refused further attempts.
MAX_ATTEMPTS = 5
#: Wrong passcodes the whole server process takes in :data:`WINDOW_SECONDS` (from any number of tabs) before it
#: refuses every attempt until the window has passed: a script opening new sessions cannot try thousands a minute.
SERVER_ATTEMPTS = 20
WINDOW_SECONDS = 60.0

_ISSUED = object()  # only sign_in holds it: a Lecturer built any other way is refused by require()


@dataclass(frozen=True)
class Lecturer:
    """Proof of the lecturer passcode (issued by :func:`sign_in`)."""

    _seal: object = field(default=None, repr=False, compare=False)


def sign_in(given: object, configured: str) -> Lecturer | None:
    """A :class:`Lecturer` if ``given`` is the configured passcode, else None (and always None when none is set).

    >>> sign_in("open sesame", "open sesame") is not None
    True
    >>> sign_in("open sesam", "open sesame"), sign_in("", ""), sign_in(None, "open sesame")
    (None, None, None)
    """
    if not configured or not isinstance(given, str) or not given:
        return None
    if hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8")):
        return Lecturer(_ISSUED)
    return None


class Throttle:
    """Wrong passcodes seen by one process in a sliding window; :meth:`allows` says whether to try another.

    >>> t = Throttle(limit=2, window=60.0)
    >>> t.allows(now=0.0), t.failed(now=0.0), t.failed(now=1.0), t.allows(now=2.0), t.allows(now=61.5)
    (True, None, None, False, True)
    """

    def __init__(self, limit: int = SERVER_ATTEMPTS, window: float = WINDOW_SECONDS):
        self.limit, self.window = limit, window
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def _forget(self, now: float) -> None:
        while self._times and now - self._times[0] >= self.window:
            self._times.popleft()

    def allows(self, now: float | None = None) -> bool:
        """True while fewer than ``limit`` wrong passcodes were given in the last ``window`` seconds."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._forget(now)
            return len(self._times) < self.limit

    def failed(self, now: float | None = None) -> None:
        """Count one wrong passcode."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._forget(now)
            self._times.append(now)


#: This process's count of wrong passcodes (all sessions).
THROTTLE = Throttle()


def require(rights: object) -> Lecturer:
    """``rights`` if it came from :func:`sign_in`; otherwise ``PermissionError``.

    >>> require(sign_in("open sesame", "open sesame"))  # doctest: +ELLIPSIS
    Lecturer()
    >>> require(Lecturer())
    Traceback (most recent call last):
    ...
    PermissionError: Only the lecturer can steer the class: sign in with the lecturer passcode.
    """
    if not isinstance(rights, Lecturer) or rights._seal is not _ISSUED:
        raise PermissionError("Only the lecturer can steer the class: sign in with the lecturer passcode.")
    return rights
