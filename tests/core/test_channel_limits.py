"""Channel limits live once, on `core.model.Channel`, and everything else reads them from there."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from afterword.core.model import Channel

SRC = Path(__file__).resolve().parents[2] / "src" / "afterword"
HOME = SRC / "core" / "model.py"
#: The numbers of the channel limits (a LinkedIn note on a free and on a Premium account, an X post).
NUMBERS = frozenset({200, 300, 280})
LIMIT_NAME = re.compile(r"limit", re.IGNORECASE)


def test_every_channel_with_a_limit_reports_it() -> None:
    assert Channel.LINKEDIN.limit() == 200
    assert Channel.LINKEDIN.limit(premium=True) == 300
    assert Channel.X.limit() == 280
    assert Channel.X.limit(premium=True) == 280  # Premium is a LinkedIn account type; X counts the same
    assert Channel.EMAIL.limit() is None
    for channel in Channel:
        limit = channel.limit()
        if limit is None:
            with pytest.raises(ValueError, match="no character limit"):
                channel.note_limit()
        else:
            assert channel.note_limit() == limit


def test_the_edges_show_the_channels_limits() -> None:
    """A card's counter, copy-and-open, the checker and the composer all read `Channel.limit`."""
    from afterword.check.rules import over_limit
    from afterword.core.model import Contact, Draft, Language, TouchpointStatus
    from afterword.delivery import social
    from afterword.service.views import Card

    ann = Contact(id="ann", name="Ann", email="ann@example.com", linkedin="ann", x="ann")
    for c in Channel:
        card = Card(ann, c, TouchpointStatus.DRAFTED, Language.EN, None, "Hi Ann.", 1, ())
        assert card.limit == c.limit()
    for channel in (Channel.LINKEDIN, Channel.X):
        draft = Draft("ann", channel, Language.EN, "Hi Ann.")
        for premium in (False, True):
            assert social.prepare(ann, draft, premium=premium).limit == channel.limit(premium=premium)
    assert f"LinkedIn {Channel.LINKEDIN.limit()} tekens" in over_limit.RULE.summary[Language.NL]


def _second_definitions(source: str, where: str) -> list[str]:
    """Places in a module's `source` that define a channel limit of their own rather than asking the channel."""
    tree = ast.parse(source)
    found: list[str] = []

    def numbers(node: ast.AST | None) -> bool:
        return node is not None and any(
            isinstance(n, ast.Constant) and type(n.value) in (int, str) and str(n.value) in {str(x) for x in NUMBERS}
            for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and (node.value == 280 or node.value in {"200", "300", "280"}):
            found.append(f"{where}:{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else ""
                     for t in targets]
            if any(LIMIT_NAME.search(name) for name in names) and numbers(node.value):
                found.append(f"{where}:{node.lineno}: {', '.join(names)} =")
        elif isinstance(node, ast.arguments):
            params = [*node.posonlyargs, *node.args]
            pairs = [*zip(params[len(params) - len(node.defaults):], node.defaults, strict=True),
                     *((a, d) for a, d in zip(node.kwonlyargs, node.kw_defaults, strict=True) if d is not None)]
            found += [f"{where}:{arg.lineno}: {arg.arg}=" for arg, default in pairs
                      if LIMIT_NAME.search(arg.arg) and numbers(default)]
        elif isinstance(node, ast.keyword) and node.arg and LIMIT_NAME.search(node.arg) and numbers(node.value):
            found.append(f"{where}:{node.lineno}: {node.arg}=")
        elif isinstance(node, ast.Dict) and any(
                isinstance(k, ast.Attribute) and isinstance(k.value, ast.Name) and k.value.id == "Channel"
                for k in node.keys) and numbers(ast.Tuple(elts=list(node.values))):
            found.append(f"{where}:{node.lineno}: a channel → number table")
        elif isinstance(node, ast.Compare) and numbers(node):
            found.append(f"{where}:{node.lineno}: a length compared with a limit's number")
    return found


def test_no_second_definition_of_a_channel_limit() -> None:
    found = [hit for path in sorted(SRC.rglob("*.py")) if path != HOME
             for hit in _second_definitions(path.read_text(encoding="utf-8"), path.relative_to(SRC).as_posix())]
    assert found == []


def test_no_template_writes_a_limit_of_its_own() -> None:
    """Pages get the numbers from the channel (the settings page's 'notes up to 200 characters')."""
    templates = SRC / "web" / "templates"
    found = [f"{path.name}:{number}" for path in sorted(templates.rglob("*.html"))
             for number in re.findall(r"\b(?:200|300|280)\b", path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("source", [
    "X_LIMIT = 280",
    "LIMITS = {Channel.LINKEDIN: 200, Channel.X: 999}",
    "LINKEDIN_PREMIUM_LIMIT: int = 300",
    "def f(linkedin_limit: int = 200): ...",
    "f(linkedin_limit=300)",
    "click.Choice(['200', '300'])",
    "too_long = len(body) > 200",
])
def test_the_scan_finds_a_second_definition(source: str) -> None:
    assert _second_definitions(source, "probe.py") != []


def test_the_scan_passes_reading_the_channel() -> None:
    source = "def f(linkedin_limit: int = Channel.LINKEDIN.note_limit()):\n    return len(body) > Channel.X.limit()\n"
    assert _second_definitions(source, "probe.py") == []
