"""Letter templates (content/letters/*.yaml): reading and checking them, field by field.

Filling a template in for a parent's council is advice logic: advice/letters.py.
"""
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Tuple

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
    keywords: Tuple[str, ...]
    law: Tuple[str, ...]
    to: Tuple[str, ...]
    subject: str
    greeting: str
    body: str
    options_prompt: str = ""
    options: Tuple[Tuple[str, str], ...] = ()
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
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
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
        if not isinstance(lines, dict) or not lines or not all(isinstance(v, str) for v in lines.values()):
            raise ContentError(name, "options.lines", "must map each choice to a line of text")
        if not isinstance(opts.get("prompt"), str):
            raise ContentError(name, "options.prompt", "is required text telling the parent what to keep")
        prompt, options = opts["prompt"], tuple(lines.items())
    return LetterTemplate(
        id=raw["id"], order=raw["order"], title=raw["title"], button=raw["button"], filename=filename,
        keywords=tuple(k.lower() for k in raw["keywords"]), law=tuple(raw["law"]), to=tuple(raw["to"]),
        subject=raw["subject"], greeting=raw["greeting"], body=raw["body"].strip(),
        options_prompt=prompt, options=options, file=name)


def load_templates(folder: Path = LETTERS_DIR) -> Dict[str, LetterTemplate]:
    templates = [_read_template(p) for p in sorted(Path(folder).glob("*.yaml"))]
    return {t.id: t for t in sorted(templates, key=lambda t: t.order)}
