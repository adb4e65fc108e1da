"""Classroom settings: read from the environment, or from the ``[classroom]`` table of Streamlit's secrets.

| setting | environment variable | secrets key | default |
| --- | --- | --- | --- |
| lecturer passcode (classroom mode is off without it) | ``CLASSROOM_PASSCODE`` | ``passcode`` | none |
| database URL (PostgreSQL for several app processes) | ``CLASSROOM_DATABASE_URL`` | ``database_url`` | SQLite file |
| data directory of the SQLite file | ``CLASSROOM_DATA_DIR`` | ``data_dir`` | ``~/.local/share/genai-foundations`` |
| the app's public address (join link, QR code) | ``CLASSROOM_BASE_URL`` | ``base_url`` | what the browser used |
| seconds between a follower's looks at the class | ``CLASSROOM_POLL_SECONDS`` | ``poll_seconds`` | 1.0 |

The environment wins over the secrets file, so a container can override a file baked into its image.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Shortest passcode accepted: a shorter one is easy to guess from the back row, so it switches nothing on.
MIN_PASSCODE = 6
#: A follower looks at the class this often by default (seconds): "within about a second" of the lecturer.
POLL_SECONDS = 1.0
SQLITE_FILE = "classroom.sqlite3"

_SETTINGS = {
    "passcode": "CLASSROOM_PASSCODE",
    "database_url": "CLASSROOM_DATABASE_URL",
    "data_dir": "CLASSROOM_DATA_DIR",
    "base_url": "CLASSROOM_BASE_URL",
    "poll_seconds": "CLASSROOM_POLL_SECONDS",
}


def default_data_dir(environ: Mapping[str, str]) -> Path:
    """``$XDG_DATA_HOME/genai-foundations``, else ``~/.local/share/genai-foundations``."""
    base = environ.get("XDG_DATA_HOME") or str(Path(environ.get("HOME") or Path.home()) / ".local" / "share")
    return Path(base) / "genai-foundations"


@dataclass(frozen=True)
class Config:
    """The classroom settings of one server process.

    >>> Config.load({}).enabled
    False
    >>> cfg = Config.load({"CLASSROOM_PASSCODE": "correct horse", "CLASSROOM_DATA_DIR": "/srv/class"})
    >>> cfg.enabled, cfg.url
    (True, 'sqlite:////srv/class/classroom.sqlite3')
    >>> Config.load({"CLASSROOM_PASSCODE": "x" * 8, "CLASSROOM_DATABASE_URL": "postgresql://u@db/class"}).url
    'postgresql+psycopg://u@db/class'
    """

    passcode: str = ""
    database_url: str = ""
    data_dir: str = ""
    base_url: str = ""
    poll_seconds: float = POLL_SECONDS

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, secrets: Mapping[str, object] | None = None) -> Config:
        """Settings from ``environ`` (default ``os.environ``) over ``secrets`` (the ``[classroom]`` table).

        A passcode shorter than :data:`MIN_PASSCODE` characters raises ``ValueError`` (a server misconfiguration:
        better said at once than a class anyone can steer).
        """
        environ = os.environ if environ is None else environ
        secrets = secrets or {}
        values = {}
        for name, variable in _SETTINGS.items():
            value = environ.get(variable)
            if value is None or value == "":
                value = secrets.get(name, "")
            values[name] = str(value).strip()
        passcode = values["passcode"]
        if passcode and len(passcode) < MIN_PASSCODE:
            raise ValueError(
                f"The classroom passcode must have at least {MIN_PASSCODE} characters (it has {len(passcode)}): "
                "set a longer CLASSROOM_PASSCODE, or unset it to switch classroom mode off."
            )
        try:
            seconds = float(values["poll_seconds"]) if values["poll_seconds"] else POLL_SECONDS
        except ValueError:
            raise ValueError(
                f"CLASSROOM_POLL_SECONDS must be a number of seconds, not {values['poll_seconds']!r}"
            ) from None
        if not math.isfinite(seconds) or not 0.2 <= seconds <= 30:
            raise ValueError(f"CLASSROOM_POLL_SECONDS must lie between 0.2 and 30 seconds, not {seconds}")
        return cls(
            passcode=passcode,
            database_url=values["database_url"],
            data_dir=values["data_dir"] or str(default_data_dir(environ)),
            base_url=values["base_url"].rstrip("/"),
            poll_seconds=seconds,
        )

    @property
    def enabled(self) -> bool:
        """Classroom mode is on only when a lecturer passcode is configured."""
        return bool(self.passcode)

    @property
    def url(self) -> str:
        """The SQLAlchemy URL: the configured database (PostgreSQL through psycopg 3), else the SQLite file."""
        if self.database_url:
            return normalise_url(self.database_url)
        return f"sqlite:///{Path(self.data_dir) / SQLITE_FILE}"


def normalise_url(url: str) -> str:
    """A PostgreSQL URL with the psycopg 3 driver (the one installed); other URLs unchanged.

    >>> normalise_url("postgres://a@h/db"), normalise_url("postgresql://a@h/db")
    ('postgresql+psycopg://a@h/db', 'postgresql+psycopg://a@h/db')
    >>> normalise_url("sqlite:///tmp/x.db")
    'sqlite:///tmp/x.db'
    """
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
