"""Text-mode Jinja: templates and phrase files per language and channel; notes text only ever as values.

Wording lives in `templates/<lang>/<channel>.j2` (the layout of a message) and
`templates/<lang>/<channel>.toml` plus `common.toml` (phrases with variants). A user folder
overrides templates by file name and phrases key by key. Notes text is passed to `render()` as
values and is never compiled, so `{{ }}`, `{% %}` or HTML in the notes come out literally.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
)

from afterword.compose.wording import upper_first
from afterword.core.errors import InputError
from afterword.core.model import Language

BUILTIN = Path(__file__).resolve().parent / "templates"


def variant_index(seed: str, key: str, count: int, offset: int = 0) -> int:
    """A stable choice among `count` variants: the same interview and person always get the same one.

    `offset` (the person's place in the notes) makes neighbours in one interview differ."""
    digest = hashlib.blake2b(f"{seed}\x1f{key}".encode(), digest_size=8).digest()
    return (int.from_bytes(digest, "big") + offset) % count


class Voice:
    """The templates and phrases of the built-in folder, optionally overridden by a user folder."""

    def __init__(self, user_dir: Path | None) -> None:
        if user_dir is not None and not user_dir.is_dir():
            raise InputError(f"template folder `{user_dir}` does not exist", key="--templates")
        self.user_dir = user_dir
        loaders = [FileSystemLoader(str(user_dir))] if user_dir is not None else []
        loaders.append(FileSystemLoader(str(BUILTIN)))
        self.env = Environment(
            loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=False,
            trim_blocks=False, lstrip_blocks=True, keep_trailing_newline=False,
        )
        self.env.filters["capitalize_first"] = upper_first
        self._phrases: dict[tuple[Language, str], dict[str, list[Phrase]]] = {}
        self._templates: dict[str, Template] = {}

    def phrases(self, lang: Language, name: str) -> dict[str, list[Phrase]]:
        key = (lang, name)
        if key not in self._phrases:
            builtin = _flatten(_read_toml(path)) if (path := BUILTIN / str(lang) / f"{name}.toml").is_file() else {}
            user: dict[str, list[str]] = {}
            if self.user_dir is not None and (path := self.user_dir / str(lang) / f"{name}.toml").is_file():
                user = _flatten(_read_toml(path))
            where = f"{lang}/{name}.toml"
            self._phrases[key] = {k: [Phrase(self, v, where, k) for v in vs] for k, vs in {**builtin, **user}.items()}
            for k in user:  # the user's own phrases compile at once, so a mistake there shows whichever is used
                for phrase in self._phrases[key][k]:
                    phrase.template()
        return self._phrases[key]

    def has(self, lang: Language, name: str, key: str) -> bool:
        return key in self.phrases(lang, name) or key in self.phrases(lang, "common")

    def pick(self, lang: Language, name: str, key: str, seed: str, values: Mapping[str, Any],
             offset: int = 0) -> str:
        """Render one variant of the phrase `key` (from `<name>.toml`, else `common.toml`)."""
        variants = self.phrases(lang, name).get(key) or self.phrases(lang, "common").get(key)
        if not variants:
            raise InputError(f"no phrase `{key}` in {lang}/{name}.toml or {lang}/common.toml", key="--templates")
        template = variants[variant_index(seed, key, len(variants), offset)]
        try:
            return " ".join(template.render(values).split())
        except TemplateError as exc:
            raise InputError(f"phrase `{key}` in {lang}/{name}.toml: {exc}", key="--templates") from None

    def render(self, lang: Language, name: str, values: Mapping[str, Any]) -> str:
        """Render the layout `<lang>/<name>.j2` and tidy blank lines and trailing spaces."""
        path = f"{lang}/{name}.j2"
        try:
            if path not in self._templates:
                self._templates[path] = self.env.get_template(path)
            text = self._templates[path].render(values)
        except TemplateNotFound:
            raise InputError(f"template `{path}` not found", key="--templates") from None
        except TemplateError as exc:
            raise InputError(f"template `{path}`: {exc}", key="--templates") from None
        return tidy(text)

    def _compile(self, source: str, where: str, key: str) -> Template:
        try:
            return self.env.from_string(source)
        except TemplateError as exc:
            raise InputError(f"phrase `{key}` in {where}: {exc}", key="--templates") from None


class Phrase:
    """One variant of a phrase, compiled when first rendered: a draft uses a few of the many variants.

    Most variants are text with `{{ name }}` in it and nothing else; those are filled in directly, as Jinja
    would (`str` of the value), without compiling a template (about 1 ms each, 40 of them in a draft)."""

    __slots__ = ("_key", "_parts", "_source", "_template", "_voice", "_where")

    def __init__(self, voice: Voice, source: str, where: str, key: str) -> None:
        self._voice, self._source, self._where, self._key = voice, source, where, key
        self._template: Template | None = None
        self._parts: tuple[str, ...] | None = _plain_parts(source)

    def template(self) -> Template:
        if self._template is None:
            self._template = self._voice._compile(self._source, self._where, self._key)
        return self._template

    def render(self, values: Mapping[str, Any]) -> str:
        parts = self._parts
        if parts is not None and all(name in values for name in parts[1::2]):
            return "".join(part if i % 2 == 0 else str(values[part]) for i, part in enumerate(parts))
        return self.template().render(values)  # a missing name: Jinja's StrictUndefined says which


_NAME_TAG = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def _plain_parts(source: str) -> tuple[str, ...] | None:
    """Text and names in turn when `source` is text with only `{{ name }}` tags in it (no blocks, filters,
    comments or line breaks, no other brace), else None (a template for Jinja)."""
    if "\n" in source or "\r" in source:
        return None
    parts = tuple(_NAME_TAG.split(source))
    if any("{" in text or "}" in text for text in parts[0::2]) or _JINJA_WORDS.intersection(parts[1::2]):
        return None
    return parts


#: Names that are constants or operators to Jinja, not variables.
_JINJA_WORDS = frozenset({"true", "false", "none", "True", "False", "None", "and", "or", "not", "in", "is", "if",
                          "else", "elif", "for", "endfor", "endif", "recursive", "with", "without", "import"})


_DOUBLE_STOP = re.compile(r"([?!])([’”\"'»)]?)\.(?=\s|$)")


def tidy(text: str) -> str:
    """Blank lines and trailing spaces tidied; no full stop after a quoted question ("…omlaag?’.")."""
    text = _DOUBLE_STOP.sub(r"\1\2", text)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read phrases: {exc}", file=str(path)) from None


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in data.items():
        full = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, full + "."))
        elif isinstance(value, str):
            out[full] = [value]
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            out[full] = list(value)
    return out


@cache
def voice(user_dir: Path | None = None) -> Voice:
    """One Voice per template folder, built once (templates compile lazily and are cached)."""
    return Voice(user_dir.resolve() if user_dir is not None else None)
