"""The answers schema, declared once: the empty file, the checks, the prompts, the particulars and the
normalised file all follow it; resuming keeps a hand-edited file's comments; versions migrate."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from docx import Document
from kern.loader import load_cards
from protocol.model import load_model
from protocol.render import render_html
from protocol.schema import ValidationError
from protocol.strict_yaml import parse_yaml
from protocolwizard import answers_schema
from protocolwizard.answers import Context, NewRule, answers_text, load_answers, parse_answers, prompt_problem, to_data
from protocolwizard.answers_schema import SCHEMA, walk
from protocolwizard.cli import main
from protocolwizard.draft import build_draft
from protocolwizard.empty_file import empty_answers_file
from protocolwizard.interview import run_interview

from test_wizard_interactief import ScriptedPrompts, choose, responder

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "antwoorden-voorbeeld.yaml"
CONTEXT = Context(load_model(), load_cards(ROOT / "docs" / "kaarten"))
EXAMPLE_DATA = parse_yaml(EXAMPLE.read_bytes()).data


def keys(data: dict, prefix: tuple = ()) -> set[tuple]:
    found = set()
    for key, value in data.items():
        found.add(prefix + (key,))
        if isinstance(value, dict) and key != "notities":
            found |= keys(value, prefix + (key,))
    return found


def test_empty_file_holds_every_field_of_the_schema_with_its_help():
    text = empty_answers_file(CONTEXT)
    data = parse_yaml(text).data
    assert keys(data) == {path for path, _ in walk()}
    flat = " ".join(line.lstrip("# ").strip() for line in text.splitlines())
    for path, field in walk():
        if field.help:
            assert " ".join(field.help.split("{")[0].split()) in flat, path
        if field.placeholder:
            assert field.placeholder in text, path
    for spec in (answers_schema.at("besluiten"), answers_schema.at("nieuwe_regels")):
        for item in spec.fields:
            assert f"#   {item.key}:" in text, item.key


def test_the_empty_file_filled_in_by_hand_passes(tmp_path, capsys):
    path = tmp_path / "nieuw.yaml"
    assert main(["leeg", str(path)]) == 0
    assert main(["controleer", str(path)]) == 2  # required fields are still empty
    errors = capsys.readouterr().err
    required = [path_ for path_, field in walk() if field.required and field.kind not in ("block", "version")]
    for field_path in required:
        assert f"veld {'.'.join(field_path)}:" in errors, field_path
    data = parse_yaml(path.read_bytes()).data
    data["school"].update(naam="Testschool", sector=next(iter(answers_schema.at("school", "sector").choice_values)))
    data["sessie"]["datum"] = "2026-11-21"
    before = path.read_text(encoding="utf-8")
    path.write_text(answers_text(parse_answers(yaml.safe_dump(data), CONTEXT), before), encoding="utf-8")
    assert main(["controleer", str(path)]) == 0
    after = path.read_text(encoding="utf-8")
    assert [line for line in before.splitlines() if line.startswith("#")] == [
        line for line in after.splitlines() if line.startswith("#")]  # the file's comments are kept


OPTIONAL = [path for path, field in walk() if not field.required]


@pytest.mark.parametrize("path", OPTIONAL, ids=".".join)
def test_any_optional_field_may_be_left_out(tmp_path, path):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent.pop(path[-1], None)
    answers_path = tmp_path / "antwoorden.yaml"
    answers_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["controleer", str(answers_path)]) == 0
    assert main(["maak", str(answers_path), "--uitvoer", str(tmp_path / "uit"), "--formaat", "md,html,docx"]) == 0
    field = answers_schema.at(*path)
    if field.particulars:
        html = BeautifulSoup((tmp_path / "uit" / "protocol.html").read_text(encoding="utf-8"), "html.parser")
        labels = [th.get_text() for th in html.select("table.gegevens th[scope=row]")]
        assert field.particulars not in labels


def test_particulars_come_from_the_schema():
    answers = load_answers(EXAMPLE, CONTEXT)
    draft = build_draft(answers, CONTEXT)
    labels = [label for label, _ in draft.document.particulars]
    declared = [field.particulars for _, field in walk() if field.particulars]
    assert labels[: len(declared)] == declared
    word = Document(io.BytesIO(__import__("protocol.render", fromlist=["x"]).render_docx(draft.document)))
    cells = [row.cells[0].text for row in word.tables[0].rows]
    assert all(label in cells for label in declared)


def test_placeholders_are_filled_from_the_fields_that_declare_them():
    answers = load_answers(EXAMPLE, CONTEXT)
    draft = build_draft(answers, CONTEXT)
    text = " ".join(rule.text for rule in draft.document.rules())
    for placeholder, path in answers_schema.placeholders().items():
        value = answers_schema.value_at(EXAMPLE_DATA, path)
        field = answers_schema.at(*path)
        if field.kind == "choice":  # a choice fills in its words ("elke twee jaar"), not its key
            value = dict(field.choices)[value]
        assert placeholder not in text
        if any(placeholder in rule.text for rule in CONTEXT.model.rules() if rule.applies_to(answers.sector)):
            assert value in text, placeholder


def test_normalised_file_follows_the_schema_order():
    data = to_data(load_answers(EXAMPLE, CONTEXT), keep_asked=False)
    order = [field.key for field in SCHEMA.fields]
    assert list(data) == [key for key in order if key in data]
    for block in ("school", "sessie"):
        declared = [f.key for f in answers_schema.at(block).fields]
        assert list(data[block]) == [key for key in declared if key in data[block]]


def test_every_text_field_refuses_at_the_prompt_what_the_file_refuses():
    for path, field in walk():
        if field.kind not in ("text", "email", "date"):
            continue
        too_long = "x" * (field.max_length + 1)
        assert prompt_problem(field, too_long), path
        data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
        parent = data
        for key in path[:-1]:
            parent = parent.setdefault(key, {})
        parent[path[-1]] = too_long
        with pytest.raises(ValidationError) as raised:
            parse_answers(yaml.safe_dump(data, allow_unicode=True), CONTEXT, "a.yaml")
        assert f"veld {'.'.join(path)}:" in str(raised.value), path
    name = answers_schema.at("school", "naam")
    assert prompt_problem(name, "Het Lyceum") is None and prompt_problem(name, "a\ud800b")


def test_a_lone_surrogate_is_rejected_with_field_and_line(tmp_path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8").replace("plaats: Middelburg", 'plaats: "Middel\\ud800burg"')
    path = tmp_path / "antwoorden.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "plaats:" in row)
    assert main(["maak", str(path), "--uitvoer", str(tmp_path / "uit")]) == 2
    err = capsys.readouterr().err
    assert f"{path}, regel {line}: veld school.plaats: bevat een ongeldig teken (U+D800" in err
    err.encode("utf-8")  # printable: no surrogate reaches the terminal


def test_the_kwestie_geen_of_a_new_rule_is_accepted():
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["nieuwe_regels"][0]["kwestie"] = ""
    answers = parse_answers(yaml.safe_dump(data, allow_unicode=True), CONTEXT)
    assert build_draft(answers, CONTEXT).changes


def test_new_rules_get_unique_ids_and_anchors():
    answers = load_answers(EXAMPLE, CONTEXT)
    chapter = answers.new_rules[0].chapter
    answers.new_rules += [NewRule(chapter, "Tweede nieuwe regel."), NewRule(chapter, "Derde nieuwe regel.")]
    document = build_draft(answers, CONTEXT).document
    ids = [rule.id for rule in document.rules()]
    assert len(ids) == len(set(ids))
    new = [rule for rule in document.rules() if rule.change == "nieuw"]
    assert [rule.id for rule in new] == [f"nieuw-{chapter}-{n}" for n in (1, 2, 3)]
    soup = BeautifulSoup(render_html(document), "html.parser")
    anchors = [div["id"] for div in soup.select("div.regel")]
    assert len(anchors) == len(set(anchors)) == len(ids)
    assert "Derde nieuwe regel." in soup.find(id=f"regel-nieuw-{chapter}-3").get_text()


def test_an_older_version_is_migrated_step_by_step(monkeypatch):
    """A fake version 0 (the school's name at the top) and a fake step to version 1: the path every
    future version takes."""

    def from_0(data: dict) -> dict:
        data = dict(data)
        data["school"] = {"naam": data.pop("schoolnaam"), **data.get("school", {})}
        return data

    monkeypatch.setitem(answers_schema.MIGRATIONS, 0, from_0)
    old = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    old["versie"] = 0
    old["schoolnaam"] = old["school"].pop("naam")
    migrated = parse_answers(yaml.safe_dump(old, allow_unicode=True), CONTEXT)
    assert to_data(migrated) == to_data(load_answers(EXAMPLE, CONTEXT))

    monkeypatch.setattr(answers_schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(answers_schema.MIGRATIONS, 1, lambda data: data)
    assert parse_answers(EXAMPLE.read_text(encoding="utf-8"), CONTEXT).school["naam"]  # v1 read by "v2"
    monkeypatch.delitem(answers_schema.MIGRATIONS, 0)
    with pytest.raises(ValidationError, match="versie 0 wordt niet ondersteund"):
        parse_answers(yaml.safe_dump(old, allow_unicode=True), CONTEXT)


def test_resuming_keeps_the_comments_and_layout_of_a_hand_edited_file(tmp_path):
    path = tmp_path / "antwoorden.yaml"
    assert main(["leeg", str(path)]) == 0
    sector = answers_schema.at("school", "sector").choice_values[0]
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^  naam: ""', "  naam: Het Handwerk  # zelf ingevuld", text, count=1)
    text = re.sub(r'(?m)^  sector: ""', f"  sector: {sector}", text, count=1)
    text = "# Ingevuld door de teamleider\n" + text
    path.write_text(text, encoding="utf-8")

    prompts = ScriptedPrompts(responder({
        "Wat wil je doen": lambda c: choose(c, "Opslaan en stoppen"),
        "Welke kaarten": " \r",
    }))
    assert run_interview(path, resume=True, handboek_url="", prompts=prompts, context=CONTEXT) == 0
    prompts.close()
    assert "Naam van de school:" not in prompts.asked and "Sector:" not in prompts.asked
    assert "Datum van het gesprek (JJJJ-MM-DD):" in prompts.asked
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith("# Ingevuld door de teamleider\n")
    assert "naam: Het Handwerk  # zelf ingevuld" in saved
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            assert line in saved, line  # every comment survives
    assert main(["controleer", str(path)]) == 0
