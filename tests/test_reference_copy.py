"""The project's copy of the source material, compared with ../shared where that is present.

../shared is corrected over time; a difference means the assistant may state something the
sources no longer say, so it fails here until the copy is reviewed and updated
(`python -m knowledge reference-diff` lists the files). A clone on its own has no ../shared and
uses its copy as it is: the comparison is then skipped, and says why.
"""

import shutil

import pytest

from knowledge import reference
from knowledge.__main__ import main as cli


def test_the_copy_matches_shared_where_shared_is_present():
    if not reference.DEFAULT_SHARED_DIR.is_dir():
        pytest.skip(
            f"no {reference.DEFAULT_SHARED_DIR} beside the repository: nothing to compare with"
        )
    assert reference.differences() == {}


def test_a_changed_file_in_shared_is_reported(tmp_path, capsys):
    shared = tmp_path / "shared"
    shutil.copytree(reference.REFERENCE_DIR, shared)
    for relative in reference.ELSEWHERE:
        shutil.copy(reference.copy_of(relative), shared / relative)
    assert reference.differences(shared) == {}
    facts = shared / "domain" / "facts.md"
    facts.write_text(facts.read_text().replace("within **6 weeks**", "within **8 weeks**"))
    (shared / "sources" / "005_new_leaflet.txt").write_text("A new leaflet")
    assert reference.differences(shared) == {
        "changed": ["domain/facts.md"],
        "missing from the copy": ["sources/005_new_leaflet.txt"],
    }
    assert cli(["reference-diff", "--shared", str(shared)]) == 1
    assert "changed: domain/facts.md" in capsys.readouterr().out


def test_without_shared_the_check_says_so_and_passes(tmp_path, capsys):
    assert cli(["reference-diff", "--shared", str(tmp_path / "absent")]) == 0
    assert "nothing to compare" in capsys.readouterr().out
