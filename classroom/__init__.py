"""Classroom mode without Streamlit: students follow the lecturer live and answer check-yourself questions as polls.

The parts, each testable on its own:

- :mod:`classroom.config`: the settings (passcode, database URL, data directory, public address), from the
  environment or Streamlit's secrets. Without a passcode classroom mode is off.
- :mod:`classroom.codes`: join codes and anonymous per-browser student ids.
- :mod:`classroom.rights`: the lecturer's passcode check; the :class:`~classroom.rights.Lecturer` it returns is
  what every steering call of the store requires.
- :mod:`classroom.state`: a page's controls as JSON (what the lecturer publishes, what followers apply).
- :mod:`classroom.store`: classes, followers, polls and answers in a database through SQLAlchemy Core: SQLite in
  WAL mode by default, PostgreSQL when a URL is configured, one code path for both.

The Streamlit side (sidebar section, follow fragment, poll widgets) is ``ui/classroom.py``.
"""

from classroom.config import Config
from classroom.rights import Lecturer, sign_in
from classroom.store import ClassInfo, PollInfo, Snapshot, Store, open_store

__all__ = ["ClassInfo", "Config", "Lecturer", "PollInfo", "Snapshot", "Store", "open_store", "sign_in"]
