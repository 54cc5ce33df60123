"""A draft ready to hand to the (G)MR: every placeholder asked or listed on the first page, names beside roles,
an evaluation sentence that agrees with the proposed date, signature blocks per body, right Word metadata,
Markdown without stray escapes, and a change report that compares the old and new text word by word."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from kern.loader import load_cards
from markdown_it import MarkdownIt
from protocol import blocks, teksten
from protocol.cleantext import fold
from protocol.layout import protocol_page, report_page
from protocol.model import SECTORS, load_model
from protocol.render import markdown_block_escape, render_protocol, render_report
from protocol.woordverschil import compare
from protocolwizard import answers_schema
from protocolwizard.answers import Answers, Context, Decision, load_answers
from protocolwizard.draft import build_draft, open_placeholders, review_date, sector_placeholders
from protocolwizard.interview import Interview, Prompts

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = Context(load_model(), load_cards(ROOT / "docs" / "kaarten"))
EXAMPLE = load_answers(ROOT / "examples" / "antwoorden-voorbeeld.yaml", CONTEXT)
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")
FILL_FIELDS = [(path, field) for path, field in answers_schema.walk() if field.placeholder]


def answers_for(sector: str, *, filled: bool, evaluatie: str | None = None) -> Answers:
    """Answers for a sector with every placeholder field answered (``filled``) or none but the school's name."""
    school: dict = {"naam": "De Proefschool", "sector": sector}
    for path, field in FILL_FIELDS:
        if path == ("school", "naam") or not filled:
            continue
        value = field.choice_values[0] if field.kind == "choice" else f"ingevuld-{'-'.join(path[1:])}"
        target = school
        for key in path[1:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
    if evaluatie is not None:
        school["evaluatie"] = evaluatie
    return Answers(school=school, session={"datum": "2026-11-21", "kaarten": [CONTEXT.cards[0].id]},
                   decisions=[], new_rules=[], notes={})


# (a) Every placeholder is asked, and what stays open is listed on the first page ---------------------

@pytest.mark.parametrize("sector", SECTORS)
def test_every_placeholder_of_a_sector_is_a_field_of_the_answers_file(sector):
    missing = sector_placeholders(CONTEXT.model, sector) - set(answers_schema.placeholders())
    assert not missing, f"de wizard vraagt niet naar {sorted(missing)}"


@pytest.mark.parametrize("sector", SECTORS)
def test_a_draft_with_every_field_answered_has_no_open_placeholder(sector):
    draft = build_draft(answers_for(sector, filled=True), CONTEXT)
    assert open_placeholders(draft.document) == ()
    assert draft.document.to_fill_in == ()
    for rule in draft.document.rules():
        assert not PLACEHOLDER.search(rule.text), (rule.id, rule.text)
    markdown = render_protocol(draft.document, "md")
    assert teksten.TO_FILL_IN not in markdown


@pytest.mark.parametrize("sector", SECTORS)
def test_open_placeholders_are_listed_on_the_first_page_with_their_rules(sector):
    draft = build_draft(answers_for(sector, filled=False), CONTEXT)
    opened = open_placeholders(draft.document)
    assert opened and set(opened) == sector_placeholders(CONTEXT.model, sector) - {"[naam school]"}
    soup = BeautifulSoup(render_protocol(draft.document, "html"), "html.parser")
    about = soup.find(id="over-dit-document")
    listed = [li.get_text(" ") for li in about.find_all("li")]
    assert len(listed) == len(opened)
    for (place, numbers), line in zip(draft.document.to_fill_in, listed):
        assert line.startswith(place)
        for number in numbers:
            rule = next(r for r in draft.document.rules() if r.number == number)
            assert place in rule.text and number in line


@pytest.mark.parametrize("sector", SECTORS)
def test_the_wizard_asks_every_placeholder_field_of_the_sector_and_no_other(sector):
    class Recording(Prompts):
        def __init__(self):
            super().__init__(write=lambda text: None)
            self.asked: list[str] = []

        def text(self, message, default="", **options):
            self.asked.append(message)
            return "Een naam" if message.startswith("Naam van de school") else ""

        def select(self, message, choices, default=None):
            self.asked.append(message)
            return sector if message.startswith("Sector") else choices[0][1]

    prompts = Recording()
    interview = Interview(Path("/nonexistent/antwoorden.yaml"), CONTEXT, prompts)
    interview.save = lambda: None  # nothing to write: only the questions count here
    interview.ask_school()
    needed = sector_placeholders(CONTEXT.model, sector)
    for path, field in FILL_FIELDS:
        question = [q for q in prompts.asked if q.startswith(field.label)]
        assert bool(question) == (field.placeholder in needed), (path, field.placeholder)


# (b) Names join roles --------------------------------------------------------------------------------

#: Placeholders for a person's name: the ``naam`` of a person's block (the vertrouwenspersoon), with its role.
PERSON_NAMES = {field.placeholder: path[-2] for path, field in FILL_FIELDS if path[-1] == "naam" and len(path) > 2}


def test_a_persons_name_placeholder_stands_beside_the_role_in_the_model():
    assert PERSON_NAMES
    for rule in CONTEXT.model.rules():
        for placeholder, role in PERSON_NAMES.items():
            for match in re.finditer(re.escape(placeholder), rule.text):
                before = rule.text[: match.start()].rstrip(" ,(").lower()
                assert before.endswith(role), (rule.id, rule.text[max(0, match.start() - 40): match.end()])


def test_the_draft_names_the_vertrouwenspersoon_beside_the_role():
    name = EXAMPLE.school["vertrouwenspersoon"]["naam"]
    draft = build_draft(EXAMPLE, CONTEXT)
    mentions = [rule for rule in draft.document.rules() if name in rule.text]
    assert mentions
    for rule in mentions:
        for match in re.finditer(re.escape(name), rule.text):
            assert rule.text[: match.start()].rstrip(" ,(").lower().endswith("vertrouwenspersoon"), rule.id


# (c) The evaluation sentence and the date agree -------------------------------------------------------

@pytest.mark.parametrize("choice", answers_schema.EVALUATION_YEARS)
def test_evaluation_sentence_and_proposed_date_agree(choice):
    draft = build_draft(answers_for("vo", filled=True, evaluatie=choice), CONTEXT)
    words = dict(answers_schema.at("school", "evaluatie").choices)[choice]
    sentences = [rule.text for rule in draft.document.rules() if "[evaluatietermijn]" in
                 CONTEXT.model.rule(rule.id).text]
    assert sentences and all(words in text for text in sentences)
    expected = review_date("2026-11-21", answers_schema.EVALUATION_YEARS[choice])
    assert draft.document.review_date == expected
    assert date.fromisoformat(expected).year - 2026 == answers_schema.EVALUATION_YEARS[choice]


def test_without_a_term_no_date_is_proposed_and_the_term_is_listed_as_open():
    answers = answers_for("vo", filled=True)
    del answers.school["evaluatie"]
    draft = build_draft(answers, CONTEXT)
    assert draft.document.review_date == ""
    assert teksten.REVIEW_DATE not in render_protocol(draft.document, "md")
    assert "[evaluatietermijn]" in open_placeholders(draft.document)


# (d) The adoption section ------------------------------------------------------------------------------

def _adoption(document) -> blocks.Section:
    return next(b for b in protocol_page(document).blocks if isinstance(b, blocks.Section) and b.anchor == "vaststelling")


@pytest.mark.parametrize("sector", SECTORS)
def test_adoption_has_name_function_date_and_signature_for_each_body_and_the_board(sector):
    answers = answers_for(sector, filled=True)
    answers.school["bestuur"] = "Stichting Proef"
    document = build_draft(answers, CONTEXT).document
    section = _adoption(document)
    signatures = [b for b in section.blocks if isinstance(b, blocks.Section) and b.style == "ondertekening"]
    headings = [s.blocks[0].text for s in signatures]
    assert headings[:-1] == list(document.signatories) and "Stichting Proef" in headings[-1]
    for signature in signatures:
        assert [b.label for b in signature.blocks[1:]] == list(teksten.SIGNATURE_LINES)
    # The law cited is the model's own source note for the adoption rule of this sector, nothing more.
    basis = [rule.source_note(sector) for rule in CONTEXT.model.rules()
             if rule.applies_to(sector) and teksten.ADOPTION_TOPIC in rule.topics and rule.source_note(sector)]
    notes = [blocks.plain(b.content) for b in section.blocks if isinstance(b, blocks.Paragraph) and b.style == "toelichting"]
    assert notes == [teksten.ADOPTION_BASIS.format(grondslag=basis[0].rstrip("."))]


# (e) Word metadata ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["protocol", "wijzigingsverslag"])
def test_word_metadata_names_the_school_in_dutch_and_now(kind):
    draft = build_draft(EXAMPLE, CONTEXT)
    before = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(seconds=1)
    data = (render_protocol(draft.document, "docx") if kind == "protocol"
            else render_report(draft.report, "docx"))
    page = protocol_page(draft.document) if kind == "protocol" else report_page(draft.report)
    properties = Document(io.BytesIO(data)).core_properties
    assert properties.title == page.title and EXAMPLE.school["naam"] in properties.title
    assert properties.title.count(EXAMPLE.school["naam"]) == 1
    assert properties.author == properties.last_modified_by == EXAMPLE.school["naam"]
    assert properties.subject == page.subject and properties.subject
    assert properties.language == "nl-NL"
    created = properties.created.replace(tzinfo=properties.created.tzinfo or timezone.utc)  # Word stores UTC
    assert before <= created <= datetime.now(timezone.utc) + timedelta(seconds=1)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            assert b"python-docx" not in archive.read(name), name
        styles = archive.read("word/styles.xml").decode()
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
    assert re.findall(r'w:lang w:val="([^"]+)"', defaults) == ["nl-NL"]
    assert "en-US" not in styles


# (f) Markdown without stray escapes, still literal ----------------------------------------------------------

def test_markdown_shows_placeholders_without_escapes():
    draft = build_draft(answers_for("vo", filled=False), CONTEXT)
    markdown = render_protocol(draft.document, "md")
    assert "\\[" not in markdown and "\\]" not in markdown
    for place in open_placeholders(draft.document):
        assert place in markdown


MARKDOWN_SYNTAX = st.text(alphabet=st.sampled_from(list("[]()!*_`\\<>&#;:{}|~-+=.1 a\n")) , max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.one_of(MARKDOWN_SYNTAX, st.text(max_size=60)))
def test_escaped_markdown_reads_back_as_the_same_text(text):
    markdown = markdown_block_escape(text)
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    soup = BeautifulSoup(html, "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= {"p"}, html
    assert " ".join(soup.get_text().split()) == " ".join(fold(text).split())


# (h) The change report compares word by word, in every format -------------------------------------------------

def _changed_draft():
    rule = next(r for r in CONTEXT.model.rules() if r.applies_to("vo") and len(r.text.split()) > 30)
    words = rule.text.split()
    words[len(words) // 2] = "ANDERSWOORD"
    new_text = " ".join(words[:5] + words[6:]) + " Een zin erbij."
    answers = answers_for("vo", filled=True)
    answers.decisions = [Decision(rule.id, "wijzigen", text=new_text, reason="", kwestie=None)]
    return build_draft(answers, CONTEXT), rule.text, new_text


def _pieces(old: str, new: str) -> tuple[list[str], list[str]]:
    content = compare(old, new)
    return ([i.text for i in content if isinstance(i, blocks.Removed)],
            [i.text for i in content if isinstance(i, blocks.Added)])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["de", "school", "leerling", "app", "niet", "wel", "x."]), max_size=30),
       st.lists(st.sampled_from(["de", "school", "leerling", "app", "niet", "wel", "x."]), max_size=30))
def test_comparison_keeps_every_word_of_both_texts(old, new):
    content = compare(" ".join(old), " ".join(new), context=10**6)
    kept_old = " ".join(i.text for i in content if not isinstance(i, blocks.Added)).split()
    kept_new = " ".join(i.text for i in content if not isinstance(i, blocks.Removed)).split()
    assert kept_old == old and kept_new == new


def test_comparison_shortens_long_unchanged_stretches():
    draft, old, new = _changed_draft()
    content = compare(old, new)
    shown = " ".join(blocks.plain(content).split())
    assert "…" in shown and len(shown.split()) < len(old.split()) + len(new.split())


def test_change_report_marks_added_and_removed_words_in_every_format():
    draft, old, new = _changed_draft()
    removed, added = _pieces(old, new)
    assert removed and added

    html = BeautifulSoup(render_report(draft.report, "html"), "html.parser")
    assert [d.get_text() for d in html.find_all("del")] == removed
    assert [i.get_text() for i in html.find_all("ins")] == added

    markdown = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(render_report(draft.report, "md"))
    soup = BeautifulSoup(markdown, "html.parser")
    assert [s.get_text() for s in soup.find_all("s")] == removed
    assert all(text in [b.get_text() for b in soup.find_all("strong")] for text in added)

    word = Document(io.BytesIO(render_report(draft.report, "docx")))
    runs = [run for paragraph in word.paragraphs for run in paragraph.runs]
    assert [r.text for r in runs if r.font.strike] == removed
    assert [r.text for r in runs if r.font.underline and r.font.color.rgb is not None] == added

    tex = render_report(draft.report, "tex")
    assert re.findall(r"\\weggehaald\{([^}]*)\}", tex) == removed
    assert re.findall(r"\\toegevoegd\{([^}]*)\}", tex) == added


def test_hostile_text_in_a_comparison_stays_literal():
    hostile = "<script>x</script> ~~weg~~ **vet** [a](b) \\textbf{x} }"
    content = compare("De regel blijft.", f"De regel {hostile} blijft.")
    page = blocks.Page("wijzigingsverslag", "T", "T", (blocks.Paragraph(content),))
    from protocol.writers import WRITERS
    html = BeautifulSoup(WRITERS["html"].render(page), "html.parser")
    assert not html.find("script") and hostile.split()[0] in html.get_text()
    markdown = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(WRITERS["md"].render(page))
    soup = BeautifulSoup(markdown, "html.parser")
    assert [s.name for s in soup.find_all(True)] == ["p", "strong"]
    assert " ".join(soup.get_text().split()) == f"De regel {hostile} blijft."
    tex = WRITERS["tex"].render(page)
    assert "\\textbf{x}" not in tex and "\\toegevoegd{" in tex


# (e, h) The PDFs: metadata, and the comparison as it prints -------------------------------------------------

@pytest.mark.pdf
def test_pdf_metadata_and_comparison_of_draft_and_report(tmp_path, tex):
    import subprocess

    from pypdf import PdfReader
    from protocolwizard.output import compile_pdf, render_pdf

    draft, old, new = _changed_draft()
    removed, added = _pieces(old, new)
    made = {"protocol": (render_pdf(draft), protocol_page(draft.document)),
            "wijzigingsverslag": (compile_pdf(render_report(draft.report, "tex")), report_page(draft.report))}
    for name, (data, page) in made.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        reader = PdfReader(path)
        info = reader.metadata
        assert info.title == page.title and info.author == "De Proefschool" and info.subject == page.subject
        assert page.title.count("De Proefschool") == 1
        assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
        text = " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        footer = page.footer
        assert footer.count("De Proefschool") == 1
        if name == "wijzigingsverslag":
            for words in removed + added:  # the marked words are there, as words (lua-ul keeps them text)
                assert " ".join(words.split()) in text.replace("- ", ""), words


def test_texts_too_long_to_compare_word_by_word_show_removed_and_added_whole():
    from protocol import woordverschil

    side = int(woordverschil.MAX_PAIRS ** 0.5) + 1
    old, new = " ".join(["a", "b"] * side), " ".join(["b", "a"] * side)
    assert compare(old, new) == (blocks.Removed(old), blocks.Text(" "), blocks.Added(new))
