"""'protocolwizard maak' on the example: a complete draft in every format, a change report that matches the decisions."""

import io
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from docx import Document
from kern.loader import load_cards
from protocol.model import load_model
from kern import latex
from protocol.document import format_day
from protocolwizard.answers import Context, load_answers
from protocolwizard.answers_schema import EVALUATION_YEARS
from protocolwizard.cli import main
from protocolwizard.draft import fill_placeholders, review_date

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "antwoorden-voorbeeld.yaml"
CONTEXT = Context(load_model(), load_cards(ROOT / "docs" / "kaarten"))
ANSWERS = load_answers(EXAMPLE, CONTEXT)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("concept") / "uit"
    assert main(["maak", str(EXAMPLE), "--uitvoer", str(folder), "--handboek", "https://h/"]) == 0
    return folder


def test_every_output_is_written(made, tex):
    names = sorted(p.name for p in made.iterdir())
    assert names == sorted(["protocol.md", "protocol.html", "protocol.docx", "protocol.pdf",
                            "wijzigingsverslag.md", "wijzigingsverslag.html", "wijzigingsverslag.docx",
                            "wijzigingsverslag.pdf", "antwoorden.yaml"])
    assert not list(made.glob(".*.tmp"))


def test_draft_has_the_schools_rules_and_particulars(made):
    word = Document(io.BytesIO((made / "protocol.docx").read_bytes()))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    assert word.paragraphs[0].text == "Socialemediaprotocol Oeverlicht College"
    review = format_day(review_date(ANSWERS.session["datum"], EVALUATION_YEARS[ANSWERS.school["evaluatie"]]))
    assert "CONCEPT" in cells and "12 november 2026" in cells and review in cells
    assert "Vaststelling door het bestuur (Stichting Voorbeeldscholen Zeeland)" in text
    assert "Instemming van de medezeggenschapsraad (MR of GMR)" in text and "medezeggenschapsreglement" in text
    model = CONTEXT.model
    changed = {d.rule: d for d in ANSWERS.decisions if d.decision != "behouden"}
    for rule in model.rules():
        if not rule.applies_to("vo"):
            assert rule.text not in text, rule.id
        elif rule.id in changed and changed[rule.id].decision == "schrappen":
            assert rule.text not in text, rule.id
        elif rule.id in changed:
            assert changed[rule.id].text in text and rule.text not in text, rule.id
        else:
            assert fill_placeholders(rule.text, {"school": ANSWERS.school, "sessie": ANSWERS.session}) in text, rule.id
    assert ANSWERS.new_rules[0].text in text


def test_change_report_matches_the_decisions(made):
    report = BeautifulSoup((made / "wijzigingsverslag.html").read_text(encoding="utf-8"), "html.parser")
    sections = report.select("section.wijziging")
    expected = [d for d in ANSWERS.decisions if d.decision != "behouden"]
    assert len(sections) == len(expected) + len(ANSWERS.new_rules)
    for decision in expected:
        rule = CONTEXT.model.rule(decision.rule)
        section = next(s for s in sections if rule.title in s.h2.get_text())
        kind = {"wijzigen": "gewijzigd", "schrappen": "geschrapt"}[decision.decision]
        assert section.select_one(".soort").get_text() == kind
        assert " ".join(decision.reason.split()) in section.get_text(" ")
        if decision.decision == "wijzigen":  # the words removed and added, then the new text whole
            assert section.select_one("dd.verschil del") and section.select_one("dd.verschil ins")
            assert decision.text in section.select_one("dd.wordt").get_text()
        else:
            assert rule.text in section.select_one("dd.was").get_text()
        card_id, number = decision.kwestie.split("/")
        assert section.find("a")["href"] == f"https://h/kaarten/{card_id}.html#kwestie-{number}"
    markdown = (made / "wijzigingsverslag.md").read_text(encoding="utf-8")
    kinds = [d.decision for d in ANSWERS.decisions]
    assert (f"{kinds.count('wijzigen')} gewijzigd, {kinds.count('schrappen')} geschrapt, "
            f"{len(ANSWERS.new_rules)} nieuw") in markdown


def test_private_notes_never_leave_the_answers_file(made):
    for note in ANSWERS.notes.values():
        for name in ("protocol.md", "protocol.html", "wijzigingsverslag.md", "wijzigingsverslag.html"):
            assert note not in (made / name).read_text(encoding="utf-8"), name
        assert note not in "\n".join(p.text for p in Document(io.BytesIO((made / "protocol.docx").read_bytes())).paragraphs)
    assert "notities" not in yaml.safe_load((made / "antwoorden.yaml").read_text(encoding="utf-8"))


def test_normalised_answers_render_the_same(made, tmp_path):
    again = tmp_path / "opnieuw"
    assert main(["maak", str(made / "antwoorden.yaml"), "--uitvoer", str(again), "--formaat", "md"]) == 0  # no second PDF run
    assert (again / "protocol.md").read_text() == (made / "protocol.md").read_text()
    assert (again / "antwoorden.yaml").read_text() == (made / "antwoorden.yaml").read_text()


def test_existing_output_is_never_overwritten_without_permission(made, tmp_path, capsys):
    folder = tmp_path / "uit"
    shutil.copytree(made, folder)
    (folder / "protocol.md").write_text("eigen aanpassingen", encoding="utf-8")
    assert main(["maak", str(EXAMPLE), "--uitvoer", str(folder), "--formaat", "md"]) == 1
    assert "gebruik --overschrijven" in capsys.readouterr().err
    assert (folder / "protocol.md").read_text(encoding="utf-8") == "eigen aanpassingen"
    assert main(["maak", str(EXAMPLE), "--uitvoer", str(folder), "--formaat", "md", "--overschrijven"]) == 0
    assert (folder / "protocol.md").read_text(encoding="utf-8") != "eigen aanpassingen"


def test_chosen_formats_only(tmp_path):
    assert main(["maak", str(EXAMPLE), "--uitvoer", str(tmp_path / "u"), "--formaat", "md,docx"]) == 0
    assert sorted(p.name for p in (tmp_path / "u").iterdir()) == [
        "antwoorden.yaml", "protocol.docx", "protocol.md", "wijzigingsverslag.docx", "wijzigingsverslag.html",
        "wijzigingsverslag.md"]
    assert main(["maak", str(EXAMPLE), "--uitvoer", str(tmp_path / "v"), "--formaat", "md,odt"]) == 2


def test_without_pdf_the_other_outputs_are_written(made):
    """Every output but the PDF, with or without TeX (the PDF itself: test_every_output_is_written)."""
    names = {p.name for p in made.iterdir()} - {"protocol.pdf", "wijzigingsverslag.pdf"}
    assert names == {"protocol.md", "protocol.html", "protocol.docx",
                     "wijzigingsverslag.md", "wijzigingsverslag.html", "wijzigingsverslag.docx", "antwoorden.yaml"}


def test_without_tex_the_other_formats_are_written(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(latex.shutil, "which", lambda program: None)
    assert main(["maak", str(EXAMPLE), "--uitvoer", str(tmp_path / "u")]) == 0
    out = capsys.readouterr().out
    assert f"Er is geen pdf gemaakt: TeX ontbreekt ({', '.join(latex.LUALATEX.programs)})" in out
    assert latex.INSTALL_HINT in out
    assert (tmp_path / "u" / "protocol.docx").exists() and not (tmp_path / "u" / "protocol.pdf").exists()


def test_empty_answers_file_is_never_overwritten_without_permission(tmp_path, capsys):
    path = tmp_path / "nieuw.yaml"
    assert main(["leeg", str(path)]) == 0
    path.write_text("eigen werk", encoding="utf-8")
    assert main(["leeg", str(path)]) == 1 and "bestaat al" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "eigen werk"
