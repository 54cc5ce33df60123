"""Property-based: arbitrary and hostile answers never crash and never reach a document as markup."""

import io
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from docx import Document
from kern.loader import load_cards
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from protocol.model import load_model
from protocol.render import clean_text, latex_escape, render_docx, render_html, render_markdown, render_report
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError
from protocolwizard.answers import Answers, Context, Decision, NewRule, parse_answers
from protocolwizard.draft import build_draft

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = Context(load_model(), load_cards(ROOT / "docs" / "kaarten"))
#: A card and a kwestie of it, from the loader (any card will do).
CARD = CONTEXT.cards[0]
KWESTIE = CARD.kwesties[-1]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Tags the templates themselves write; anything else in the output came from data.
PROTOCOL_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p", "strong", "em",
                 "section", "div", "span", "table", "tr", "th", "td", "thead", "tbody", "h3", "ul", "li"}
REPORT_TAGS = PROTOCOL_TAGS | {"dl", "dt", "dd", "a", "ins", "del"}
MARKDOWN_TAGS = {"h1", "h2", "h3", "p", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "a"}

HOSTILE = st.sampled_from([
    "{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "<script>alert(1)</script>", '" onmouseover="x',
    "<img src=x onerror=alert(1)>", "**vet** _schuin_ [link](http://x) # kop", "\\input{/etc/passwd} $x$ & % ~ ^",
    "\u202eomgekeerd\u202c", "\u200fRTL", "a" * 3000, "- lijst\n1. lijst\n> citaat", ":::{note}\nx\n:::",
    "(doel)=", "% commentaar", "`code`", "]]><!--", "&amp; &lt;", "\x00\x07\x1b[31m",
])
TEXT = st.one_of(HOSTILE, st.text(min_size=1, max_size=300), st.builds(lambda a, b: a + b, HOSTILE, st.text(max_size=50)))


def visible(text: str) -> str:
    """What a reader sees of a text: invisible characters gone, whitespace folded."""
    return " ".join(str(clean_text(text)).split())


def answers_with(naam: str, tekst: str, reden: str, nieuw: str) -> Answers:
    return Answers(
        school={"naam": naam, "sector": "vo", "bestuur": reden},
        session={"datum": "2026-11-21", "gespreksleider": naam, "kaarten": [CARD.id]},
        decisions=[Decision("contact-toon", "wijzigen", text=tekst, reason=reden, kwestie=KWESTIE.id),
                   Decision("meelezen-niet", "schrappen", reason=reden)],
        new_rules=[NewRule("contact", nieuw, title=naam, reason=reden)],
        notes={CARD.kwesties[0].id: reden},
    )


def assert_only_template_tags(html: str, allowed: set[str]) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    tags = {tag.name for tag in soup.find_all(True)}
    assert tags <= allowed, tags - allowed
    for tag in soup.find_all(True):
        assert not any(attribute.startswith("on") for attribute in tag.attrs), tag
    return soup


@pytest.mark.slow
@SETTINGS
@given(naam=TEXT, tekst=TEXT, reden=TEXT, nieuw=TEXT)
def test_hostile_answers_stay_literal_in_html_markdown_and_word(naam, tekst, reden, nieuw):
    draft = build_draft(answers_with(naam, tekst, reden, nieuw), CONTEXT)
    soup = assert_only_template_tags(render_html(draft.document), PROTOCOL_TAGS)
    page = " ".join(soup.get_text(" ").split())
    for value in (tekst, nieuw):
        assert visible(value) in page

    report_html = render_report(draft.report, "html", handboek_url="https://h/")
    report = assert_only_template_tags(report_html, REPORT_TAGS)
    assert visible(reden) in " ".join(report.get_text(" ").split())
    links = {a["href"] for a in report.find_all("a")}  # the kwesties discussed, and where each change was
    assert links == {f"https://h/{kwestie.page}" for kwestie in draft.report.scope.kwesties}
    assert f"https://h/kaarten/{CARD.id}.html#{KWESTIE.anchor}" in links

    markdown_html = MarkdownIt("commonmark").enable("table").render(render_markdown(draft.document))
    rendered = assert_only_template_tags(markdown_html, MARKDOWN_TAGS)
    assert visible(tekst) in " ".join(rendered.get_text(" ").split())

    word = Document(io.BytesIO(render_docx(draft.document)))
    texts = " ".join(" ".join(p.text for p in word.paragraphs).split())
    assert visible(tekst) in texts and visible(nieuw) in texts


@SETTINGS
@given(st.text(max_size=500))
def test_latex_escape_leaves_no_active_characters(text):
    escaped = latex_escape(text)
    unescaped = re.sub(r"\\(textbackslash|textasciicircum|textasciitilde|textless|textgreater|textbar)\{\}|\\[{}$&#%_]|\{\[\}", "",
                       escaped)
    assert "[" not in unescaped  # no optional argument after \item or \\
    assert not re.search(r"[\\{}$&#%_^~]", unescaped)


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_the_loader(raw):
    try:
        parse_answers(raw.decode("utf-8", "replace"), CONTEXT, "bestand.yaml")
    except (YamlError, ValidationError) as error:
        assert "bestand.yaml" in str(error)


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(st.dictionaries(st.sampled_from(["versie", "school", "sessie", "besluiten", "nieuwe_regels", "notities", "x"]),
                       YAML_VALUES, max_size=6))
def test_arbitrary_structures_are_rejected_cleanly(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        answers = parse_answers(text, CONTEXT, "a.yaml")
    except (YamlError, ValidationError):
        return
    build_draft(answers, CONTEXT)  # whatever passes the check can be drafted


@pytest.mark.pdf
def test_latex_commands_in_answers_are_typeset_not_run(tmp_path, tex):
    import subprocess

    from protocolwizard.output import render_pdf

    attack = r"\input{/etc/passwd} \immediate\write18{touch /tmp/besmet} $x^2$ 100% #1 a_b ~ {}"
    draft = build_draft(answers_with("School & Co", attack, "reden", "nieuw"), CONTEXT)
    pdf = tmp_path / "protocol.pdf"
    pdf.write_bytes(render_pdf(draft))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "root:" not in text
    assert "input{/etc/passwd}" in text.replace("\n", " ") and "100% #1 a_b" in text
    assert "School & Co" in text
