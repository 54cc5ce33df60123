"""What a session discussed, and what not: a scripted session with two kwesties discussed and the rest not gives
a change report and particulars that list exactly those; the private notes reach no file of the concept folder;
the handbook address is asked once and a report without one has no dead links. Expectations come from the
loader and the model (``protocolwizard.steps``), never from today's cards."""

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from protocolwizard import steps
from protocolwizard.answers import load_answers
from protocolwizard.cli import main
from protocolwizard.interview import run_interview
from protocolwizard.services import context
from test_wizard_interactief import CLEAR, DOWN, ENTER, ScriptedPrompts, choose, responder

NOTE = "Geheime-notitie-QX7"


@pytest.fixture(scope="module")
def ctx():
    return context()


def _card_with_kwesties(ctx, minimum=3):
    """The first card with at least ``minimum`` kwesties (the session discusses two and skips the rest)."""
    for index, card in enumerate(ctx.cards):
        if len(card.kwesties) >= minimum:
            return index, card
    pytest.skip(f"geen kaart met {minimum} kwesties")


def _section(markdown: str, heading: str) -> str:
    """The text of a '## heading' section up to the next one."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, heading
    return match.group(1)


def _bullets(text: str, after: str) -> list[str]:
    """The bullet lines right after the line ``after``."""
    lines = text[text.index(after) + len(after):].strip("\n").splitlines()
    items = []
    for line in lines:
        if not line.startswith("- "):
            if items:
                break
            continue
        items.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[2:]))  # a link's text
    return items


@pytest.fixture(scope="module")
def two_kwesties(ctx, tmp_path_factory):
    """A whole scripted session: one card, its first two kwesties discussed (notes, decisions), the rest not."""
    folder = tmp_path_factory.mktemp("sessie")
    index, card = _card_with_kwesties(ctx)
    skipped = len(card.kwesties) - 2
    prompts = ScriptedPrompts(responder({
        "Welke kaarten": DOWN * index + " " + ENTER,
        "Is deze kwestie besproken": [ENTER, ENTER] + [lambda c: choose(c, "Nee")] * skipped,
        "Notitie": [f"{NOTE} eerste\r", f"{NOTE} tweede\r"],
        "Wat heeft het team met deze regels": lambda c: choose(c, "allemaal behouden"),
        "Wat besluit het team": lambda c: choose(c, "Behouden"),
        "Wat wil je doen": lambda c: choose(c, "Concept maken"),
        "In welke map": CLEAR + f"{folder / 'concept'}\r",
    }))
    code = run_interview(folder / "antwoorden.yaml", resume=False, handboek_url="", prompts=prompts, context=ctx)
    prompts.close()
    assert code == 0, prompts.lines[-5:]
    return folder, card, prompts


def test_the_report_lists_exactly_the_two_kwesties_discussed(two_kwesties, ctx):
    folder, card, _ = two_kwesties
    answers = load_answers(folder / "antwoorden.yaml", ctx)
    discussed = list(card.kwesties[:2])
    assert [k for k in card.kwesties if steps.kwestie_state(answers, k.id) == "besproken"] == discussed
    report = (folder / "concept" / "wijzigingsverslag.md").read_text(encoding="utf-8")
    scope = _section(report, "Wat is besproken")
    label = "{}, kwestie {}".format
    assert _bullets(scope, "Besproken kwesties (2):") == [label(card.title, k.number) for k in discussed]
    rest = list(card.kwesties[2:])
    assert _bullets(scope, f"Niet besproken kwesties ({len(rest)}):") == [label(card.title, k.number) for k in rest]
    others = [c.title for c in ctx.cards if c.id != card.id]
    for title in others:
        assert title in scope.split("Niet besproken kaarten:")[1]

    # The rules: exactly those the two kwesties touch were decided (kept here), every other rule is listed as
    # not discussed; none of them is called kept.
    numbered = steps.numbered_rules(answers, ctx)
    touched = {rule.id for k in discussed for rule in steps.kwestie_rules(answers, ctx, k)}
    heading = "Regel {} {}".format
    kept = [heading(r.number, r.title) for r in numbered.values() if r.id in touched]
    open_rules = [heading(r.number, r.title) for r in numbered.values() if r.id not in touched]
    if kept:
        listed = [re.sub(r" \(.*\)$", "", line) for line in _bullets(_section(report, "Besproken en behouden"), "\n")]
        assert listed == kept
    else:
        assert "## Besproken en behouden" not in report
    assert _bullets(_section(report, "Niet besproken regels"), "\n") == open_rules
    assert f"besluit over {len(touched)} regel" in scope
    assert {d.rule for d in answers.decisions if d.decision == "behouden"} == touched


def test_the_particulars_say_what_was_discussed(two_kwesties, ctx):
    folder, card, _ = two_kwesties
    draft = (folder / "concept" / "protocol.md").read_text(encoding="utf-8")
    row = re.search(r"^\| Besproken kwesties \| (.*) \|$", draft, re.M).group(1)
    numbers = [str(k.number) for k in card.kwesties[:2]]
    assert row == f"{card.title}, kwesties {numbers[0]} en {numbers[1]}"
    row = re.search(r"^\| Niet besproken kwesties \| (.*) \|$", draft, re.M).group(1)
    for kwestie in card.kwesties[2:]:
        assert str(kwestie.number) in row.split(";")[0]
    answers = load_answers(folder / "antwoorden.yaml", ctx)
    total = len(steps.numbered_rules(answers, ctx))
    decided = len(steps.coverage(answers, ctx).decided_rules)
    assert re.search(rf"^\| Besproken regels \| {decided} van de {total};", draft, re.M)


def _texts_of(path: Path) -> str:
    """Everything a file of the concept folder says: text, every part of a Word file, a PDF's text and metadata."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    if path.suffix == ".pdf":
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        return text + info + path.read_bytes().decode("latin-1")
    return path.read_text(encoding="utf-8")


def test_no_note_reaches_the_concept_folder(two_kwesties):
    folder, _, prompts = two_kwesties
    assert NOTE in (folder / "antwoorden.yaml").read_text(encoding="utf-8")  # kept where the wizard said
    files = sorted((folder / "concept").iterdir())
    assert {path.suffix for path in files} >= {".md", ".html", ".docx", ".yaml"}
    for path in files:
        assert NOTE not in _texts_of(path), path.name
    shared = yaml.safe_load((folder / "concept" / "antwoorden.yaml").read_text(encoding="utf-8"))
    assert "notities" not in shared
    told = " ".join(prompts.lines)
    assert f"ze blijven alleen in {folder / 'antwoorden.yaml'}" in told


def test_without_a_handbook_address_the_report_names_kwesties_without_links(two_kwesties):
    folder, card, _ = two_kwesties
    saved = yaml.safe_load((folder / "antwoorden.yaml").read_text(encoding="utf-8"))
    assert saved["handboek"] == ""  # asked once, left empty
    for name in ("wijzigingsverslag.md", "wijzigingsverslag.html"):
        text = (folder / "concept" / name).read_text(encoding="utf-8")
        assert "127.0.0.1" not in text and "localhost" not in text
        assert "kaarten/" not in text  # no relative link that leads nowhere either
        assert f"{card.title}, kwestie {card.kwesties[0].number}" in text


def test_the_stored_address_is_used_and_the_flag_overrides_it(two_kwesties, tmp_path, capsys):
    folder, card, _ = two_kwesties
    source = tmp_path / "antwoorden.yaml"
    text = (folder / "antwoorden.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("handboek: ''", "handboek: https://handboek.example/sociale-media"), encoding="utf-8")
    assert main(["maak", str(source), "--uitvoer", str(tmp_path / "a"), "--formaat", "md"]) == 0
    report = (tmp_path / "a" / "wijzigingsverslag.md").read_text(encoding="utf-8")
    assert f"(https://handboek.example/sociale-media/kaarten/{card.id}.html#" in report
    assert main(["maak", str(source), "--uitvoer", str(tmp_path / "b"), "--formaat", "md",
                 "--handboek", "https://ander.example/"]) == 0
    report = (tmp_path / "b" / "wijzigingsverslag.md").read_text(encoding="utf-8")
    assert "https://ander.example/kaarten/" in report and "handboek.example" not in report


def test_a_wrong_stored_address_is_refused_with_line_and_field(tmp_path, capsys):
    path = tmp_path / "antwoorden.yaml"
    path.write_text("versie: 1\nschool: {naam: School, sector: vo}\nsessie: {datum: '2026-11-20'}\n"
                    "handboek: javascript:alert(1)\n", encoding="utf-8")
    assert main(["controleer", str(path)]) == 2
    assert "regel 4: veld handboek:" in capsys.readouterr().err


def test_old_files_keep_their_meaning(ctx):
    """A file without 'kwesties': a kwestie named by a decision counts as discussed, its 'behouden' stays kept."""
    from protocolwizard.answers import parse_answers
    from protocolwizard.draft import build_draft

    card = ctx.cards[0]
    kwestie = card.kwesties[0]
    probe = parse_answers(f"versie: 1\nschool: {{naam: S, sector: vo}}\nsessie: {{datum: '2026-11-20'}}\n", ctx)
    rules = steps.kwestie_rules(probe, ctx, kwestie)
    if not rules:
        pytest.skip("de eerste kwestie raakt geen regel")
    text = (f"versie: 1\nschool: {{naam: S, sector: vo}}\nsessie: {{datum: '2026-11-20', kaarten: [{card.id}]}}\n"
            f"besluiten:\n  - {{regel: {rules[0].id}, besluit: behouden, kwestie: {kwestie.id}}}\n")
    answers = parse_answers(text, ctx)
    report = build_draft(answers, ctx).report
    assert [k.id for k in report.scope.kwesties] == [kwestie.id]
    assert [k.id for k in report.scope.not_discussed] == [k.id for k in card.kwesties[1:]]
    assert [c.title for c in report.kept] == [rules[0].title]
    assert (rules[0].number, rules[0].title) in report.scope.decided_rules
