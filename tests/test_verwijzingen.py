"""Links to kwesties stay checked in an incremental build, as ``make html`` runs it a second time."""

import os
import re

import pytest
from kern.loader import load_cards

from conftest import BuiltSite, copy_docs


def renumber(path, old: int, new: int) -> None:
    """Give kwestie ``old`` of a card page the number ``new`` (any fence)."""
    text = path.read_text(encoding="utf-8")
    opening = re.compile(rf"^(?P<fence>:{{3,}}|`{{3,}}|~{{3,}})\{{kwestie\}}[ \t]+{old}[ \t]*$", re.MULTILINE)
    assert len(opening.findall(text)) == 1
    path.write_text(opening.sub(lambda m: f"{m['fence']}{{kwestie}} {new}", text), encoding="utf-8")
    later = path.stat().st_mtime + 10
    os.utime(path, (later, later))


@pytest.mark.slow
def test_renumbering_a_linked_kwestie_warns_in_an_incremental_build(tmp_path):
    docs = copy_docs(tmp_path / "docs")
    card = load_cards(docs / "kaarten")[0]
    kwestie = card.kwesties[0]
    free = max(k.number for k in card.kwesties) + 1
    (docs / "verwijst.md").write_text(
        f"---\norphan: true\n---\n\n# Een pagina die verwijst\n\nZie {{kwestie}}`{kwestie.id}`.\n", encoding="utf-8"
    )
    first = BuiltSite(docs)
    assert first.warnings.getvalue() == ""
    assert first.article("verwijst.html").find("a", href=f"kaarten/{card.id}.html#{kwestie.anchor}") is not None

    renumber(card.path, kwestie.number, free)
    second = BuiltSite(docs, fresh=False)
    warnings = second.warnings.getvalue()
    assert re.search(
        rf"verwijst\.md:\d+: WARNING: verwijzing naar kwestie {kwestie.number} van kaart '{card.id}' bestaat niet",
        warnings,
    ), warnings
    assert second.article("verwijst.html").find("a", href=f"kaarten/{card.id}.html#{kwestie.anchor}") is None


@pytest.mark.slow
def test_an_unchanged_build_reads_nothing_again(tmp_path):
    docs = copy_docs(tmp_path / "docs")
    BuiltSite(docs)
    again = BuiltSite(docs, fresh=False)
    assert again.warnings.getvalue() == ""
    assert "0 added, 0 changed, 0 removed" in again.app._status.getvalue()
