"""The exceptions tidings raises. Each names what went wrong and, where there is one, the source."""

from __future__ import annotations


class TidingsError(Exception):
    """Base class of every error tidings raises on purpose."""


class RejectedInput(TidingsError):
    """One input could not be ingested; the rest of the batch goes on.

    ``source`` is the path, URL or ``path:line`` the input came from, ``reason`` a short phrase a
    person can act on ("binary file", "not valid JSON: ...").
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(TidingsError):
    """The store could not be opened or migrated."""


class UnknownDocument(TidingsError):
    """A document id that is not in the store."""
