"""Property-based, over the whole answers schema: whatever `controleer` accepts, `maak` renders in every format;
whatever it rejects gets exit code 2 and a message with file, line and field; never a traceback.

The answers files are generated from the schema declaration (answers_schema.SCHEMA), so a field added there
is generated here too: every optional field absent, empty and filled; arbitrary Unicode (lone surrogates,
control characters, combining marks, right-to-left text, emoji); every decision kind; new rules in every
chapter; now and then a value of the wrong kind, to walk the rejection path as well.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from kern.loader import load_cards
from protocol.model import load_model
from protocol.writers.latex import PREAMBLE
from protocolwizard import answers_schema
from protocol.pdftekens import pdf_problem
from protocol.schema import ValidationError, text_problem
from protocol.strict_yaml import YamlError
from protocolwizard.answers import DATE_RANGE, Context, answers_text, parse_answers
from protocolwizard.answers_schema import SCHEMA, Field
from protocolwizard.cli import main

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = Context(load_model(), load_cards(ROOT / "docs" / "kaarten"))
EXAMPLES = int(os.environ.get("WIZARD_VOORBEELDEN", "200"))
PDF_EXAMPLES = int(os.environ.get("WIZARD_PDF_VOORBEELDEN", "8"))
COUNTS: Counter = Counter()

# Text a Dutch school may type, and text no one should: accents as combining marks, thin and narrow
# spaces, right-to-left and bidirectional controls, emoji with joiners, CJK, control characters,
# lone surrogates, markup of every output format.
ODD_TEXT = st.sampled_from([
    "Çağrı Öztürk", "محمد الهاشمي", "Nguyễn Thị Hồng", "王小明", "Αλέξανδρος", "e\u0301e\u0300n",
    "a\u2009b\u202fc", "✓ ok", "👩🏽‍🏫 juf", "\u202eomgekeerd\u202c", "\u200f\u200e", "\ud800", "a\udfffb",
    "\x00\x07\x1b[31m", "\u0085\u2028\u2029", "{{ 7*7 }}", "<script>x</script>", r"\input{x} $ & % # _ ^ ~",
    "- lijst\n1. item\n> citaat", "   ", "\t", "[naam school]", "0", "ja", "~", "null", "\ufeff", "\uffff",
])
ANY_CHAR = st.one_of(st.characters(), st.characters(categories=["Cs"]))
TEXT = st.one_of(ODD_TEXT, st.text(ANY_CHAR, max_size=80),
                 st.builds(lambda a, b: a + b, ODD_TEXT, st.text(ANY_CHAR, max_size=20)))
# What a fault-free file holds: text every check accepts (the PDF's fonts included), still of every script,
# so that most of those files reach every writer instead of stopping at one refused character.
RENDERABLE_TEXT = st.one_of(ODD_TEXT, st.text(ANY_CHAR, min_size=1, max_size=60)).filter(
    lambda text: text_problem(text) is None and pdf_problem(text) is None)
WRONG_KIND = st.one_of(st.booleans(), st.integers(), st.lists(st.integers(), max_size=2),
                       st.dictionaries(st.sampled_from(["x", "naam"]), st.integers(), max_size=2))


class Faults:
    """Whether a generated file may hold values of the wrong kind (one field in twelve) or none at all."""

    on = True


def rarely(valid: st.SearchStrategy, invalid: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly ``valid``; one time in twelve ``invalid`` (never while generating fault-free files)."""
    if not Faults.on:
        return valid
    return st.integers(0, 11).flatmap(lambda n: invalid if n == 0 else valid)


def _refs(kind: str) -> list[str]:
    return sorted(CONTEXT.refs(kind))


def value_strategy(spec: Field) -> st.SearchStrategy:
    """Values for one field, derived from its declaration."""
    kind = spec.kind
    if kind == "version":
        return rarely(st.just(answers_schema.SCHEMA_VERSION), st.sampled_from([0, 2, "1", None]))
    if kind == "modelversie":
        return rarely(st.sampled_from([CONTEXT.model.version, answers_schema.FIRST_MODEL_VERSION]), st.one_of(TEXT, WRONG_KIND))
    if kind == "text":
        too_long = st.just("x" * (spec.max_length + 1))
        return rarely(TEXT, st.one_of(WRONG_KIND, too_long)) if Faults.on else RENDERABLE_TEXT
    if kind == "choice":
        return rarely(st.sampled_from(spec.choice_values), st.one_of(TEXT, WRONG_KIND))
    if kind == "bool":
        return rarely(st.booleans(), st.one_of(TEXT, st.integers()))
    if kind == "file":  # the own protocol as a base: tests/test_eigenbasis.py; here the model (empty) or a wrong value
        return rarely(st.just(""), st.one_of(TEXT, WRONG_KIND))
    if kind == "date":
        first, last = DATE_RANGE
        days = st.dates(date(first, 1, 1), date(last, 12, 31)).map(lambda d: d.isoformat())
        return rarely(days, st.one_of(TEXT, st.dates().map(lambda d: d.isoformat()),
                                      st.sampled_from(["2026-02-30", "9999-12-31", "0001-01-01"])))
    if kind == "email":
        return rarely(st.emails(), TEXT)
    if kind == "ref":
        return rarely(st.sampled_from(_refs(spec.ref)), st.one_of(TEXT, WRONG_KIND))
    if kind == "url":
        return rarely(st.sampled_from(["https://handboek.example/", "http://school.example/handboek", ""]),
                      st.one_of(TEXT, WRONG_KIND, st.just("javascript:alert(1)")))
    if kind == "refs":
        return rarely(st.lists(st.sampled_from(_refs(spec.ref)), unique=True), st.lists(TEXT, max_size=2))
    if kind == "block":
        return block_strategy(spec)
    if kind == "list":
        item = Field("", "block", spec.label, fields=spec.fields)
        return rarely(st.lists(block_strategy(item), max_size=4), WRONG_KIND)
    if kind == "map":
        return rarely(st.dictionaries(st.sampled_from(_refs(spec.ref)), value_strategy(spec.fields[0]), max_size=3),
                      WRONG_KIND)
    raise AssertionError(f"no strategy for field kind {kind}")


def optional_value(spec: Field) -> st.SearchStrategy:
    """An optional field: empty, null or filled (absent is the other case of the block)."""
    empty = {"list": st.just([]), "refs": st.just([]), "map": st.just({}), "block": st.just({})}.get(spec.kind, st.just(""))
    return st.one_of(empty, st.none(), value_strategy(spec))


def block_strategy(spec: Field) -> st.SearchStrategy:
    required = {f.key: value_strategy(f) for f in spec.fields if f.required}
    optional = {f.key: optional_value(f) for f in spec.fields if not f.required}
    return st.fixed_dictionaries(required, optional=optional)


def _consistent(data: dict) -> dict:
    """What a single field cannot know: one decision per rule, rules of the school's sector, a text when changing."""
    sector = data["school"]["sector"]
    seen, decisions = set(), []
    for item in data.get("besluiten") or []:
        rule = CONTEXT.model.rule(item["regel"])
        if rule.id in seen or not rule.applies_to(sector):
            continue
        seen.add(rule.id)
        if item["besluit"] == "wijzigen" and not str(item.get("tekst") or "").strip():
            item["tekst"] = "Nieuwe tekst."
        decisions.append(item)
    if "besluiten" in data:
        data["besluiten"] = decisions
    return data


Faults.on = False
FAULTLESS_FILES = block_strategy(SCHEMA).map(_consistent)
Faults.on = True
ANSWERS_FILES = st.one_of(block_strategy(SCHEMA), FAULTLESS_FILES)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def assert_rejected_with_file_line_and_field(code: int, err: str, path: Path) -> None:
    assert code == 2, err
    problems = [line.strip() for line in err.splitlines()[1:] if line.strip()]
    assert problems, err
    for problem in problems:
        assert problem.startswith(f"{path}, regel "), problem
        assert re.match(rf"{re.escape(str(path))}, regel \d+: veld \S+: ", problem), problem


class _WrittenOut(yaml.SafeDumper):
    """Every value written out where it stands, as a person writes the file. PyYAML would write a value
    that occurs twice (hypothesis hands out one ``{}`` for two fields) once with an anchor and then as an
    alias; the checker refuses aliases, by design, with a message of its own (tests/test_wizard_invoer.py)."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(data: dict, sort_keys: bool = False) -> str:
    return yaml.dump(data, Dumper=_WrittenOut, allow_unicode=True, sort_keys=sort_keys)


def check_and_make(data: dict, formats: str) -> None:
    text = dump(data)
    folder = Path(tempfile.mkdtemp(prefix="eigenschap-"))
    try:
        path = folder / "antwoorden.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
        code, _, err = run("controleer", str(path))
        if code != 0:
            COUNTS["geweigerd"] += 1
            assert_rejected_with_file_line_and_field(code, err, path)
            code, _, err = run("maak", str(path), "--uitvoer", str(folder / "uit"), "--formaat", formats)
            assert_rejected_with_file_line_and_field(code, err, path)
            return
        COUNTS["aanvaard"] += 1
        code, out, err = run("maak", str(path), "--uitvoer", str(folder / "uit"), "--formaat", formats)
        assert code == 0, err + out
        assert "Let op" not in out, out  # no format silently left out
        written = {p.name for p in (folder / "uit").iterdir()}
        expected = {f"protocol.{fmt}" for fmt in formats.split(",")} | {
            "wijzigingsverslag.md", "wijzigingsverslag.html", "antwoorden.yaml"} | {
            f"wijzigingsverslag.{fmt}" for fmt in formats.split(",") if fmt in ("docx", "pdf")}
        assert written == expected, written ^ expected
        # The normalised answers the tool wrote are read back as they are.
        code, _, err = run("controleer", str(folder / "uit" / "antwoorden.yaml"))
        assert code == 0, err
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    print(f"\nGegenereerde antwoordbestanden: {sum(COUNTS.values())} ({dict(COUNTS)})")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ANSWERS_FILES)
def test_every_answers_file_is_rendered_or_rejected_with_file_line_and_field(data):
    check_and_make(data, "md,html,docx")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ANSWERS_FILES)
def test_what_the_wizard_resumes_it_saves_so_that_it_resumes_again(data):
    """`start --hervat` reads a file partially; saving it again (comments kept) gives a file that reads back."""
    text = dump(data)
    try:
        answers = parse_answers(text, CONTEXT, "a.yaml", partial=True)
    except (YamlError, ValidationError):
        COUNTS["hervat geweigerd"] += 1
        return
    COUNTS["hervat"] += 1
    saved = answers_text(answers, "# met de hand\n" + text)
    again = parse_answers(saved, CONTEXT, "a.yaml", partial=True)
    assert answers_text(again) == answers_text(answers)


def test_every_chapter_and_decision_kind_renders(tmp_path):
    """One file that adds a new rule to every chapter and takes every decision kind (from the schema)."""
    sector = next(iter(CONTEXT.model.rules())).sectors[0]
    rules = [rule for rule in CONTEXT.model.rules() if rule.applies_to(sector)]
    kinds = answers_schema.at("besluiten", "besluit").choice_values
    data = {
        "versie": answers_schema.SCHEMA_VERSION,
        "school": {"naam": "Çağrı Öztürk-school", "sector": sector},
        "sessie": {"datum": "2026-11-21"},
        "besluiten": [{"regel": rule.id, "besluit": kind, "tekst": f"Nieuwe tekst {index}"}
                      for index, (rule, kind) in enumerate(zip(rules, kinds))],
        "nieuwe_regels": [{"hoofdstuk": chapter.id, "tekst": f"Nieuw in {chapter.title}"}
                          for chapter in CONTEXT.model.chapters],
    }
    path = tmp_path / "alles.yaml"
    path.write_text(dump(data, sort_keys=True), encoding="utf-8")
    assert run("maak", str(path), "--uitvoer", str(tmp_path / "uit"), "--formaat", "md,html,docx")[0] == 0
    html = (tmp_path / "uit" / "protocol.html").read_text(encoding="utf-8")
    ids = re.findall(r'id="(regel-[^"]*)"', html)
    assert len(ids) == len(set(ids)) and "regel-" not in ids
    chapters_with_rules = [c for c in CONTEXT.model.chapters if any(r.applies_to(sector) for r in c.rules)]
    for chapter in CONTEXT.model.chapters:
        assert f"Nieuw in {chapter.title}" in html, chapter.id
    assert sum(1 for i in ids if i.startswith("regel-nieuw-")) == len(chapters_with_rules)


def _preamble_uses_pdflatex() -> bool:
    return "inputenc" in PREAMBLE.read_text(encoding="utf-8")


@pytest.mark.pdf
@pytest.mark.xfail(_preamble_uses_pdflatex(), reason="pdflatex met inputenc kent niet elk Unicode-teken; "
                   "de LuaLaTeX-preambule (latex-preamble.tex) maakt deze test streng", strict=False)
@settings(max_examples=PDF_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # shrinking a PDF failure takes minutes
@given(ANSWERS_FILES)
def test_every_accepted_answers_file_becomes_a_pdf(data):
    if shutil.which("latexmk") is None:
        pytest.skip("TeX ontbreekt: installeer het met 'make tex'.")
    COUNTS["pdf"] += 1
    check_and_make(data, "pdf")
