"""The project's own copy of the source material (../shared), and where it differs from it.

Everything the assistant states must trace to these documents, so the project keeps a copy
(`knowledge/reference/`, plus the council list the loader reads in `knowledge/content/national/`):
a clone with nothing beside it still builds and tests. `../shared` is checked against the law and
corrected over time; `differences()` shows where the copy has fallen behind.
"""

import filecmp
from pathlib import Path

from .paths import CONTENT_DIR, PACKAGE_DIR

REFERENCE_DIR = PACKAGE_DIR / "reference"
DEFAULT_SHARED_DIR = PACKAGE_DIR.parent.parent / "shared"
# The shared files the project does not use (the developers' session hooks).
NOT_COPIED = ("hooks/", "README.md")
# Shared files kept where the loader reads them rather than in knowledge/reference/.
ELSEWHERE = {
    "data/english_local_authorities.csv": CONTENT_DIR
    / "national"
    / "english_local_authorities.csv",
    "data/covered_council_towns.csv": CONTENT_DIR / "national" / "covered_council_towns.csv",
}


def copy_of(relative: str) -> Path:
    """Where the project keeps its copy of a file of ../shared (path relative to ../shared)."""
    return ELSEWHERE.get(relative, REFERENCE_DIR / relative)


def facts_path() -> Path:
    return copy_of("domain/facts.md")


def source_texts() -> list[Path]:
    """The leaflets, their index and facts.md: what every stated contact must appear in."""
    return sorted((REFERENCE_DIR / "sources").glob("*.txt")) + [
        REFERENCE_DIR / "sources" / "README.md",
        facts_path(),
    ]


def differences(shared_dir: Path = DEFAULT_SHARED_DIR) -> dict[str, list[str]]:
    """Files changed in, missing from, or only in the copy, compared with ../shared."""
    found = {"changed": [], "missing from the copy": [], "only in the copy": []}
    shared_files = {str(p.relative_to(shared_dir)) for p in shared_dir.rglob("*") if p.is_file()}
    shared_files = {f for f in shared_files if not f.startswith(NOT_COPIED)}
    for relative in sorted(shared_files):
        ours = copy_of(relative)
        if not ours.exists():
            found["missing from the copy"].append(relative)
        elif not filecmp.cmp(shared_dir / relative, ours, shallow=False):
            found["changed"].append(relative)
    for ours in sorted(p for p in REFERENCE_DIR.rglob("*") if p.is_file()):
        relative = str(ours.relative_to(REFERENCE_DIR))
        if relative not in shared_files:
            found["only in the copy"].append(relative)
    return {kind: files for kind, files in found.items() if files}
