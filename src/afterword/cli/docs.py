"""Generate docs/cli.md from the commands' own help, so the reference never drifts from the code."""

from __future__ import annotations

import sys

import click

from afterword.cli.main import COMMANDS, cli

HEADER = """# Command reference

Generated from the code by `python -m afterword.cli.docs > docs/cli.md`; a test fails when this file
is stale. The contract for scripts (commands, `--json` shapes, exit codes) is described in the
project's CLI specification: exit `0` success, `1` the command worked and found errors, `2` bad input
or usage, always with one line on stderr that names the file, line and key where they apply.
"""


def render() -> str:
    parts = [HEADER]
    # The same help option names as the real entry point: click caches the help option per command,
    # so a context built differently would render differently depending on what ran first.
    ctx = click.Context(cli, info_name="afterword", terminal_width=100, max_content_width=100,
                        help_option_names=["-h", "--help"])
    parts.append("## `afterword`\n\n```text\n" + cli.get_help(ctx) + "\n```\n")
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        if command is None:  # pragma: no cover - every name in COMMANDS resolves
            continue
        sub = click.Context(command, info_name=name, parent=ctx, terminal_width=100, max_content_width=100,
                            help_option_names=["-h", "--help"])
        parts.append(f"## `afterword {name}`\n\n```text\n{command.get_help(sub)}\n```\n")
    return "\n".join(parts)


def main() -> None:
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
