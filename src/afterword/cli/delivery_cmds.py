"""Mail commands: `send`, `worker`, `outbox`, `replies`, `social` (the service is imported inside each)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from afterword.cli.common import json_option, now_option, print_json, resolve_now
from afterword.core.errors import InputError
from afterword.core.model import Language
from afterword.core.outbox import OutboxState
from afterword.core.timeutil import format_moment, iso

if TYPE_CHECKING:
    from afterword.delivery.outbox import BatchReport
    from afterword.service.delivery import DeliveryService
    from afterword.service.follow_through import FollowItem
    from afterword.store.outbox import OutboxRow


def _db_url() -> str | None:
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return obj.get("db_url") if isinstance(obj, dict) else None


@contextmanager
def _delivery() -> Iterator[DeliveryService]:
    from afterword.service.delivery import DeliveryService
    from afterword.service.interviews import open_service

    interviews = open_service(_db_url())
    try:
        yield DeliveryService(interviews)
    finally:
        interviews.close()


def _id(text: str, key: str = "ID") -> int:
    value = text.strip()
    if not value.isdigit() or len(value) > 12:
        raise InputError(f"`{text}` is not an id; ids are numbers", key=key)
    return int(value)


def _say(message: str) -> None:
    click.echo(message, err=True)


def _tell_password_source(service: DeliveryService, which: str) -> None:
    found = service.password(which)  # type: ignore[arg-type]
    if found is not None:
        _say(f"{which.upper()} password from {found.source}")


def _pause_for_rate(seconds: float) -> None:
    import time

    _say(f"waiting {seconds:.0f} s: the send-rate limit ([smtp] max_per_minute) is reached")
    time.sleep(seconds)


def row_json(row: OutboxRow) -> dict[str, Any]:
    return {
        "id": row.id, "state": row.state, "kind": row.kind, "interview": row.interview_id, "contact": row.contact,
        "to": [r[0] for r in row.recipients], "subject": row.subject, "message_id": row.message_id,
        "send_at": iso(row.send_at), "sent_at": iso(row.sent_at) if row.sent_at else None,
        "attempts": row.attempts, "error": row.last_error, "refused": row.refused,
        "replied_at": iso(row.replied_at) if row.replied_at else None,
    }


def _report_lines(report: BatchReport) -> list[str]:
    lines = [f"sent      message {i}" for i in report.sent]
    lines += [f"retry     message {i}: {d}" for i, d in report.retry]
    lines += [f"failed    message {i}: {d}" for i, d in report.failed]
    lines += [f"unknown   message {i}: {d} — check your Sent folder, then "
              f"`afterword outbox --resolve {i} sent|not-sent`" for i, d in report.unknown]
    return lines


@click.command("send")
@click.argument("interview_id", metavar="ID")
@click.option("--contact", "contacts", multiple=True, metavar="C", help="Only this contact (repeatable).")
@click.option("--at", "at_text", metavar="T", help="Send at this time (ISO 8601 with offset) instead of now.")
@click.option("--suggest", is_flag=True, help="Schedule at the suggested time: office hours, inside 24 hours.")
@click.option("--dry-run", is_flag=True, help="Print the MIME messages; queue and send nothing.")
@click.option("--force", is_flag=True, help="Send without running the checker (which blocks on errors).")
@click.option("--rejection-reply", "rejection_reply", is_flag=True,
              help="Send the stored reply to a rejection (see `afterword outcome`) instead of the follow-ups.")
@now_option
@json_option
def send(interview_id: str, contacts: tuple[str, ...], at_text: str | None, suggest: bool, dry_run: bool,
         force: bool, rejection_reply: bool, now_text: str | None, as_json: bool) -> int:
    """Send the email drafts of stored interview ID now, or schedule them (--at, --suggest); with
    --rejection-reply, the stored reply to a rejection, the same way."""
    from afterword.core.outbox import MessageKind
    from afterword.core.timeutil import parse_instant

    if at_text and suggest:
        raise InputError("use either --at or --suggest, not both", key="--at")
    if rejection_reply and suggest:
        raise InputError("--suggest is for follow-ups (office hours inside 24 hours); give --at or send now",
                         key="--suggest")
    kind = MessageKind.REJECTION_REPLY if rejection_reply else MessageKind.FOLLOW_UP
    ident = _id(interview_id)
    now = resolve_now(now_text)
    with _delivery() as service:
        if dry_run:
            for _, message in service.email_messages(ident, contacts, preview=True, kind=kind):
                sys.stdout.write(message.build(now).as_string() + "\n")
            return 0
        from afterword.service.sending import SendResult, send_emails

        send_at: datetime | None = None
        if at_text:
            send_at = parse_instant(at_text, option="--at")
        elif suggest:
            suggestion = service.suggest(ident, now)
            send_at = suggestion.at
            _say(f"suggested {iso(suggestion.at)}: {suggestion.reason}")
        if send_at is None or send_at <= now:
            _tell_password_source(service, "smtp")
        outcome = send_emails(service, ident, contacts, at=send_at, now=now, force=force, pause=_pause_for_rate,
                              kind=kind)
        for contact, found in outcome.late.items():  # late is better than never: shown, not blocking
            for f in found:
                _say(f"{contact}: warning: {f.message}")
        if outcome.result is SendResult.BLOCKED:
            for contact, errors in outcome.blocking.items():
                for f in errors:
                    _say(f"{contact}: error {f.code}: {f.message}")
            _say("not sent: fix the drafts or use --force")
            return 1
        if outcome.after_deadline and outcome.send_at is not None:
            deadline = service.interviews.get_interview(ident)[0].deadline
            _say(f"afterword: warning: {iso(outcome.send_at)} is after the 24-hour deadline {iso(deadline)}")
        report = outcome.report
        if outcome.result is SendResult.LOGIN_REFUSED:
            assert report is not None
            for line in _report_lines(report):
                click.echo(line)
            raise service.login_refused_error(report)
        for warning in report.warnings if report is not None else []:
            _say(f"afterword: warning: {warning}")
        if as_json:
            print_json({"messages": [row_json(r) for r in outcome.rows]})
        elif report is not None:
            for line in _report_lines(report):
                click.echo(line)
        else:
            zone = outcome.send_at.tzinfo if outcome.send_at else None
            for r in outcome.rows:
                click.echo(f"scheduled message {r.id} to {r.recipients[0][0]} at {iso(r.send_at.astimezone(zone))}"
                           " — `afterword worker` sends it")
        return 1 if outcome.result is SendResult.FAILED else 0


@click.command("worker")
@click.option("--once", is_flag=True, help="One pass (send what is due, poll replies), then exit.")
@click.option("--interval", type=click.FloatRange(min=0.1), default=60.0, show_default=True, metavar="S",
              help="Seconds between passes.")
@click.option("--status", "status", is_flag=True,
              help="Report whether a worker runs on this database and how its last pass went (exit 1 if not well).")
@json_option
def worker(once: bool, interval: float, status: bool, as_json: bool) -> int:
    """Send scheduled messages when due and notice replies; stops on Ctrl-C or SIGTERM.

    A pass that fails (the database or a mail server away, a full disk) is reported and the next one
    waits longer, up to 10 minutes; the worker keeps going until it is stopped."""
    import signal

    if status:
        return _worker_status(as_json)
    if as_json:
        raise InputError("--json goes with --status", key="--json")
    with _delivery() as service:
        _tell_password_source(service, "smtp")
        _tell_password_source(service, "imap")
        runner = service.worker()

        def stop(_signum: int, _frame: Any) -> None:
            runner.stop.set()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            def show(report: Any) -> None:
                for line in _report_lines(report.batch):
                    click.echo(line)
                for rid, state in report.recovered:
                    click.echo(f"recovered message {rid}: {state}")
                for note in report.notes:
                    click.echo(note)
                for error in report.errors:
                    _say(f"afterword: warning: {error}")
                if report.fault is not None:
                    _say(f"afterword: warning: the worker's pass failed: {report.fault}; trying again")

            if once:
                show(runner.cycle())
            else:
                runner.run(interval, show)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    return 0


def _worker_status(as_json: bool) -> int:
    from afterword.core.errors import AfterwordError
    from afterword.service.background import worker_status

    workers = worker_status(_db_url())
    stuck: list[OutboxRow] = []
    problem: str | None = None
    try:
        with _delivery() as service:
            stuck = service.attention()
    except AfterwordError as exc:  # the database is away: the workers' own reports still say why
        problem = exc.located()
    if as_json:
        print_json({"workers": [{**w.health.to_json(), "alive": w.alive, "healthy": w.healthy} for w in workers],
                    "attention": [row_json(r) for r in stuck], "database_error": problem})
    else:
        if problem is not None:
            _say(f"afterword: warning: {problem}")
        if not workers:
            click.echo("No worker has run on this database: start one with `afterword worker` or `afterword serve`.")
        for w in workers:
            h = w.health
            head = f"worker {h.pid} on {h.host}"
            last = iso(h.last_pass_at) if h.last_pass_at else "none yet"
            if not w.alive:
                how = "stopped" if h.state == "stopped" else "is gone (it did not stop cleanly)"
                click.echo(f"{head}: {how}; last pass {last}")
                continue
            if h.failures:
                click.echo(f"{head}: running, but its last {h.failures} pass(es) failed: {h.fault}; "
                           f"next try {iso(h.next_pass_at) if h.next_pass_at else 'soon'}")
            else:
                click.echo(f"{head}: running; last pass {last}" + (", ok" if not h.errors else ""))
            for error in h.errors:
                click.echo(f"  warning: {error}")
        for r in stuck:
            click.echo(f"outbox message {r.id} to {r.recipients[0][0]} is {r.state}: {r.last_error or ''}".rstrip(": "))
    return 0 if any(w.healthy for w in workers) and not stuck and problem is None else 1


@click.command("outbox")
@click.option("--state", "states", multiple=True,
              type=click.Choice([str(s) for s in OutboxState]), help="Only these states.")
@click.option("--resolve", "resolve", nargs=2, metavar="ID sent|not-sent",
              help="Settle an `unknown` message: it was sent (found it) or was not (send again).")
@now_option
@json_option
def outbox_cmd(states: tuple[str, ...], resolve: tuple[str, str] | None, now_text: str | None,
               as_json: bool) -> int:
    """Messages in the outbox and their state; settle `unknown` ones."""
    with _delivery() as service:
        if resolve:
            row_id, verdict = _id(resolve[0], "--resolve"), resolve[1].strip().lower()
            if verdict not in ("sent", "not-sent"):
                raise InputError(f"`{resolve[1]}` must be sent or not-sent", key="--resolve")
            row = service.resolve(row_id, verdict == "sent", resolve_now(now_text))
            if as_json:
                print_json(row_json(row))
            else:
                click.echo(f"message {row.id} is now {row.state}")
            return 0
        rows = service.outbox(states)
        if as_json:
            print_json({"messages": [row_json(r) for r in rows]})
            return 0
        if not rows:
            click.echo("The outbox is empty.")
        for r in rows:
            extra = f" — {r.last_error}" if r.last_error else ""
            click.echo(f"{r.id:>5}  {r.state:<8} {iso(r.send_at)}  {r.recipients[0][0]}  {r.subject}{extra}")
        return 0


@click.command("replies")
@now_option
@json_option
def replies(now_text: str | None, as_json: bool) -> int:
    """Look in the IMAP inbox once for replies; propose check-ins where the decision date passed."""
    now = resolve_now(now_text)
    with _delivery() as service:
        _tell_password_source(service, "imap")
        poll = service.read_replies(now)
        found = poll.replies
        proposals = service.check_ins(now)
        if as_json:
            print_json({
                "replies": [{"id": row.id, "interview": row.interview_id, "contact": row.contact,
                             "reply_message_id": mid} for row, mid in found],
                "check_ins_cancelled": [{"interview": s.interview_id, "contact": s.contact, "count": s.count,
                                         "reply_message_id": s.reply_message_id} for s in poll.stopped],
                "check_ins": [{"interview": p.interview_id, "contact": p.contact, "decision_date": p.decided,
                               "subject": p.draft.subject, "body": p.draft.body,
                               "findings": [f.to_json() for f in p.findings]} for p in proposals],
            })
            return 0
        for row, _ in found:
            click.echo(f"reply from {row.recipients[0][0]} to “{row.subject}” (interview {row.interview_id})")
        if not found:
            click.echo("No new replies.")
        for s in poll.stopped:
            click.echo(f"{s.name} replied: {s.count} pending check-in(s) cancelled (interview {s.interview_id})")
        for p in proposals:
            click.echo(f"\nNo reply since the decision date {p.decided}: a check-in for {p.contact} "
                       f"(interview {p.interview_id})\nSubject: {p.draft.subject}\n\n{p.draft.body}")
        return 0


@click.command("social")
@click.argument("interview_id", metavar="ID")
@click.option("--done", nargs=2, metavar="CONTACT CHANNEL", help="Mark the LinkedIn note or X post as sent.")
@click.option("--followed", nargs=2, metavar="WHO NETWORK",
              help="Mark a follow step done: a contact id (or `org`) and linkedin or x. Not a LinkedIn note.")
@click.option("--open", "open_pages", is_flag=True, help="Open the pages in the browser.")
@click.option("--x-public", "x_public", multiple=True, metavar="CONTACT",
              help="Prepare a public X post mentioning CONTACT instead of follow/DM (everyone can see it).")
@click.option("--yes", "confirmed", is_flag=True, help="With --x-public: the warning was read; prepare the post.")
@click.option("--ui-language", "ui_language_text", type=click.Choice(["en", "nl"]), default=None,
              help="Language of what is said; default: the interview's language (as `plan` and `show`).")
@now_option
@json_option
def social_cmd(interview_id: str, done: tuple[str, str] | None, followed: tuple[str, str] | None, open_pages: bool,
               x_public: tuple[str, ...], confirmed: bool, ui_language_text: str | None, now_text: str | None,
               as_json: bool) -> int:
    """LinkedIn and X: the text to copy, the page to open, this month's LinkedIn note count, and who to
    follow (each person with a profile or handle, and the organisation's pages when the notes give them).

    X is private by default: follow them, plus a direct message where the notes say their DMs are open
    (`x_dm = true`); a public post only with --x-public, after a warning."""
    from afterword.service.social import public_post_warning

    ident = _id(interview_id)
    now = resolve_now(now_text)
    with _delivery() as service:
        # Like `plan` and `show`: in the interview's language, unless --ui-language says otherwise.
        lang = Language(ui_language_text) if ui_language_text else \
            service.interviews.get_interview(ident)[0].effective_language
        said = _SOCIAL[lang]
        public_warning = None
        if x_public:
            public_warning = public_post_warning(service.interviews.get_interview(ident)[0].company, lang)
            if not confirmed:
                if not sys.stdin.isatty() or as_json:
                    raise InputError(f"{public_warning} ({said['yes']})", key="--x-public")
                if not click.confirm(f"{public_warning}. {said['continue']}", default=False, err=True):
                    return 1
        if done:
            warning = service.mark_social_done(ident, done[0], done[1].strip().lower(), now)
            if as_json:
                print_json({"done": {"contact": done[0], "channel": done[1]}, "warning": warning})
            else:
                click.echo(said["marked"].format(channel=done[1], contact=done[0]))
                if warning:
                    _say(f"afterword: {said['warning']}: {warning}")
            return 0
        from afterword.service.follow_through import FollowThrough

        follow = FollowThrough(service.interviews)
        if followed:
            target = ORGANISATION if followed[0].strip().lower() in ("org", ORGANISATION) else followed[0].strip()
            item = follow.mark_followed(ident, target, followed[1], now)
            if as_json:
                print_json({"followed": follow_json(item)})
            else:
                click.echo(follow_line(item, lang))
            return 0
        follows = follow.follow_items(ident)
        items = service.social_items(ident, x_public)
        used = service.linkedin_notes_used(now)
        if as_json:
            print_json({
                "items": [{"contact": i.action.contact, "name": i.name, "channel": str(i.action.channel),
                           "status": str(i.status), "text": i.action.text, "length": i.action.length,
                           "limit": i.action.limit, "trimmed": i.action.trimmed, "open_url": i.action.open_url,
                           "profile_url": i.action.profile_url, "step": i.action.step,
                           **({"public_warning": public_warning} if i.action.step == "public" else {})}
                          for i in items],
                "linkedin_notes_this_month": used, "allowance": service.config.linkedin_free_notes,
                "warning": service.allowance_warning(now), "follow": [follow_json(f) for f in follows],
            })
            return 0
        if not items:
            click.echo(said["none"])
        for i in items:
            trimmed = f" ({said['trimmed']})" if i.action.trimmed else ""
            step = f"\n  {said['step']}: {said[i.action.step]}" if i.action.step in _STEPS else ""
            click.echo(f"{i.name} — {i.action.channel} [{said.get(str(i.status), str(i.status))}] "
                       f"{i.action.length}/{i.action.limit}{trimmed}{step}\n"
                       f"  {said['open']}: {i.action.open_url}\n  {i.action.text}\n")
            if open_pages and i.status not in ("sent", "replied", "skipped"):
                import webbrowser

                webbrowser.open(i.action.open_url)
        if follows:
            from afterword.cli.plan_cmd import follow_heading

            click.echo(follow_heading(lang))
            for f in follows:
                click.echo("  " + follow_line(f, lang))
        click.echo(said["count"].format(used=used, allowance=service.config.linkedin_free_notes))
        warning = service.allowance_warning(now, lang)
        if warning:
            _say(f"afterword: {said['warning']}: {warning}")
        return 0


_STEPS = ("follow", "dm", "public")

#: Every line `social` prints, in both languages (the --json keys and values are the contract and stay).
_SOCIAL: dict[Language, dict[str, str]] = {
    Language.EN: {
        "none": "No LinkedIn or X drafts for this interview yet.",
        "follow": "follow them (their DMs are not open to you; `x_dm = true` in the notes when they are)",
        "dm": "follow them, then send this as a direct message",
        "public": "a public post: everyone can see it",
        "step": "step", "open": "open", "trimmed": "shortened to fit",
        "count": "Personalised LinkedIn notes this month: {used} of {allowance}",
        "marked": "marked {channel} to {contact} as sent",
        "warning": "warning",
        "yes": "add --yes to prepare the public post anyway",
        "continue": "Continue?",
    },
    Language.NL: {
        "none": "Nog geen LinkedIn- of X-concepten voor dit gesprek.",
        "follow": "volg hen (hun DM's staan niet voor je open; zet `x_dm = true` in de notities als dat wel zo is)",
        "dm": "volg hen en stuur dit daarna als direct bericht",
        "public": "een openbaar bericht: iedereen kan het zien",
        "step": "stap", "open": "openen", "trimmed": "ingekort om te passen",
        "count": "Persoonlijke LinkedIn-notities deze maand: {used} van {allowance}",
        "marked": "{channel} aan {contact} gemarkeerd als verstuurd",
        "warning": "waarschuwing",
        "yes": "voeg --yes toe om het openbare bericht toch voor te bereiden",
        "continue": "Doorgaan?",
        "drafted": "opgesteld", "edited": "bewerkt", "scheduled": "gepland", "sent": "verstuurd",
        "replied": "beantwoord", "skipped": "overgeslagen",
    },
}


ORGANISATION = "@organisation"  # service.follow_through.ORGANISATION, without importing the service here


def follow_json(item: FollowItem) -> dict[str, Any]:
    return {"who": "org" if item.step.is_organisation else item.step.target, "name": item.step.name,
            "network": str(item.step.network), "open_url": item.step.url, "done": item.done,
            "done_at": iso(item.done_at) if item.done_at else None}


def follow_line(item: FollowItem, language: Language) -> str:
    """One follow step, in the user's language: who, where, the page, done or not (and how to mark it)."""
    from afterword.cli.plan_cmd import follow_step_text

    nl = language is Language.NL
    who = "org" if item.step.is_organisation else item.step.target
    if item.done_at is not None:
        state = f"gevolgd op {format_moment(item.done_at, language)}" if nl else \
            f"followed {format_moment(item.done_at, language)}"
    else:
        state = f"te doen: --followed {who} {item.step.network}" if nl else f"to do: --followed {who} {item.step.network}"
    return f"{follow_step_text(item.step, language)} [{state}]"


@click.command("password")
@click.argument("service_name", metavar="smtp|imap", type=click.Choice(["smtp", "imap"]))
@click.option("--stdin", "from_stdin", is_flag=True, help="Read the password from standard input (one line).")
def password(service_name: str, from_stdin: bool) -> int:
    """Store the SMTP or IMAP password: in the system keyring when there is one, else a 0600 file."""
    from afterword.service.settings import keep_password, password_username

    username = password_username(service_name)  # type: ignore[arg-type]
    if from_stdin:
        secret = sys.stdin.readline().rstrip("\r\n")
    else:
        secret = click.prompt(f"{service_name.upper()} password for {username}", hide_input=True)
    where = keep_password(service_name, username, secret)  # type: ignore[arg-type]
    click.echo(f"{service_name.upper()} password stored in {where}")
    return 0
