"""Mail settings (SMTP, IMAP, social, worker) from `config.toml` in the user's config directory.

The file lives in `$AFTERWORD_HOME` when that is set, else in platformdirs' user_config_dir.
Passwords never go here (see `secrets.py`); a `password` key is refused.

```toml
[smtp]
host = "smtp.example.org"
port = 587                      # default: 587 for starttls, 465 for tls, 25 for none
security = "starttls"           # starttls | tls | none
username = "jan@example.org"    # leave out for a server without login
from = "Jan de Vries <jan@example.org>"
max_per_minute = 20             # at most this many messages handed to the server a minute

[imap]
host = "imap.example.org"
security = "tls"
username = "jan@example.org"
sent = "Sent"                   # default: the folder flagged \\Sent, else "Sent"
save_sent = true                # false for providers that keep a copy themselves (Gmail)

[social]
linkedin_free_notes = 5         # personalised connection notes a month on a free account
linkedin_premium = false

[reminders]
email_to_self = false           # an email to self before a deadline, and when a follow-up may not have gone out

[ui]
language = "nl"                 # the language of messages and findings at the command line
undo_seconds = 10               # the web UI's undo window: a sent email waits this long (0 to 60; 0: no undo)

[check_ins]
after_working_days = 3          # a check-in goes out this many working days after the next step's last day
default_working_days = 10       # ... or after the interview, when the notes name no time for the next step
```
"""

from __future__ import annotations

import enum
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from afterword.core.errors import InputError
from afterword.core.text import Text

CONFIG_NAME = "config.toml"
#: Below what common providers allow (Outlook.com 30 a minute, Gmail about 20 a minute sustained), and
#: far above what one interview's follow-ups need.
DEFAULT_MAX_PER_MINUTE = 20
#: The web UI's undo window after "Send now": Gmail offers 5 to 30 s and starts at 5; 10 s leaves time to
#: notice a wrong name without making the user wait long for "Sent".
DEFAULT_UNDO_SECONDS = 10
MAX_UNDO_SECONDS = 60


class Security(enum.StrEnum):
    STARTTLS = "starttls"
    TLS = "tls"
    NONE = "none"


_DEFAULT_PORTS = {
    "smtp": {Security.STARTTLS: 587, Security.TLS: 465, Security.NONE: 25},
    "imap": {Security.STARTTLS: 143, Security.TLS: 993, Security.NONE: 143},
}


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: Security
    sender: str
    username: str | None = None
    timeout: float = 30.0
    ca_file: Path | None = None
    #: The provider's send-rate limit: messages handed over a minute, counted over the whole outbox.
    max_per_minute: int = DEFAULT_MAX_PER_MINUTE


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    security: Security
    username: str
    sent: str | None = None
    inbox: str = "INBOX"
    timeout: float = 30.0
    ca_file: Path | None = None
    #: Put a copy of each sent message in Sent; turn off for providers that do it themselves (Gmail).
    save_sent: bool = True


@dataclass(frozen=True)
class MailConfig:
    path: Path
    smtp: SmtpConfig | None = None
    imap: ImapConfig | None = None
    linkedin_free_notes: int = 5
    linkedin_premium: bool = False
    reminder_email: bool = False
    ui_language: str | None = None  # [ui] language: the language of messages and findings at the command line
    undo_seconds: int = DEFAULT_UNDO_SECONDS  # [ui] undo_seconds: how long the web UI holds a sent email back
    check_in_after_days: int = 3  # [check_ins] after_working_days
    check_in_default_days: int = 10  # [check_ins] default_working_days


def config_stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when the settings file is written (inode, size, modification time); None: no file."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    home = env.get("AFTERWORD_HOME")
    if home:
        return Path(home)
    from platformdirs import user_config_dir

    return Path(user_config_dir("afterword"))


def load_config(path: Path | None = None, environ: Mapping[str, str] | None = None) -> MailConfig:
    """Read the settings; a missing file means 'nothing configured', not an error."""
    path = path if path is not None else config_dir(environ) / CONFIG_NAME
    if not path.exists():
        return MailConfig(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(Text(f"not valid TOML: {exc}", f"geen geldige TOML: {exc}"), file=str(path)) from None
    except RecursionError:
        raise InputError(Text("values are nested too deeply", "waarden zijn te diep genest"), file=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Text(f"cannot read the settings: {exc}", f"kan de instellingen niet lezen: {exc}"),
                         file=str(path)) from None
    reader = _Reader(path)
    unknown = set(data) - {"smtp", "imap", "social", "reminders", "ui", "check_ins"}
    if unknown:
        first = sorted(unknown)[0]
        raise InputError(Text(f"unknown table `{first}`", f"onbekende tabel `{first}`"), file=str(path))
    smtp = reader.smtp(data["smtp"]) if "smtp" in data else None
    imap = reader.imap(data["imap"]) if "imap" in data else None
    social = reader.table(data, "social", {"linkedin_free_notes", "linkedin_premium"})
    reminders = reader.table(data, "reminders", {"email_to_self"})
    ui = reader.table(data, "ui", {"language", "undo_seconds"})
    ui_language = ui.get("language")
    if ui_language is not None and ui_language not in ("en", "nl"):
        raise InputError(Text("must be \"en\" or \"nl\"", "moet \"en\" of \"nl\" zijn"), file=str(path), table="ui",
                         key="language")
    undo = reader.integer(ui, "ui", "undo_seconds", DEFAULT_UNDO_SECONDS)
    if not 0 <= undo <= MAX_UNDO_SECONDS:
        raise InputError(Text(f"must be a whole number from 0 to {MAX_UNDO_SECONDS}",
                              f"moet een geheel getal van 0 tot {MAX_UNDO_SECONDS} zijn"), file=str(path), table="ui",
                         key="undo_seconds")
    check_ins = reader.table(data, "check_ins", {"after_working_days", "default_working_days"})
    days = {key: reader.integer(check_ins, "check_ins", key, default)
            for key, default in (("after_working_days", 3), ("default_working_days", 10))}
    for key, value in days.items():
        if not 0 <= value <= 60:
            raise InputError(Text("must be a whole number from 0 to 60", "moet een geheel getal van 0 tot 60 zijn"),
                             file=str(path), table="check_ins", key=key)
    notes = reader.integer(social, "social", "linkedin_free_notes", 5)
    if notes < 0:
        raise InputError(Text("must be 0 or more", "moet 0 of meer zijn"), file=str(path), table="social",
                         key="linkedin_free_notes")
    return MailConfig(
        path,
        smtp,
        imap,
        linkedin_free_notes=notes,
        linkedin_premium=reader.boolean(social, "social", "linkedin_premium", False),
        reminder_email=reader.boolean(reminders, "reminders", "email_to_self", False),
        ui_language=ui_language,
        undo_seconds=undo,
        check_in_after_days=days["after_working_days"],
        check_in_default_days=days["default_working_days"],
    )


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, table: str, key: str | None, message: Text) -> InputError:
        return InputError(message, file=str(self.path), table=table, key=key)

    def table(self, data: dict[str, Any], name: str, allowed: set[str]) -> dict[str, Any]:
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise self.error(name, None, Text("must be a table", "moet een tabel zijn"))
        if "password" in value:
            env, file = f"AFTERWORD_{name.upper()}_PASSWORD", f"`{name}.password`"
            raise self.error(name, "password", Text(
                f"passwords never go in the settings file; use the system keyring, {env} or a 0600 file {file} "
                "next to it",
                f"wachtwoorden horen nooit in het instellingenbestand; gebruik de sleutelhanger van het systeem, "
                f"{env} of een 0600-bestand {file} ernaast"))
        unknown = set(value) - allowed
        if unknown:
            raise self.error(name, sorted(unknown)[0], Text("unknown key", "onbekende sleutel"))
        return value

    def text(self, table: dict[str, Any], name: str, key: str, default: str | None = None) -> str | None:
        value = table.get(key, default)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(name, key, Text("must be a non-empty string", "moet niet-lege tekst zijn"))
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            raise self.error(name, key, Text("must not contain control characters", "mag geen stuurtekens bevatten"))
        return value.strip()

    def required(self, table: dict[str, Any], name: str, key: str) -> str:
        value = self.text(table, name, key)
        if value is None:
            raise self.error(name, key, Text("is required", "is verplicht"))
        return value

    def integer(self, table: dict[str, Any], name: str, key: str, default: int) -> int:
        value = table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(name, key, Text("must be a whole number", "moet een geheel getal zijn"))
        return value

    def boolean(self, table: dict[str, Any], name: str, key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.error(name, key, Text("must be true or false", "moet true of false zijn"))
        return value

    def number(self, table: dict[str, Any], name: str, key: str, default: float) -> float:
        value = table.get(key, default)
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise self.error(name, key, Text("must be a positive number of seconds", "moet een positief aantal seconden zijn"))
        return float(value)

    def security(self, table: dict[str, Any], name: str) -> Security:
        value = self.text(table, name, "security", "starttls" if name == "smtp" else "tls")
        try:
            return Security(value or "")
        except ValueError:
            raise self.error(name, "security", Text(f"`{value}` is not one of starttls, tls, none",
                                                    f"`{value}` is niet een van starttls, tls, none")) from None

    def port(self, table: dict[str, Any], name: str, security: Security) -> int:
        port = self.integer(table, name, "port", _DEFAULT_PORTS[name][security])
        if not 0 < port < 65536:
            raise self.error(name, "port", Text(f"{port} is not a port number (1–65535)",
                                                f"{port} is geen poortnummer (1–65535)"))
        return port

    def ca_file(self, table: dict[str, Any], name: str) -> Path | None:
        value = self.text(table, name, "ca_file")
        if value is None:
            return None
        path = (self.path.parent / value).resolve()
        if not path.is_file():
            raise self.error(name, "ca_file", Text(f"no such file: {path}", f"bestand bestaat niet: {path}"))
        return path

    def refuse_cleartext_login(self, name: str, host: str, security: Security, username: str | None) -> None:
        """A password must not cross the network unencrypted; only a server on this machine may use `none`."""
        if security is Security.NONE and username and host not in ("localhost", "127.0.0.1", "::1"):
            raise self.error(name, "security", Text(
                f"`none` would send your password to {host} unencrypted; use starttls or tls (`none` is only for "
                "a server on this machine)",
                f"`none` zou je wachtwoord onversleuteld naar {host} sturen; gebruik starttls of tls (`none` is "
                "alleen voor een server op deze computer)"))

    def smtp(self, raw: object) -> SmtpConfig:
        keys = {"host", "port", "security", "username", "from", "timeout", "ca_file", "max_per_minute"}
        table = self.table({"smtp": raw}, "smtp", keys)
        security = self.security(table, "smtp")
        sender = self.required(table, "smtp", "from")
        from afterword.delivery.mime import parse_mailbox

        try:
            parse_mailbox(sender, "from")
        except InputError as exc:
            raise self.error("smtp", "from", Text(exc.message, exc.message_in("nl"))) from None
        host = self.required(table, "smtp", "host")
        username = self.text(table, "smtp", "username")
        self.refuse_cleartext_login("smtp", host, security, username)
        per_minute = self.integer(table, "smtp", "max_per_minute", DEFAULT_MAX_PER_MINUTE)
        if not 1 <= per_minute <= 10_000:
            raise self.error("smtp", "max_per_minute", Text("must be a whole number from 1 to 10000",
                                                             "moet een geheel getal van 1 tot 10000 zijn"))
        return SmtpConfig(
            host=host,
            port=self.port(table, "smtp", security),
            security=security,
            sender=sender,
            username=username,
            timeout=self.number(table, "smtp", "timeout", 30.0),
            ca_file=self.ca_file(table, "smtp"),
            max_per_minute=per_minute,
        )

    def imap(self, raw: object) -> ImapConfig:
        keys = {"host", "port", "security", "username", "sent", "inbox", "timeout", "ca_file", "save_sent"}
        table = self.table({"imap": raw}, "imap", keys)
        security = self.security(table, "imap")
        host = self.required(table, "imap", "host")
        self.refuse_cleartext_login("imap", host, security, "login")
        return ImapConfig(
            host=host,
            port=self.port(table, "imap", security),
            security=security,
            username=self.required(table, "imap", "username"),
            sent=self.text(table, "imap", "sent"),
            inbox=self.text(table, "imap", "inbox", "INBOX") or "INBOX",
            timeout=self.number(table, "imap", "timeout", 30.0),
            ca_file=self.ca_file(table, "imap"),
            save_sent=self.boolean(table, "imap", "save_sent", True),
        )
