"""The card loader and the built page read every card the same way, in every form MyST accepts.

The handbook is built with every real card and the fixture cards in ``tests/fixtures/kaartvormen``
(colon, backtick and tilde fences; ``:key:`` option lines and YAML option blocks; nested either
way). For each card the loader's kwesties (numbers, headings with their titles, text, questions,
topics) must equal what the page shows and what the build read.
"""

from __future__ import annotations

import shutil

import pytest
from bs4 import Tag
from handboek.kaartblokken import kaartblok
from kern.loader import CardFormatError, card_paths, load_card, load_cards
from protocol.model import load_model
from protocol.trace import rules_for_kwestie
from seedtext import squash

from conftest import CONF_SHIM, DOCS, FIXTURES, BuiltSite, copy_docs

FORMS = sorted((FIXTURES / "kaartvormen").glob("vorm-*.md"))
CARD_IDS = [path.stem for path in card_paths(DOCS / "kaarten")] + [path.stem for path in FORMS]

#: What each fixture card holds, written out: kwestie number -> topics. Without it, a form that
#: neither the loader nor the page understood would pass the parity test unnoticed.
FORM_KWESTIES = {
    "vorm-dubbele-punten": {1: ("toon", "contact-leerlingen"), 2: ("accounts",), 3: ("beeldmateriaal",)},
    "vorm-backticks-yaml": {1: ("toon", "accounts"), 2: ("persoonsgegevens", "beeldmateriaal"), 3: ("incidenten",)},
    "vorm-gemengd": {1: ("contact-leerlingen",), 2: ("groepsapps-klas",), 3: ("ongelukken",), 4: ("toon",)},
}


@pytest.fixture(scope="module")
def forms_site(tmp_path_factory) -> BuiltSite:
    docs = copy_docs(tmp_path_factory.mktemp("kaartvormen") / "docs")
    for path in FORMS:
        shutil.copy(path, docs / "kaarten" / path.name)
    return BuiltSite(docs)


@pytest.fixture(scope="module")
def loaded(forms_site):
    return {card.id: card for card in load_cards(forms_site.srcdir / "kaarten")}


def test_fixture_cards_cover_every_form():
    assert {path.stem for path in FORMS} == set(FORM_KWESTIES)
    sources = "\n".join(path.read_text(encoding="utf-8") for path in FORMS)
    for form in ("::::{kwestie}", "````{kwestie}", "~~~~{kwestie}", "```{vragen}", ":::{vragen}", "~~~{vragen}",
                 ":onderwerpen:", "\n---\nonderwerpen:", ":titel:", "titel:"):
        assert form in sources, form


def test_fixture_cards_build_without_warnings(forms_site):
    assert forms_site.warnings.getvalue() == ""


@pytest.mark.parametrize("card_id", FORM_KWESTIES)
def test_loader_reads_every_kwestie_and_its_topics_in_every_form(loaded, card_id):
    assert {k.number: k.topics for k in loaded[card_id].kwesties} == FORM_KWESTIES[card_id]


# What the page shows ------------------------------------------------------------------------------


def _text(element: Tag) -> str:
    """An element's text without its permalink and nested lists."""
    parts = []
    for child in element.children:
        if isinstance(child, Tag) and (child.name in ("ul", "ol") or "headerlink" in child.get("class", [])):
            continue
        parts.append(child.get_text() if isinstance(child, Tag) else str(child))
    return squash("".join(parts))


def _questions(block: Tag) -> list[tuple[str, tuple[str, ...]]]:
    questions = []
    for item in block.find("ul", recursive=False).find_all("li", recursive=False):
        subs = item.find("ul", recursive=False)
        sub_items = subs.find_all("li", recursive=False) if subs else []
        questions.append((_text(item), tuple(_text(sub) for sub in sub_items)))
    return questions


def page_kwesties(site: BuiltSite, card_id: str) -> list[dict]:
    """Every kwestie as the card page shows it."""
    shown = []
    for section in site.article(f"kaarten/{card_id}.html").select("section.kwestie"):
        before, after, questions, rules = [], [], [], []
        for child in section.find_all(recursive=False):
            classes = child.get("class", [])
            if child.name == "p":
                (after if questions else before).append(squash(child.get_text()))
            elif "vragen" in classes:
                questions += _questions(child)
            elif "kwestie-regels" in classes:
                rules = [link["href"].rpartition("#regel-")[2] for link in child.select("li a")]
        shown.append({
            "anchor": section["id"],
            "heading": _text(section.find(class_="kaartblok-titel")),
            "text": before,
            "questions": questions,
            "afterword": after,
            "rules": rules,
        })
    return shown


def loader_kwesties(card, model) -> list[dict]:
    """Every kwestie as the loader reads it, in the same shape."""
    return [
        {
            "anchor": kwestie.anchor,
            "heading": kwestie.heading,
            "text": [squash(p) for p in kwestie.text.split("\n\n") if p],
            "questions": [(squash(q.text), tuple(squash(s) for s in q.subquestions)) for q in kwestie.questions],
            "afterword": [squash(p) for p in kwestie.afterword.split("\n\n") if p],
            "rules": [rule.id for rule in rules_for_kwestie(model, kwestie)],
        }
        for kwestie in card.kwesties
    ]


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_loader_and_page_show_the_same_kwesties(forms_site, loaded, card_id):
    assert loader_kwesties(loaded[card_id], load_model()) == page_kwesties(forms_site, card_id)


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_loader_and_build_read_the_same_numbers_and_topics(forms_site, loaded, card_id):
    doctree = forms_site.app.env.get_doctree(f"kaarten/{card_id}")
    built = [
        (block["number"], tuple(block["topics"]))
        for block in doctree.findall(kaartblok)
        if block["kind"] == "kwestie"
    ]
    assert [(k.number, k.topics) for k in loaded[card_id].kwesties] == built


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_loader_and_page_cite_the_same_sources(forms_site, loaded, card_id):
    cited = [link.get_text() for link in forms_site.article(f"kaarten/{card_id}.html").select("a[id^=bron-]")]
    assert list(loaded[card_id].sources) == cited


# What both reject ---------------------------------------------------------------------------------

BROKEN = {
    "onbekende optie": ("::::{kwestie} 1\n:onderwerp: toon\n\nTekst.\n::::\n", "onderwerp"),
    "onderwerp met hoofdletter": ("```{kwestie} 1\n:onderwerpen: Toon\n\nTekst.\n```\n", "onderwerpen"),
    "geen nummer": ("````{kwestie}\n---\nonderwerpen: toon\n---\nTekst.\n````\n", "nummer nodig"),
    "nummer is geen getal": (":::{kwestie} een\n:onderwerpen: toon\n\nTekst.\n:::\n", "nummer nodig"),
    "kapot yaml-blok": ("```{kwestie} 1\n---\nonderwerpen: [toon\n---\nTekst.\n```\n", "kwestie"),
}


@pytest.mark.parametrize("name", BROKEN)
@pytest.mark.slow
def test_a_card_the_build_rejects_the_loader_rejects_too(tmp_path, name):
    source, word = BROKEN[name]
    docs = tmp_path / "docs"
    (docs / "kaarten").mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n\n:::{toctree}\n:glob:\n\nkaarten/*\n:::\n", encoding="utf-8")
    card = docs / "kaarten" / "kapot.md"
    card.write_text(f"# Kapot\n\nEen kaart met een fout.\n\n## Kwesties\n\n{source}", encoding="utf-8")
    (docs / "conf.py").write_text(CONF_SHIM, encoding="utf-8")
    with pytest.raises(CardFormatError) as error:
        load_card(card)
    location, _, message = str(error.value).partition(": ")
    assert location.startswith(f"{card}:") and word in message
    warnings = BuiltSite(docs).warnings.getvalue()
    assert f"{location}: " in warnings or f"{card}:7: " in warnings, warnings



def test_the_wizard_reports_a_broken_card_in_dutch_without_traceback(tmp_path, monkeypatch, capsys):
    from protocolwizard.cli import main

    folder = tmp_path / "kaarten"
    folder.mkdir()
    source, _ = BROKEN["onbekende optie"]
    (folder / "kapot.md").write_text(f"# Kapot\n\nEen kaart met een fout.\n\n{source}", encoding="utf-8")
    monkeypatch.setenv("HANDBOEK_KAARTEN", str(folder))
    assert main(["controleer", str(DOCS.parent / "examples" / "antwoorden-voorbeeld.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"{folder / 'kapot.md'}:6: " in err and "onbekende optie ':onderwerp:'" in err
    assert "Traceback" not in err
