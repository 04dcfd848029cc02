"""One line for a fault the worker survives: what the user can act on, never SQL, parameters or message text."""

from __future__ import annotations

import imaplib
import smtplib

from afterword.core.errors import AfterwordError


def describe_fault(exc: BaseException) -> str:
    """`StoreError`s and other Afterword errors say themselves; anything else is named by its class,
    plus the system's reason for an OSError ("No space left on device")."""
    if isinstance(exc, AfterwordError):
        return exc.located()
    if isinstance(exc, imaplib.IMAP4.error | smtplib.SMTPException):
        return f"mail server: {type(exc).__name__}"
    if isinstance(exc, OSError):
        return f"{type(exc).__name__}: {exc.strerror}" if exc.strerror else type(exc).__name__
    return type(exc).__name__
