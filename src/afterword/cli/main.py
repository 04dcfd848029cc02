"""The `afterword` entry point: a lazy click group and the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from afterword import __version__

# name -> ("module:attribute", short help). Modules are imported only when their command runs,
# so `afterword --help` stays as fast as a bare click program.
COMMANDS: dict[str, tuple[str, str]] = {
    "draft": ("afterword.cli.draft_cmd:draft", "Draft a follow-up for every contact and channel."),
    "check": ("afterword.cli.check_cmd:check", "Check a draft (or several) against follow-up practice."),
    "plan": ("afterword.cli.plan_cmd:plan", "Who is owed a message, on which channel, by when."),
    "rules": ("afterword.cli.check_cmd:rules", "List every check rule."),
    "explain": ("afterword.cli.check_cmd:explain", "Explain one check rule: why, example, fix."),
    "import": ("afterword.cli.db_cmds:import_notes", "Store an interview from a notes file."),
    "export": ("afterword.cli.db_cmds:export", "Write a stored interview back as a notes file."),
    "list": ("afterword.cli.db_cmds:list_interviews", "Stored interviews with deadlines and coverage."),
    "show": ("afterword.cli.db_cmds:show", "One stored interview with its touchpoints."),
    "due": ("afterword.cli.db_cmds:due", "Everything still owed, most urgent first."),
    "backup": ("afterword.cli.backup_cmds:backup", "Back up the whole database to one file."),
    "restore": ("afterword.cli.backup_cmds:restore", "Replace the database with a backup."),
    "serve": ("afterword.cli.serve_cmd:serve", "Open the local web UI on 127.0.0.1."),
    "send": ("afterword.cli.delivery_cmds:send", "Send (or schedule) email follow-ups."),
    "worker": ("afterword.cli.delivery_cmds:worker", "Send what is due and poll for replies."),
    "outbox": ("afterword.cli.delivery_cmds:outbox_cmd", "Outbox messages and their state; settle unknown ones."),
    "replies": ("afterword.cli.delivery_cmds:replies", "Look for replies over IMAP once; propose check-ins."),
    "checkin": ("afterword.cli.checkin_cmds:checkin", "Check-ins after the follow-up: list, edit, send early, drop."),
    "outcome": ("afterword.cli.outcome_cmds:outcome", "How an interview ended; stops check-ins, replies gracefully."),
    "social": ("afterword.cli.delivery_cmds:social_cmd", "LinkedIn and X: text to copy, page to open, mark done."),
    "password": ("afterword.cli.delivery_cmds:password", "Store the SMTP or IMAP password (keyring or 0600 file)."),
    "remind": ("afterword.cli.interop_cmds:remind", "Reminders: iCalendar export or an email to self."),
    "invite": ("afterword.cli.interop_cmds:invite", "Start interview notes from a calendar invitation (.ics)."),
    "contacts": ("afterword.cli.interop_cmds:contacts", "Add people from business cards (.vcf) to the notes."),
}

#: Commands that compile many regular expressions (phrase lists, notes readers, templates): they start with
#: the ones `make setup` compiled ahead (`afterword.core.prepared`).
PREPARED = frozenset({"draft", "check", "plan", "import", "invite", "contacts", "serve"})


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target[0].split(":")
        if cmd_name in PREPARED:
            from afterword.core import prepared

            prepared.load()
        import importlib

        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return _not_available(cmd_name, target[1])
        command = getattr(module, attr)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, short) for name, (_, short) in COMMANDS.items()])


def _not_available(name: str, short: str) -> click.Command:
    @click.command(name, help=short, context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def stub(args: tuple[str, ...]) -> None:
        from afterword.core.errors import NotAvailableError

        raise NotAvailableError(f"`afterword {name}` is not available in this version yet")

    return stub


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="afterword")
@click.option("--db", "db_url", metavar="URL", envvar="AFTERWORD_DB", default=None,
              help="Database URL (sqlite:///… or postgresql://…); default: the user's data directory.")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None) -> None:
    """Afterword: a specific, personal follow-up for everyone you met at a job interview,
    within 24 hours, in English or Dutch."""
    ctx.ensure_object(dict)
    ctx.obj["db_url"] = db_url


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; the only place an error becomes an exit code."""
    sys.exit(run(argv))


def run(argv: list[str] | None = None) -> int:
    from afterword.core.errors import AfterwordError

    try:
        result: Any = cli.main(args=argv, prog_name="afterword", standalone_mode=False)
    except AfterwordError as exc:
        _error(exc.located())
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        _error(_click_message(exc))
        return 2
    except click.exceptions.Abort:
        _error("aborted")
        return 130
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: still one line, no traceback unless asked
        if os.environ.get("AFTERWORD_DEBUG"):
            raise
        # The first line only: a database driver's message goes on with the SQL and its parameters.
        lines = str(exc).strip().splitlines()
        said = f": {lines[0][:200]}" if lines else ""
        _error(f"internal error: {type(exc).__name__}{said} (set AFTERWORD_DEBUG=1 for details)")
        return 3
    return int(result) if isinstance(result, int) else 0


def _click_message(exc: click.ClickException) -> str:
    message = exc.format_message()
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        return f"{exc.ctx.command_path}: {message} (see `{exc.ctx.command_path} --help`)"
    return message


def _error(message: str) -> None:
    line = " ".join(message.split())
    click.echo(f"afterword: error: {line}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
