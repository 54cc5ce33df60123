"""The PDFs: the handbook and the handouts per card, built with LaTeX and read back as text."""

from pathlib import Path
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
    assert message.startswith("TeX ontbreekt") and latex.INSTALL_HINT in message
    assert message.replace(latex.INSTALL_HINT, "").count(".") <= 1


# Paper as a teacher gets it (issue 15) --------------------------------------------------------------

EDITIONS = {edition: label for edition, (_, label) in pdf.HANDOUTS.items()}
SCREEN_WORDING = re.compile(r"\b(?:klik|klikken|tik op|scroll|scrollen|aanklikken|muis)\w*", re.IGNORECASE)


def page_texts(path) -> list[str]:
    """Each page's body text (without running head and page number)."""
    count = len(PdfReader(path).pages)
    return [
        subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-x", "0", "-y", "66", "-W", "595", "-H", "710",
                        str(path), "-"], capture_output=True, text=True, check=True).stdout
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize("name", ["handboek.pdf", *(f"{c.id}-{e}.pdf" for c in CARDS for e in EDITIONS)])
def test_no_blank_pages(pdfs, name):
    for number, text in enumerate(page_texts(pdfs / "pdf" / name), 1):
        assert len(text.split()) >= 3, f"{name}: bladzijde {number} is leeg"


def test_handbook_is_one_sided(pdfs):
    tex = (pdfs / "latex-pdf" / "handboek.tex").read_text(encoding="utf-8")
    assert re.search(r"\\documentclass\[[^\]]*\bopenany\b[^\]]*\boneside\b", tex)


def test_figures_stand_with_their_text(pdfs):
    texts = page_texts(pdfs / "pdf" / "handboek.pdf")
    captions = [n for n, text in enumerate(texts) if re.search(r"^\s*(?:Fig\.|Figuur)\s*\d", text, re.MULTILINE)]
    assert captions, "het handboek heeft een figuur (Gespreksleiding)"
    for n in captions:
        body = re.sub(r"^\s*(?:Fig\.|Figuur)\s*\d.*$", "", texts[n], flags=re.MULTILINE)
        assert len(body.split()) > 40, f"de figuur op bladzijde {n + 1} staat alleen op de bladzijde"


def test_no_screen_wording_on_paper(pdfs):
    for path in sorted((pdfs / "pdf").glob("*.pdf")):
        text = " ".join(page_texts(path))
        assert not SCREEN_WORDING.findall(text), path.name


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
@pytest.mark.parametrize("edition", EDITIONS)
def test_handout_metadata_names_card_edition_and_author(pdfs, card, edition):
    reader = PdfReader(pdfs / "pdf" / f"{card.id}-{edition}.pdf")
    meta = reader.metadata
    assert meta.title == f"{card.title} – {EDITIONS[edition]}"
    assert "Kennisnet" in meta.author and not meta.author.lower().startswith("voor de")
    assert reader.trailer["/Root"].get("/Lang") == "nl-NL"


def test_handbook_metadata(pdfs):
    from conftest import ROOT
    import runpy

    conf = runpy.run_path(str(ROOT / "conf.py"), init_globals={"tags": type("Tags", (), {"has": lambda self, tag: False})()})
    meta = PdfReader(pdfs / "pdf" / "handboek.pdf").metadata
    assert meta.title == conf["html_title"]
    assert meta.author == conf["author"]


def test_site_ships_and_links_the_pdfs(pdfs, tmp_path):
    """Built after the PDFs, the site copies them into downloads/ and links each from the landing page and
    each card from its page."""
    from conftest import copy_docs
    from io import StringIO
    from bs4 import BeautifulSoup
    from sphinx.testing.util import SphinxTestApp

    srcdir = copy_docs(tmp_path / "docs")
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build", freshenv=True,
                        confoverrides={"handboek_pdfmap": str(pdfs / "pdf")}, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    out = Path(app.outdir)
    landing = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    linked = {a["href"] for a in landing.select("article a.afdruk-pdf")}
    expected = {"downloads/handboek.pdf"} | {f"downloads/{c.id}-{e}.pdf" for c in CARDS for e in EDITIONS}
    assert linked == expected
    for href in expected:
        assert (out / href).read_bytes() == (pdfs / "pdf" / href.split("/")[-1]).read_bytes()
    for card in CARDS:
        page = BeautifulSoup((out / "kaarten" / f"{card.id}.html").read_text(encoding="utf-8"), "html.parser")
        assert {a["href"] for a in page.select("article .afdruk-links a")} == {
            f"../downloads/{card.id}-{e}.pdf" for e in EDITIONS}


def outline_titles(outline) -> list[str]:
    titles: list[str] = []
    for item in outline:
        titles += outline_titles(item) if isinstance(item, list) else [item.title]
    return titles


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
@pytest.mark.parametrize("edition", EDITIONS)
def test_each_kwestie_is_a_bookmark(pdfs, card, edition):
    titles = outline_titles(PdfReader(pdfs / "pdf" / f"{card.id}-{edition}.pdf").outline)
    assert [t for t in titles if t.startswith("Kwestie ")] == [
        f"Kwestie {k.number}" + (f": {k.title}" if k.title else "") for k in card.kwesties]
