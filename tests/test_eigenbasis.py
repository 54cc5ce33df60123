"""The school's own protocol as the base of a draft (answers with ``basis``): decisions apply to the school's
rules, the draft keeps the school's structure, numbers and wording, and imported text stays data in every format."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from docx import Document
from markdown_it import MarkdownIt

import wordbouw
from kern.loader import load_cards
from protocol import teksten
from protocol.document import model_document
from protocol.eigen_protocol import confirm_proposals, dump_protocol, import_protocol
from protocol.model import load_model
from protocol.render import clean_text, render_latex, render_protocol, render_report
from protocol.schema import ValidationError
from protocol.trace import rules_for_kwestie
from protocol.vergelijking import compare
from protocolwizard.answers import Answers, Context, Decision, NewRule, load_answers
from protocolwizard.cli import main
from protocolwizard.draft import build_draft
from protocolwizard.interview import Interview, Prompts

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = Context(load_model(), load_cards(ROOT / "docs" / "kaarten"))


def own_protocol(folder: Path, texts: dict[str, str] | None = None, confirm: bool = True) -> Path:
    """A Word protocol built with python-docx, imported (and its topic proposals confirmed) next to the answers."""
    source = folder / "protocol.docx"
    source.write_bytes(wordbouw.protocol_docx(texts))
    data = import_protocol(source, CONTEXT.model).data
    if confirm:
        confirm_proposals(data)
    target = folder / "eigen-protocol.yaml"
    target.write_text(dump_protocol(data), encoding="utf-8")
    return target


def answers_yaml(basis: str, decisions: list[dict], new_rules: list[dict] | None = None, **school) -> str:
    data = {
        "versie": 1,
        "basis": basis,
        "school": {"naam": "Het Baken", "sector": "po", **school},
        "sessie": {"datum": "2026-10-05", "kaarten": [CONTEXT.cards[0].id]},
        "besluiten": decisions,
        "nieuwe_regels": new_rules or [],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture()
def base(tmp_path) -> tuple[Path, object]:
    path = own_protocol(tmp_path)
    return path, load_model(path)


def test_decisions_apply_to_the_schools_rules_and_the_rest_stays_as_the_school_wrote_it(tmp_path, base):
    path, protocol = base
    rules = list(protocol.rules())
    changed, removed, kept = rules[0], rules[-1], rules[1]
    chapter = protocol.chapters[-1]
    answers_file = tmp_path / "antwoorden.yaml"
    answers_file.write_text(answers_yaml(path.name, [
        {"regel": changed.id, "besluit": "wijzigen", "tekst": "Nieuwe tekst van het team.", "toelichting": "Waarom."},
        {"regel": removed.id, "besluit": "schrappen"},
        {"regel": kept.id, "besluit": "behouden"},
    ], [{"hoofdstuk": chapter.id, "titel": "Toegevoegd", "tekst": "Een regel die erbij komt."}]), encoding="utf-8")
    answers = load_answers(answers_file, CONTEXT)
    assert answers.base == protocol and answers.basis == path.name
    draft = build_draft(answers, CONTEXT)

    # Structure: the school's chapters, titles and numbers; every rule not decided on word for word.
    assert [c.title for c in draft.document.chapters] == [c.title for c in protocol.chapters]
    assert [c.heading for c in draft.document.chapters] == [f"{c.number} {c.title}".strip() for c in protocol.chapters]
    shown = {r.id: r for r in draft.document.rules()}
    for rule in rules:
        if rule.id == removed.id:
            assert rule.id not in shown
        elif rule.id == changed.id:
            assert shown[rule.id].text == "Nieuwe tekst van het team." and shown[rule.id].number == rule.number
        else:
            assert (shown[rule.id].text, shown[rule.id].number) == (rule.text, rule.number)
    order = [r.id for r in draft.document.rules()]
    assert order[:-1] == [r.id for r in rules if r.id != removed.id]  # the school's order; the new rule at the end
    assert draft.document.chapters[-1].rules[-1].text == "Een regel die erbij komt."

    # The report says what it was compared with, and names the changes.
    kinds = sorted(change.kind for change in draft.report.changes)
    assert kinds == sorted([teksten.CHANGED, teksten.REMOVED, teksten.ADDED])
    assert draft.report.base_name == protocol.origin["bestand"]
    assert "eigen protocol van de school" in draft.document.introduction
    assert [k.number for k in draft.report.kept] == [kept.number]


def test_the_draft_reads_the_schools_numbers_in_every_format(tmp_path, base):
    path, protocol = base
    answers_file = tmp_path / "antwoorden.yaml"
    answers_file.write_text(answers_yaml(path.name, []), encoding="utf-8")
    draft = build_draft(load_answers(answers_file, CONTEXT), CONTEXT)
    html = " ".join(BeautifulSoup(render_protocol(draft.document, "html"), "html.parser").get_text(" ").split())
    markdown = render_protocol(draft.document, "md")
    word = [p.text for p in Document(io.BytesIO(render_protocol(draft.document, "docx"))).paragraphs]
    for rule in protocol.rules():
        text = " ".join(rule.text.split())
        assert f"{rule.number} {text}".strip() in html  # the school's own number, with no dot added
        if rule.number:
            assert rule.number in word  # a numbered rule keeps its number as its heading
    assert not re.search(r"[.)•]\.", html) and "**.**" not in markdown


def test_a_rule_that_is_not_in_the_own_protocol_is_refused_with_file_line_and_field(tmp_path, base, capsys):
    path, protocol = base
    model_rule = next(r.id for r in CONTEXT.model.rules() if r.id not in {x.id for x in protocol.rules()})
    text = answers_yaml(path.name, [{"regel": next(protocol.rules()).id, "besluit": "behouden"},
                                    {"regel": model_rule, "besluit": "schrappen"}])
    answers_file = tmp_path / "antwoorden.yaml"
    answers_file.write_text(text, encoding="utf-8")
    assert main(["controleer", str(answers_file)]) == 2
    err = capsys.readouterr().err
    assert f"{answers_file}, regel {line_of(text, model_rule)}" in err and "besluiten.2.regel" in err
    assert f"onbekende regel '{model_rule}'" in err and "Traceback" not in err


def test_a_missing_or_invalid_base_is_a_dutch_error_with_file_and_line(tmp_path, capsys):
    answers_file = tmp_path / "antwoorden.yaml"
    text = answers_yaml("bestaat-niet.yaml", [])
    answers_file.write_text(text, encoding="utf-8")
    assert main(["controleer", str(answers_file)]) == 2
    err = capsys.readouterr().err
    assert f"{answers_file}, regel {line_of(text, 'basis:')}" in err and "bestaat niet" in err

    broken = tmp_path / "kapot.yaml"
    broken.write_text("versie: 1\ntitel: [\n", encoding="utf-8")
    answers_file.write_text(answers_yaml(broken.name, []), encoding="utf-8")
    assert main(["controleer", str(answers_file)]) == 2
    err = capsys.readouterr().err
    assert "veld basis" in err and str(broken) in err and "Traceback" not in err

    wrong = own_protocol(tmp_path)  # a valid protocol with a rule whose topic is unknown: its own file and line
    text = wrong.read_text(encoding="utf-8").replace("onderwerpen: [", "onderwerpen: [bestaat-niet, ", 1)
    wrong.write_text(text, encoding="utf-8")
    answers_file.write_text(answers_yaml(wrong.name, []), encoding="utf-8")
    assert main(["controleer", str(answers_file)]) == 2
    err = capsys.readouterr().err
    assert f"{wrong}, regel {line_of(text, 'bestaat-niet')}" in err and "onbekend onderwerp 'bestaat-niet'" in err

    answers_file.write_text(answers_yaml("protocol.docx", []), encoding="utf-8")  # a Word file is imported first
    assert main(["controleer", str(answers_file)]) == 2
    assert "niet de extensie .yaml" in capsys.readouterr().err

    model_file = tmp_path / "model.yaml"  # the model's format (no 'bron'): not an imported protocol
    model_file.write_text((ROOT / "tools/protocol/templates/voorbeeldprotocol.yaml").read_text(encoding="utf-8"))
    answers_file.write_text(answers_yaml(model_file.name, []), encoding="utf-8")
    assert main(["controleer", str(answers_file)]) == 2
    assert "geen ingelezen protocol" in capsys.readouterr().err


def test_unconfirmed_topics_give_a_warning_naming_how_to_confirm(tmp_path):
    path = own_protocol(tmp_path, confirm=False)
    answers_file = tmp_path / "antwoorden.yaml"
    answers_file.write_text(answers_yaml(path.name, []), encoding="utf-8")
    answers = load_answers(answers_file, CONTEXT)
    assert any("importeer --bevestig" in warning for warning in answers.warnings)


def test_the_wizard_shows_per_kwestie_the_schools_rules_through_the_confirmed_topics(tmp_path, base):
    path, protocol = base
    answers_file = tmp_path / "antwoorden.yaml"
    answers_file.write_text(answers_yaml(path.name, []), encoding="utf-8")
    answers = load_answers(answers_file, CONTEXT)
    interview = Interview(answers_file, CONTEXT, Prompts(write=lambda text: None), answers)
    for card in CONTEXT.cards:
        for kwestie in card.kwesties:
            expected = [r.id for r in protocol.rules() if set(r.topics) & set(kwestie.topics)]
            assert [r.id for r in interview.kwestie_rules(kwestie)] == expected
            assert [r.id for r in rules_for_kwestie(interview.context.model, kwestie, "po")] == expected
    # at least one kwestie touches a school rule, so the check above is not empty
    assert any(interview.kwestie_rules(k) for card in CONTEXT.cards for k in card.kwesties)


def test_placeholders_in_the_schools_rules_are_filled_in(tmp_path):
    path = own_protocol(tmp_path, {"slot": "Vragen gaan naar [naam vertrouwenspersoon] van [naam school]."})
    answers_file = tmp_path / "antwoorden.yaml"
    answers_file.write_text(answers_yaml(path.name, [], vertrouwenspersoon={"naam": "Marieke de Wit"}), encoding="utf-8")
    draft = build_draft(load_answers(answers_file, CONTEXT), CONTEXT)
    texts = [r.text for r in draft.document.rules()]
    assert "Vragen gaan naar Marieke de Wit van Het Baken." in texts
    assert "[naam vertrouwenspersoon]" not in draft.report.placeholders


def test_the_change_report_compares_the_base_with_every_kwestie(tmp_path, base):
    path, protocol = base
    answers_file = tmp_path / "antwoorden.yaml"
    answers_file.write_text(answers_yaml(path.name, []), encoding="utf-8")
    draft = build_draft(load_answers(answers_file, CONTEXT), CONTEXT)
    comparison = compare(protocol, CONTEXT.model, CONTEXT.cards)
    html = render_report(draft.report, "html", "https://h/")
    page = BeautifulSoup(html, "html.parser")
    assert teksten.REPORT_COVERAGE in page.get_text()
    links = {a["href"] for a in page.find_all("a")}
    for card in comparison.cards:
        for kwestie in card.kwesties:
            assert f"https://h/{kwestie.ref.page}" in links
    shown = " ".join(page.get_text(" ").split())
    for topic in comparison.missing_topics:
        assert comparison.topic_titles[topic] in shown
    markdown = render_report(draft.report, "md", "https://h/")
    assert teksten.REPORT_COVERAGE in markdown
    # Without a base there is no such section.
    plain = build_draft(Answers(school={"naam": "X", "sector": "vo"}, session={"datum": "2026-10-05"}), CONTEXT)
    assert teksten.REPORT_COVERAGE not in render_report(plain.report, "md", "https://h/")


# --- Imported text is data in every output format, also as the base of a draft ---

HOSTILE = {"lid1": "{{ 7*7 }}", "num1": "<script>alert(1)</script>", "tekstvak": "\\input{/etc/passwd} $x$ & % ~ ^",
           "cel11": "<img src=x onerror=alert(1)>", "slot": "**vet** _schuin_ [link](http://x) # kop",
           "kop2": "{% for x in range(3) %}x{% endfor %}", "num2": "- lijst 1. > citaat :::{note} x ::: `code` ]]><!--"}
PROTOCOL_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "h4", "p", "strong", "em",
                 "section", "div", "span", "table", "tr", "th", "td", "thead", "tbody", "dl", "dt", "dd", "a", "ul", "li", "ins", "del"}


def visible(text: str) -> str:
    return " ".join(str(clean_text(text)).split())


def hostile_draft(tmp_path: Path):
    path = own_protocol(tmp_path, HOSTILE)
    protocol = load_model(path)
    rules = list(protocol.rules())
    answers_file = tmp_path / "antwoorden.yaml"
    answers_file.write_text(answers_yaml(path.name, [
        {"regel": rules[0].id, "besluit": "wijzigen", "tekst": HOSTILE["num1"], "toelichting": HOSTILE["lid1"]},
        {"regel": rules[-1].id, "besluit": "schrappen", "toelichting": HOSTILE["slot"]},
    ]), encoding="utf-8")
    return protocol, build_draft(load_answers(answers_file, CONTEXT), CONTEXT)


def test_hostile_imported_text_stays_literal_in_a_draft_and_its_report_in_every_format(tmp_path):
    protocol, draft = hostile_draft(tmp_path)
    texts = [visible(r.text) for r in draft.document.rules()]
    for kind, html in (("protocol", render_protocol(draft.document, "html")),
                       ("report", render_report(draft.report, "html", "https://h/"))):
        soup = BeautifulSoup(html, "html.parser")
        assert {tag.name for tag in soup.find_all(True)} <= PROTOCOL_TAGS, kind
        assert not any(a.startswith("on") for tag in soup.find_all(True) for a in tag.attrs)
        if kind == "protocol":
            shown = " ".join(soup.get_text(" ").split())
            assert all(text in shown for text in texts)
    for kind, markdown in (("protocol", render_protocol(draft.document, "md")),
                           ("report", render_report(draft.report, "md", "https://h/"))):
        soup = BeautifulSoup(MarkdownIt("commonmark").enable("table").render(markdown), "html.parser")
        assert not soup.find_all(["script", "img", "blockquote", "code"])
        if kind == "protocol":
            shown = " ".join(soup.get_text(" ").split())
            assert all(text in shown for text in texts), [t for t in texts if t not in shown]
    word = " ".join(" ".join(p.text for p in Document(io.BytesIO(render_protocol(draft.document, "docx"))).paragraphs).split())
    assert all(text in word for text in texts)
    tex = render_latex(draft.document)
    assert "\\input{/etc/passwd}" not in tex and "\\{\\{ 7*7 \\}\\}" in tex


@pytest.mark.pdf
def test_hostile_imported_text_is_typeset_not_run_in_the_pdf(tmp_path, tex):
    from protocolwizard.output import render_pdf

    protocol, draft = hostile_draft(tmp_path)
    pdf = tmp_path / "protocol.pdf"
    pdf.write_bytes(render_pdf(draft))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "root:" not in text
    assert "input{/etc/passwd}" in text and "{{ 7*7 }}" in text


# --- Whatever the checker accepts as a base and as decisions on it, every writer renders ---

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from test_eigen_protocol import CHAPTER, TEXT  # noqa: E402  (the imported protocol's strategies)

DECIDE = st.sampled_from(["behouden", "wijzigen", "schrappen"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=TEXT, chapters=st.lists(CHAPTER, min_size=1, max_size=3), data=st.data())
def test_any_accepted_base_with_any_accepted_decisions_renders_in_every_format(tmp_path_factory, title, chapters, data):
    folder = tmp_path_factory.mktemp("basis")
    for n, chapter in enumerate(chapters, 1):
        chapter["id"] = f"hoofdstuk-{n}"
        for m, rule in enumerate(chapter["regels"], 1):
            rule["id"] = f"regel-{n}-{m}"
    protocol_file = folder / "eigen-protocol.yaml"
    protocol_file.write_text(dump_protocol({"versie": 1, "titel": title, "bron": {"bestand": "x.docx", "formaat": "docx"},
                                            "hoofdstukken": chapters}), encoding="utf-8")
    try:
        protocol = load_model(protocol_file)
    except ValidationError:
        return  # refused with file, line and field: tests/test_eigen_protocol.py
    ids = [rule.id for rule in protocol.rules()]
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    decisions = [{"regel": rule_id, "besluit": (kind := data.draw(DECIDE)),
                  **({"tekst": data.draw(TEXT)} if kind == "wijzigen" else {})} for rule_id in chosen]
    new_rules = [{"hoofdstuk": data.draw(st.sampled_from([c.id for c in protocol.chapters])), "tekst": data.draw(TEXT)}
                 for _ in range(data.draw(st.integers(0, 2)))]
    answers_file = folder / "antwoorden.yaml"
    answers_file.write_text(answers_yaml(protocol_file.name, decisions, new_rules), encoding="utf-8")
    try:
        answers = load_answers(answers_file, CONTEXT)
    except ValidationError as error:  # e.g. a new text of invisible characters only: named with line and field
        assert all(problem.line and "veld " in str(problem) for problem in error.errors), error
        return
    draft = build_draft(answers, CONTEXT)
    for fmt in ("md", "html", "docx", "tex"):
        render_protocol(draft.document, fmt)
    for fmt in ("md", "html"):
        render_report(draft.report, fmt, "https://h/")
    kept = {r.id for r in draft.document.rules()} & set(ids)
    assert kept == set(ids) - {d["regel"] for d in decisions if d["besluit"] == "schrappen"}
