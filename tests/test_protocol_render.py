"""The model protocol renders in every format, for every sector, with hostile text kept literal."""

import io
import re

import pytest

from protocol import teksten
import yaml
from bs4 import BeautifulSoup
from docx import Document
from markdown_it import MarkdownIt
from protocol.document import model_document
from protocol.model import SECTORS, load_model
from protocol.render import latex_escape, markdown_block_escape, render_docx, render_html, render_markdown

from test_protocol_model import HOSTILE

SECTOR_CHOICES = [None, *SECTORS]


def markdown_text(markdown: str) -> str:
    return BeautifulSoup(MarkdownIt("commonmark").render(markdown), "html.parser").get_text()


@pytest.mark.parametrize("sector", SECTOR_CHOICES)
def test_every_format_holds_exactly_the_sectors_rules(model, cards, sector):
    document = model_document(model, cards, sector)
    expected = [rule for rule in model.rules() if rule.applies_to(sector)]
    excluded = [rule for rule in model.rules() if not rule.applies_to(sector)]
    markdown = markdown_text(render_markdown(document))
    html = BeautifulSoup(render_html(document), "html.parser")
    word = Document(io.BytesIO(render_docx(document)))
    word_text = "\n".join(p.text for p in word.paragraphs)
    for rule in expected:
        assert rule.text in markdown, rule.id
        assert html.find(id=f"regel-{rule.id}").get_text(" ").count(rule.text) == 1, rule.id
        assert rule.text in word_text, rule.id
    for rule in excluded:
        assert rule.text not in markdown and rule.text not in word_text, rule.id


@pytest.mark.parametrize("sector", SECTOR_CHOICES)
def test_word_document_has_chapter_and_rule_headings(model, cards, sector):
    document = model_document(model, cards, sector)
    word = Document(io.BytesIO(render_docx(document)))
    paragraphs = word.paragraphs
    section = word.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == model.title
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    expected = [("Heading 1", teksten.ABOUT_MODEL)] if document.about else []
    for chapter in document.chapters:
        expected.append(("Heading 1", f"{chapter.number}. {chapter.title}"))
        expected += [("Heading 2", rule.heading) for rule in chapter.rules]
    assert headings == expected
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style.name == "Heading 2":
            rule = next(r for ch in document.chapters for r in ch.rules if r.heading == paragraph.text)
            assert paragraphs[index + 1].text == rule.text
    assert "{{" not in "\n".join(p.text for p in paragraphs) and "{%" not in "\n".join(p.text for p in paragraphs)


def test_html_is_one_self_contained_file(model, cards):
    html = render_html(model_document(model, cards))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "nl"
    assert not soup.find_all(["script", "link", "img", "iframe", "object"])
    for element in soup.find_all(href=True):
        assert element["href"].startswith("#"), element
    assert not re.search(r"url\(|@import|https?://", html)


@pytest.fixture(scope="module")
def hostile_model(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    model = load_model()
    first = next(model.rules())
    data = yaml.safe_load(model.source.read_text(encoding="utf-8"))
    data["hoofdstukken"][0]["titel"] = HOSTILE
    data["hoofdstukken"][0]["regels"][0]["tekst"] = HOSTILE
    data["hoofdstukken"][0]["regels"][0]["titel"] = HOSTILE
    path = tmp / "vijandig.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_model(path), first.id


def test_hostile_text_stays_literal(hostile_model, cards):
    model, rule_id = hostile_model
    document = model_document(model, cards)
    assert HOSTILE in markdown_text(render_markdown(document))
    soup = BeautifulSoup(render_html(document), "html.parser")
    assert soup.find("b") is None
    assert HOSTILE in soup.find(id=f"regel-{rule_id}").get_text()
    assert "49" not in soup.find(id=f"regel-{rule_id}").get_text()
    word = Document(io.BytesIO(render_docx(document)))
    texts = [p.text for p in word.paragraphs]
    assert HOSTILE in texts
    assert f"1. {HOSTILE}" in texts


def test_markdown_escape_blocks_line_start_syntax():
    for text in ["# kop", "- lijst", "1. lijst", "> citaat", ":::{note}", "(doel)=", "% commentaar", "+ plus"]:
        assert markdown_text(markdown_block_escape(text)).strip() == text


def test_latex_escape_leaves_no_commands():
    escaped = latex_escape(r"\input{/etc/passwd} $x$ 50% a_b #1 ~ ^ & {}")
    assert "\\input" not in escaped.replace("\\textbackslash{}input", "")
    assert re.fullmatch(r"(\\textbackslash\{\}|\\[{}$&#%_]|\\text[a-z]+\{\}|[^\\{}$&#%_~^])*", escaped)
