"""Letter templates (content/letters/*.yaml): reading and checking them, field by field.

Filling a template in for a parent's council is advice logic: advice/letters.py.
"""

import string
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ContentError
from .paths import CONTENT_DIR

LETTERS_DIR = CONTENT_DIR / "letters"
_TEXT_FIELDS = ("id", "title", "button", "filename", "subject", "greeting", "body")
_LIST_FIELDS = ("keywords", "law", "to")


@dataclass(frozen=True)
class LetterTemplate:
    id: str
    order: int
    title: str
    button: str
    filename: str
    keywords: tuple[str, ...]
    law: tuple[str, ...]
    to: tuple[str, ...]
    subject: str
    greeting: str
    body: str
    options_prompt: str = ""
    options: tuple[tuple[str, str], ...] = ()
    file: str = ""


def _read_template(path: Path) -> LetterTemplate:
    """One template file, checked field by field; a ContentError names the file and field."""
    name = f"content/letters/{path.name}"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ContentError(name, "(file)", f"not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ContentError(name, "(file)", "must be a mapping of fields")
    for field in _TEXT_FIELDS:
        if not isinstance(raw.get(field), str) or not raw[field].strip():
            raise ContentError(name, field, "is required and must be non-empty text")
    for field in _LIST_FIELDS:
        value = raw.get(field)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise ContentError(name, field, "is required and must be a non-empty list of text")
    if raw["id"] != path.stem:
        raise ContentError(name, "id", f"must match the file name ({path.stem!r})")
    if not isinstance(raw.get("order"), int):
        raise ContentError(name, "order", "is required and must be a whole number")
    filename = raw["filename"]
    if not filename.endswith(".txt") or "/" in filename or "\\" in filename:
        raise ContentError(name, "filename", "must be a plain file name ending in .txt")
    unknown = set(raw) - set(_TEXT_FIELDS) - set(_LIST_FIELDS) - {"order", "options"}
    if unknown:
        raise ContentError(name, sorted(unknown)[0], "is not a letter template field")
    prompt, options = "", ()
    if "options" in raw:
        opts = raw["options"]
        lines = opts.get("lines") if isinstance(opts, dict) else None
        if (
            not isinstance(lines, dict)
            or not lines
            or not all(isinstance(v, str) for v in lines.values())
        ):
            raise ContentError(name, "options.lines", "must map each choice to a line of text")
        if not isinstance(opts.get("prompt"), str):
            raise ContentError(
                name, "options.prompt", "is required text telling the parent what to keep"
            )
        prompt, options = opts["prompt"], tuple(lines.items())
    return LetterTemplate(
        id=raw["id"],
        order=raw["order"],
        title=raw["title"],
        button=raw["button"],
        filename=filename,
        keywords=tuple(k.lower() for k in raw["keywords"]),
        law=tuple(raw["law"]),
        to=tuple(raw["to"]),
        subject=raw["subject"],
        greeting=raw["greeting"],
        body=raw["body"].strip(),
        options_prompt=prompt,
        options=options,
        file=name,
    )


def load_templates(folder: Path = LETTERS_DIR) -> dict[str, LetterTemplate]:
    templates = [_read_template(p) for p in sorted(Path(folder).glob("*.yaml"))]
    return {t.id: t for t in sorted(templates, key=lambda t: t.order)}


# Placeholders a template may use besides a timescale's $<id>_period and $<id>_rule.
FILLED_IN = frozenset({"council", "council_sen_team", "options"})


def check_templates(folder: Path, timescale_ids) -> list[ContentError]:
    """Every problem in the letter templates: fields (as the conversation reads them) and
    placeholders.

    Run by `python -m knowledge check` and `load`, so a bad letter is reported with its file and
    field before it reaches a parent, like every other content file.
    """
    known = set(FILLED_IN) | {
        f"{t}{suffix}" for t in timescale_ids for suffix in ("_period", "_rule")
    }
    errors: list[ContentError] = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            template = _read_template(path)
        except ContentError as error:
            errors.append(error)
            continue
        for field, text in _texts(template):
            for match in string.Template.pattern.finditer(text):
                name = match.group("named") or match.group("braced")
                if match.group("invalid") is not None:
                    errors.append(
                        ContentError(
                            template.file, field, "a stray '$' (write $$ for a dollar sign)"
                        )
                    )
                elif name and name not in known:
                    errors.append(
                        ContentError(template.file, field, f"unknown placeholder ${name}")
                    )
    return errors


def _texts(template: LetterTemplate):
    yield from (
        ("subject", template.subject),
        ("greeting", template.greeting),
        ("body", template.body),
    )
    yield from (("to", line) for line in template.to)
    yield from (("law", item) for item in template.law)
    yield from ((f"options.lines.{key}", line) for key, line in template.options)
