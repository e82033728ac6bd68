"""The one timestamp format of the store's ``added``, ``fetched``, ``started`` and ``at``."""

from datetime import UTC, datetime


def now() -> str:
    """The current UTC time to the second, ISO 8601: sorts as text, reads in Datasette."""
    return datetime.now(UTC).isoformat(timespec="seconds")
