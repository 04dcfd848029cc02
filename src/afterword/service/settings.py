"""The user's settings that the edges share: the interface language, the web UI's key, and the mail settings
the settings page reads and writes (config.toml and the passwords beside it), with a test message."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from afterword.core.errors import InputError
from afterword.core.model import Language
from afterword.core.text import Text
from afterword.delivery.config import DEFAULT_UNDO_SECONDS


def ui_language(option: str | None = None, environ: Mapping[str, str] | None = None) -> Language:
    """The interface language at the command line: the option, then `[ui] language` in config.toml, then the
    locale (LC_ALL, LC_MESSAGES, LANG), then English."""
    if option:
        return Language(option)
    env = os.environ if environ is None else environ
    from afterword.delivery.config import CONFIG_NAME, config_dir

    path = config_dir(env) / CONFIG_NAME
    if path.exists():
        from afterword.delivery.config import load_config

        configured = load_config(path, env).ui_language
        if configured:
            return Language(configured)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return Language.NL if value.lower().startswith("nl") else Language.EN
    return Language.EN


WEB_SECRET_NAME = "web-secret"


def web_secret(directory: Path | None = None) -> str:
    """The key that signs the web UI's form tokens, kept in the Afterword data folder (mode 0600).

    The same key after a restart keeps every open page able to save. The file is created once, with
    `O_EXCL`, so two servers starting together agree on it. When the folder cannot be written (a
    read-only home), a key for this process only is returned: the web UI then reissues tokens that no
    longer verify instead of refusing every form.
    """
    import secrets

    if directory is None:
        from afterword.store.peek import default_db_path

        directory = default_db_path().parent
    path = directory / WEB_SECRET_NAME
    try:
        existing = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        existing = ""
    if len(existing) >= 32:
        return existing
    fresh = secrets.token_urlsafe(32)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f"{WEB_SECRET_NAME}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, fresh.encode("ascii") + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temp, path)  # never replaces a key another server wrote first
        except FileExistsError:
            won = path.read_text(encoding="ascii").strip()
            if len(won) >= 32:
                os.unlink(temp)
                return won
            os.replace(temp, path)  # the file there was damaged
        else:
            os.unlink(temp)
    except OSError:
        return fresh
    return fresh


# -- the mail settings as the settings page edits them --------------------------------------------------------

FORM_TABLES = ("smtp", "imap", "social", "reminders", "ui")


@dataclass(frozen=True)
class SmtpForm:
    host: str
    port: int | None
    security: str
    username: str
    sender: str


@dataclass(frozen=True)
class ImapForm:
    host: str
    port: int | None
    security: str
    username: str
    save_sent: bool


@dataclass(frozen=True)
class SettingsForm:
    """What the settings page shows and sends back; a table whose host is empty is not set up."""

    smtp: SmtpForm | None = None
    imap: ImapForm | None = None
    linkedin_premium: bool = False
    linkedin_free_notes: int = 5
    reminder_email: bool = False
    undo_seconds: int = DEFAULT_UNDO_SECONDS


@dataclass(frozen=True)
class SettingsView:
    """The settings as they are: the form's values, where the file is, and where each password is kept
    (never the password itself). `problem` is set when the file does not read; the form then shows defaults."""

    form: SettingsForm
    path: Path
    smtp_password: str | None
    imap_password: str | None
    problem: Text | None = None


@dataclass(frozen=True)
class Saved:
    path: Path
    #: Where each password that was given went ("the file …/smtp.password"), by service.
    passwords: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TestSent:
    """A test message the SMTP server took (`ok`), or what went wrong, in both languages."""

    ok: bool
    to: str
    detail: Text


def read_settings(environ: Mapping[str, str] | None = None) -> SettingsView:
    from afterword.delivery.config import CONFIG_NAME, MailConfig, config_dir, load_config
    from afterword.delivery.secrets import find_password

    path = config_dir(environ) / CONFIG_NAME
    problem: Text | None = None
    try:
        config = load_config(path, environ)
    except InputError as exc:
        config, problem = MailConfig(path), Text(exc.located(), exc.located_in("nl"))
    smtp = config.smtp
    imap = config.imap
    form = SettingsForm(
        smtp=SmtpForm(smtp.host, smtp.port, smtp.security.value, smtp.username or "", smtp.sender) if smtp else None,
        imap=ImapForm(imap.host, imap.port, imap.security.value, imap.username, imap.save_sent) if imap else None,
        linkedin_premium=config.linkedin_premium,
        linkedin_free_notes=config.linkedin_free_notes,
        reminder_email=config.reminder_email,
        undo_seconds=config.undo_seconds,
    )

    def where(service: Literal["smtp", "imap"], username: str | None) -> str | None:
        if not username:
            return None
        try:
            found = find_password(service, username, path.parent, environ)
        except InputError:
            return None
        return found.source if found is not None else None

    return SettingsView(form, path, where("smtp", smtp.username if smtp else None),
                        where("imap", imap.username if imap else None), problem)


def parse_form(values: Mapping[str, str]) -> SettingsForm:
    """The settings page's fields (`smtp.host`, `smtp.port` …) as a form; a field that is wrong is an
    InputError whose key names it. Whether the whole makes valid settings is `save_settings`' job."""

    def text(key: str) -> str:
        return values.get(key, "").strip()

    def number(key: str, default: int | None) -> int | None:
        raw = text(key)
        if not raw:
            return default
        if not raw.isdigit() or len(raw) > 6:
            raise InputError(Text("must be a whole number", "moet een geheel getal zijn"), key=key)
        return int(raw)

    def flag(key: str) -> bool:
        return text(key) in ("on", "true", "yes", "1")

    smtp = None
    if text("smtp.host"):
        smtp = SmtpForm(text("smtp.host"), number("smtp.port", None), text("smtp.security") or "starttls",
                        text("smtp.username"), text("smtp.from"))
        if not smtp.sender:
            raise InputError(Text("is required to send email", "is nodig om e-mail te versturen"), key="smtp.from")
    imap = None
    if text("imap.host"):
        imap = ImapForm(text("imap.host"), number("imap.port", None), text("imap.security") or "tls",
                        text("imap.username"), flag("imap.save_sent"))
        if not imap.username:
            raise InputError(Text("is required to read replies", "is nodig om antwoorden te lezen"),
                             key="imap.username")
    notes = number("social.linkedin_free_notes", 5)
    undo = number("ui.undo_seconds", DEFAULT_UNDO_SECONDS)
    return SettingsForm(smtp, imap, text("social.account") == "premium", notes if notes is not None else 5,
                        flag("reminders.email_to_self"), undo if undo is not None else DEFAULT_UNDO_SECONDS)


def save_settings(form: SettingsForm, passwords: Mapping[str, str] | None = None,
                  environ: Mapping[str, str] | None = None) -> Saved:
    """Write `config.toml` with the form's values, keeping every other key and comment that is there, and
    keep each given password in the keyring (or the 0600 file beside the settings), never in the file.

    The new file is read back before it replaces the old one, so a setting that would not load is refused
    (an InputError naming `table.key`) and the old file stays. It is replaced atomically (a temporary file
    and a rename), with the old file's mode (0600 for a new one). Passwords go before the rename, so a
    worker that reloads on the change finds them."""
    import tomlkit

    from afterword.delivery.config import CONFIG_NAME, config_dir, load_config
    from afterword.delivery.secrets import store_password

    path = config_dir(environ) / CONFIG_NAME
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError):
        document = tomlkit.document()  # a file that does not read is replaced by what the page shows
    _apply(document, form)
    text = tomlkit.dumps(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = stat_mode(path)
    temp = path.with_name(f".{CONFIG_NAME}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            os.fchmod(fd, mode)
            os.write(fd, text.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            load_config(temp, environ)
        except InputError as exc:
            raise InputError(Text(exc.message, exc.message_in("nl")), file=str(path), table=exc.table,
                             key=exc.key) from None
        stored: dict[str, str] = {}
        for service, section in (("smtp", form.smtp), ("imap", form.imap)):
            secret = (passwords or {}).get(service, "")
            if not secret:
                continue
            if section is None or not section.username:
                raise InputError(Text("a password needs a username", "een wachtwoord heeft een gebruikersnaam nodig"),
                                 key=f"{service}.username")
            stored[service] = store_password(service, section.username, secret, path.parent)  # type: ignore[arg-type]
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    return Saved(path, stored)


def stat_mode(path: Path) -> int:
    """The settings file's permission bits to keep (0600 for a new file)."""
    import stat

    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o600


def _apply(document: Any, form: SettingsForm) -> None:
    """Put the form's values in the TOML document; keys the page does not show stay as they are."""
    import tomlkit

    def table(name: str) -> Any:
        if name not in document:
            document.add(name, tomlkit.table())
        return document[name]

    def put(tab: Any, key: str, value: object, default: object = None) -> None:
        if value is None or (value == default and key not in tab):
            if key in tab and value is None:
                del tab[key]
            return
        tab[key] = value

    if form.smtp is None:
        document.pop("smtp", None)
    else:
        smtp = table("smtp")
        put(smtp, "host", form.smtp.host)
        put(smtp, "port", form.smtp.port)
        put(smtp, "security", form.smtp.security, "starttls")
        put(smtp, "username", form.smtp.username or None)
        put(smtp, "from", form.smtp.sender)
    if form.imap is None:
        document.pop("imap", None)
    else:
        imap = table("imap")
        put(imap, "host", form.imap.host)
        put(imap, "port", form.imap.port)
        put(imap, "security", form.imap.security, "tls")
        put(imap, "username", form.imap.username)
        put(imap, "save_sent", form.imap.save_sent, True)
    social = table("social")
    put(social, "linkedin_premium", form.linkedin_premium, False)
    put(social, "linkedin_free_notes", form.linkedin_free_notes, 5)
    put(table("reminders"), "email_to_self", form.reminder_email, False)
    put(table("ui"), "undo_seconds", form.undo_seconds, DEFAULT_UNDO_SECONDS)
    for name in ("social", "reminders", "ui"):
        if name in document and not document[name]:
            del document[name]


def send_test_message(environ: Mapping[str, str] | None = None) -> TestSent:
    """Send one short message to the sender's own address over the SMTP settings as saved, right away
    (not through the outbox), and say what the server answered."""
    from datetime import UTC, datetime

    from afterword.delivery.config import load_config
    from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox
    from afterword.delivery.secrets import find_password
    from afterword.delivery.smtp import Outcome, SmtpSession

    config = load_config(environ=environ)
    if config.smtp is None:
        return TestSent(False, "", Text(f"SMTP is not set up in {config.path}", f"SMTP is niet ingesteld in {config.path}"))
    password: str | None = None
    if config.smtp.username:
        found = find_password("smtp", config.smtp.username, config.path.parent, environ)
        if found is None:
            return TestSent(False, "", Text("the SMTP password is not stored yet", "het SMTP-wachtwoord is nog niet bewaard"))
        password = found.value
    sender = parse_mailbox(config.smtp.sender, "from")
    message = Outgoing(
        sender=sender, to=(sender,), subject="Afterword: test message / testbericht",
        body="This message shows that Afterword can send email with these settings.\n\n"
             "Dit bericht laat zien dat Afterword met deze instellingen e-mail kan versturen.\n",
        message_id=make_message_id(sender.address.rpartition("@")[2]))
    with SmtpSession(config.smtp, password) as session:
        result = session.send(message.as_bytes(datetime.now(UTC)), sender.address, message.recipients,
                              smtputf8=message.needs_smtputf8)
    if result.outcome is Outcome.SENT:
        return TestSent(True, sender.address, Text(f"the server took it for {sender.address}",
                                                   f"de server heeft het aangenomen voor {sender.address}"))
    if result.outcome is Outcome.LOGIN:
        return TestSent(False, sender.address, Text(f"the server refused the login ({result.detail})",
                                                    f"de server weigerde de aanmelding ({result.detail})"))
    return TestSent(False, sender.address, Text(f"not sent: {result.detail}", f"niet verstuurd: {result.detail}"))


def password_username(service: Literal["smtp", "imap"], environ: Mapping[str, str] | None = None) -> str:
    """The username a password is kept under; InputError naming the table when none is set."""
    from afterword.delivery.config import load_config

    config = load_config(environ=environ)
    section = config.smtp if service == "smtp" else config.imap
    username = section.username if section is not None else None
    if not username:
        raise InputError(f"set `username` in the [{service}] table of {config.path} first", key=service)
    return username


def keep_password(service: Literal["smtp", "imap"], username: str, password: str,
                  environ: Mapping[str, str] | None = None) -> str:
    """Keep a password in the system keyring when there is one, else a 0600 file beside the settings;
    returns where it went."""
    from afterword.delivery.config import CONFIG_NAME, config_dir
    from afterword.delivery.secrets import store_password

    return store_password(service, username, password, (config_dir(environ) / CONFIG_NAME).parent)
