"""Errors the user sees: each carries a one-line message that names the file and place."""

from __future__ import annotations


class CoachError(Exception):
    """Base of every error meant for the user; ``str()`` is the whole message."""

    exit_code = 1


class StoreError(CoachError):
    """Something is wrong with the data folder."""


class CorruptFileError(StoreError):
    """A data file cannot be read; it is never overwritten while in this state."""


class WriteFailedError(StoreError):
    """The disk refused a write; the previous file is intact."""


class LockedError(StoreError):
    """Another process holds a file's lock for too long."""


class NotFoundError(CoachError):
    """No executive, session or item by that name or id."""

    exit_code = 2


class AmbiguousError(CoachError):
    """A name matches more than one executive."""

    exit_code = 2


class InvalidInputError(CoachError):
    """The user's input cannot be accepted (empty name, bad date, rating out of range)."""

    exit_code = 2


class PassphraseError(CoachError):
    """An encrypted practice without its passphrase, or with the wrong one."""

    exit_code = 2
