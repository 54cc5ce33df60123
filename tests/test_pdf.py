"""The PDFs: the handbook and the handouts per card, built with LaTeX and read back as text."""

import re
import subprocess
import unicodedata
from datetime import date

import pytest
from babel.dates import format_date
from handboek import pdf
from kern import latex
from kern.loader import load_cards
from pypdf import PdfReader
from seedtext import fold, seed_sentences

from conftest import DOCS, FIXTURES

CARDS = load_cards(DOCS / "kaarten")
OVERFULL_BUDGET = 3
LEADER_ONLY = ("Achtergrondinformatie", "Voorbeelden", "Aandachtspunten", "Ter inspiratie", "Verder lezen", "(Bron:")


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory, tex):
    build = tmp_path_factory.mktemp("pdf")
    editions = pdf.handbook_editions(DOCS) + pdf.handout_editions(DOCS)
    pdf.build(editions, build / "pdf", build, DOCS)
    return build


def pdf_text(path) -> str:
    """The body text of every page, without running heads and page numbers."""
    text = subprocess.run(
        ["pdftotext", "-x", "0", "-y", "66", "-W", "595", "-H", "710", str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    return unicodedata.normalize("NFKC", text)


def key(text: str) -> str:
    """Compare without whitespace and hyphens: LaTeX breaks lines and words anywhere."""
    return re.sub(r"[\s\-\u00ad]+", "", fold(text))


def missing_sentences(card, text: str) -> list[str]:
    seed = (FIXTURES / "seeds" / f"{card.id}.txt").read_text(encoding="utf-8")
    body = key(text)
    return [s for s in seed_sentences(seed, card.metadata.get("correcties", []), card.title) if key(s) not in body]


def test_handbook_holds_every_seed_sentence(pdfs):
    text = pdf_text(pdfs / "pdf" / "handboek.pdf")
    for card in CARDS:
        assert missing_sentences(card, text) == [], card.id


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
def test_leaders_edition_holds_every_seed_sentence(pdfs, card):
    assert missing_sentences(card, pdf_text(pdfs / "pdf" / f"{card.id}-gespreksleider.pdf")) == []


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
def test_participants_edition_holds_kwesties_and_questions_only(pdfs, card):
    text = pdf_text(pdfs / "pdf" / f"{card.id}-deelnemers.pdf")
    body = key(text)
    assert key(card.title) in key(subprocess.run(["pdftotext", str(pdfs / "pdf" / f"{card.id}-deelnemers.pdf"), "-"], capture_output=True, text=True).stdout)
    for kwestie in card.kwesties:
        assert key(kwestie.text) in body, kwestie.id
        for question in kwestie.questions:
            assert key(question.text) in body, question.text
            for sub in question.subquestions:
                assert key(sub) in body, sub
    for heading in LEADER_ONLY:
        assert heading not in text, heading
    assert "Regels in het modelprotocol" not in text


def test_handbook_has_dutch_contents_outline_and_a4(pdfs):
    path = pdfs / "pdf" / "handboek.pdf"
    reader = PdfReader(path)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for card in CARDS:
        assert card.title in titles
    for chapter in ("Modelprotocol sociale media bij dit handboek", "Gespreksleiding", "Begrippen", "Bronnen"):
        assert chapter in titles
    whole = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Inhoud" in whole and "Contents" not in whole
    assert "Hoofdstuk" in whole and "Chapter" not in whole
    assert format_date(date.today(), "d MMMM y", locale="nl") in whole
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def internal_link_targets(reader: PdfReader) -> list:
    """The destination of every internal link (``/Dest`` or a ``/GoTo`` action) in the PDF."""
    targets = []
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            if "/Dest" in link:
                targets.append(link["/Dest"])
            elif link.get("/A", {}).get("/S") == "/GoTo":
                targets.append(link["/A"]["/D"])
    return targets


def missing_destinations(reader: PdfReader) -> list[str]:
    """Internal links whose destination is not in the PDF: an unknown name, or a page that is not there."""
    named = reader.named_destinations
    missing = []
    for target in internal_link_targets(reader):
        if isinstance(target, (str, bytes)):
            name = target.decode("latin-1") if isinstance(target, bytes) else str(target)
            if name not in named or reader.get_destination_page_number(named[name]) < 0:
                missing.append(name)
        elif target[0].get_object() not in [page.get_object() for page in reader.pages]:
            missing.append(repr(target))
    return missing


def test_handbook_links_work_inside_the_pdf(pdfs):
    reader = PdfReader(pdfs / "pdf" / "handboek.pdf")
    targets = internal_link_targets(reader)
    # at least every citation of a source links to its entry on Bronnen
    assert len(targets) >= sum(len(card.sources) for card in CARDS)
    assert missing_destinations(reader) == []


def test_a_link_to_a_missing_destination_is_found(pdfs, tmp_path):
    """The check above can fail: rename one named destination a link points at."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=pdfs / "pdf" / "handboek.pdf")
    for page in writer.pages:
        for annotation in page.get("/Annots", []) or []:
            link = annotation.get_object()
            if link.get("/A", {}).get("/S") == "/GoTo":
                link["/A"][NameObject("/D")] = TextStringObject("bestaat-niet")
                break
        else:
            continue
        break
    writer.write(tmp_path / "kapot.pdf")
    assert missing_destinations(PdfReader(tmp_path / "kapot.pdf")) == ["bestaat-niet"]


#: A babel line that shows the Dutch language file was read (not just found or named).
DUTCH_LOADED = re.compile(r"^Language: dutch \S+ \S+ Dutch support from the babel system", re.MULTILINE)


def dutch_problems(log: str) -> list[str]:
    """Why a LaTeX log does not show Dutch hyphenation, if it does not."""
    problems = []
    if not DUTCH_LOADED.search(log):
        problems.append("babel laadde de Nederlandse taal (dutch.ldf) niet")
    if "No hyphenation patterns" in log:
        problems.append("geen Nederlandse afbreekpatronen in het formaat")
    return problems


BOGUS_LOGS = {
    "alleen de bestandsnaam": "(/usr/share/texlive/texmf-dist/tex/generic/babel-dutch/dutch.ldf)\n",
    "geen afbreekpatronen": (
        "Language: dutch 2021/08/29 v3.8l Dutch support from the babel system\n"
        "Package babel Warning: No hyphenation patterns were preloaded for\n"
        "(babel)                the language `Dutch' into the format.\n"
    ),
    "engels": "Language: english 2017/06/06 v3.3r English support from the babel system\n",
}


@pytest.mark.parametrize("name", BOGUS_LOGS)
def test_the_dutch_check_fails_on_a_log_without_dutch_hyphenation(name):
    assert dutch_problems(BOGUS_LOGS[name]) != []


def test_latex_logs_are_clean(pdfs):
    logs = sorted((pdfs / "latex-pdf").glob("*.log")) + sorted((pdfs / "latex-deelnemers").glob("*.log"))
    assert len(logs) == 1 + 2 * len(CARDS)  # the handbook, and both editions of every card
    for log in logs:
        content = log.read_text(encoding="latin-1")
        assert "undefined" not in content.lower().replace("\\undefined", ""), log.name
        assert content.count("Overfull \\hbox") <= OVERFULL_BUDGET * 2, log.name  # pdflatex reports each twice
        assert dutch_problems(content) == [], log.name


def test_missing_tex_is_one_dutch_sentence(monkeypatch):
    monkeypatch.setattr(latex.shutil, "which", lambda program: None)
    with pytest.raises(latex.PdfError) as error:
        latex.check_tex()
    message = str(error.value)
    assert message.startswith("TeX ontbreekt") and "make tex" in message and message.count(".") <= 1
