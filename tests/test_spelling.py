"""Spelling: the built pages and the wizard's Dutch strings, checked with hunspell and Debian's Dutch dictionary.

Words hunspell does not know must be in ``tests/fixtures/woordenlijst.txt``
(reviewed, one word a line, grouped with comments), and every word there must
still occur somewhere, so the list stays short. Verbatim source wording that a
page shows on purpose (the card's typos on the Verantwoording page, the
"Niet" column of the editors' glossary) is marked with a class and skipped.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

WORDLIST = FIXTURES / "woordenlijst.txt"
DICTIONARY = "nl_NL"
#: Elements whose text is not prose: code, and text shown verbatim on purpose.
SKIPPED_TAGS = ["code", "pre", "kbd", "script", "style", "svg"]
SKIPPED_CLASSES = ["brontekst", "spelling-uitgezonderd"]

# A word, with inner hyphens and apostrophes; a word cut off before a hyphen ("leer- en werkomgeving") is skipped.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?![-\w])")
# Not prose: addresses, file names, format fields, placeholders and kwestie ids (populaire-hiphopleraar/3).
_NOT_PROSE = re.compile(
    r"https?://\S+|\S+@\S+|[\w./-]+\.(?:ya?ml|md|html|docx|pdf|tex|zip)\b|%\([a-z_]+\)[sdr]|\{[^{}]*\}|\[[^\[\]\n]*\]|\b[a-z]+(?:-[a-z]+)+/\d+\b"
)


def _hunspell() -> None:
    found = shutil.which("hunspell") and any(
        Path(folder, f"{DICTIONARY}.dic").is_file() for folder in ("/usr/share/hunspell", "/usr/share/myspell")
    )
    if not found:
        message = "hunspell met het Nederlandse woordenboek ontbreekt (tools/systeempakketten.sh html)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(f"{message} (op CI is dit een fout)")


def words(text: str) -> set[str]:
    text = _NOT_PROSE.sub(" ", text)
    return {word.replace("’", "'") for word in _WORD.findall(text) if len(word) > 1}


def unknown(candidates: set[str]) -> set[str]:
    result = subprocess.run(
        ["hunspell", "-d", DICTIONARY, "-l"], input="\n".join(sorted(candidates)),
        capture_output=True, text=True, check=True,
    )
    return set(result.stdout.split())


def accepted_words() -> set[str]:
    lines = WORDLIST.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def is_accepted(word: str, accepted: set[str]) -> bool:
    """Accepted as written, or with a capital at the start of a sentence."""
    return word in accepted or (word[:1].isupper() and word[:1].lower() + word[1:] in accepted)


def page_texts(site) -> dict[str, str]:
    texts = {}
    for page in sorted(site.outdir.rglob("*.html")):
        relative = page.relative_to(site.outdir).as_posix()
        if relative.startswith(("_", "downloads/")) or relative in ("genindex.html", "search.html"):
            continue
        soup = site.html(relative)
        body = soup.find("article") or soup.body
        for tag in body.find_all(SKIPPED_TAGS):
            tag.decompose()
        for tag in body.select(", ".join(f".{name}" for name in SKIPPED_CLASSES)):
            tag.decompose()
        texts[relative] = body.get_text(" ")
    return texts


def wizard_strings() -> dict[str, str]:
    """The wizard's string literals a user can see: no docstrings, no dictionary keys, only phrases."""
    texts = {}
    for path in sorted((ROOT / "tools" / "protocolwizard").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skipped.add(id(body[0].value))
            if isinstance(node, ast.Dict):
                skipped.update(id(key) for key in node.keys if key is not None)
        phrases = [
            node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped
            and " " in node.value.strip()
        ]
        texts[f"tools/protocolwizard/{path.name}"] = "\n".join(phrases)
    return texts


@pytest.fixture(scope="module")
def wizard_output(tmp_path_factory) -> dict[str, str]:
    """A real draft and change report from the example answers."""
    target = tmp_path_factory.mktemp("concept")
    subprocess.run(
        [sys.executable, "-m", "protocolwizard", "maak", str(ROOT / "examples" / "antwoorden-voorbeeld.yaml"),
         "--uitvoer", str(target), "--formaat", "md", "--overschrijven"],
        check=True, capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "tools")},
    )
    return {f"concept/{path.name}": path.read_text(encoding="utf-8") for path in sorted(target.glob("*.md"))}


def test_every_word_is_dutch_or_accepted(site, wizard_output):
    _hunspell()
    sources = {**page_texts(site), **wizard_strings(), **wizard_output}
    where: dict[str, set[str]] = defaultdict(set)
    for source, text in sources.items():
        for word in words(text):
            where[word].add(source)
    accepted = accepted_words()
    misspelled = {word for word in unknown(set(where)) if not is_accepted(word, accepted)}
    report = {word: sorted(where[word])[:3] for word in sorted(misspelled)}
    assert report == {}, f"onbekende woorden: {report}" + " -- onbekende woorden (verbeter ze, of neem ze na controle op in tests/fixtures/woordenlijst.txt)"
    unused = {word for word in accepted if not any(is_accepted(found, {word}) for found in where)}
    assert unused == set(), "woorden in de woordenlijst die nergens meer voorkomen: haal ze weg"


def test_accepted_words_are_few_and_unknown_to_hunspell():
    _hunspell()
    accepted = accepted_words()
    assert len(accepted) <= 80, "de woordenlijst hoort kort te blijven"
    assert unknown(accepted) == accepted, "deze woorden kent hunspell al; haal ze uit de woordenlijst"
