"""A school year, one draft: several sessions' answers files combined by ``protocolwizard maak S1 S2 ...``,
conflicts with both files and lines, ``herzien: true``, and the wizard's start from an own protocol or an
earlier session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wordbouw
from kern.loader import load_cards
from protocol import teksten
from protocol.document import format_day
from protocol.model import load_model
from protocolwizard.answers import Context, load_answers
from protocolwizard.cli import main
from protocolwizard.draft import build_draft
from protocolwizard.sessies import SessionProblem, combine, load_sessions
from test_wizard_interactief import CLEAR, DOWN, ENTER, ScriptedPrompts, choose, responder
from protocolwizard.interview import run_interview

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = Context(load_model(), load_cards(ROOT / "docs" / "kaarten"))
SECTOR = "vo"
RULES = [rule for rule in CONTEXT.model.rules() if rule.applies_to(SECTOR)]
CHAPTER = CONTEXT.model.chapters[0].id


def session(day: str, card: int, decisions: list[dict], new_rules: list[dict] | None = None, **school) -> dict:
    cards = CONTEXT.cards
    return {
        "versie": 1,
        "school": {"naam": "Oeverlicht College", "sector": SECTOR, **school},
        "sessie": {"datum": day, "gespreksleider": f"Leider {day}", "kaarten": [cards[card % len(cards)].id]},
        "besluiten": decisions,
        "nieuwe_regels": new_rules or [],
    }


def write(folder: Path, name: str, data: dict) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def line_of_decision(path: Path, index: int) -> int:
    """The line of 'besluit:' in the index-th decision of a file, counted from the file's text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line.startswith("- regel:") or line.startswith("  - regel:")]
    start = starts[index]
    return next(n for n, line in enumerate(lines[start - 1:], start) if "besluit:" in line)


def change_sections(markdown: str) -> dict[str, str]:
    """Change report in Markdown: heading -> its text, per change section."""
    parts = re.split(r"^## ", markdown, flags=re.M)[1:]
    return {part.splitlines()[0]: part for part in parts}


def three_sessions(folder: Path) -> list[Path]:
    one = write(folder, "sept.yaml", session("2026-09-14", 0, [
        {"regel": RULES[0].id, "besluit": "wijzigen", "tekst": "Tekst van september.", "toelichting": "Eerste gesprek."},
        {"regel": RULES[1].id, "besluit": "behouden"},
    ]))
    two = write(folder, "nov.yaml", session("2026-11-09", 1, [
        {"regel": RULES[2].id, "besluit": "schrappen", "toelichting": "Weg ermee."},
        {"regel": RULES[0].id, "besluit": "wijzigen", "tekst": "Tekst  van september.", "toelichting": "Bevestigd."},
    ], [{"hoofdstuk": CHAPTER, "titel": "Uit november", "tekst": "Nieuwe regel van november."}]))
    three = write(folder, "jan.yaml", session("2027-01-18", 0, [
        {"regel": RULES[3].id, "besluit": "wijzigen", "tekst": "Tekst van januari.", "toelichting": "Derde gesprek."},
    ], [{"hoofdstuk": CHAPTER, "tekst": "Nieuwe regel van januari."}], plaats="Middelburg"))
    return [three, one, two]  # not in date order: the dates decide


def test_three_sessions_make_one_draft_whose_report_names_the_session_behind_each_change(tmp_path, capsys):
    files = three_sessions(tmp_path)
    out = tmp_path / "concept"
    assert main(["maak", *map(str, files), "--uitvoer", str(out), "--formaat", "md,html"]) == 0, capsys.readouterr().err
    sessions = sorted(load_sessions(files, CONTEXT), key=lambda s: s.day)
    views = {s.path.name: s.view(CONTEXT) for s in sessions}
    report = (out / "wijzigingsverslag.md").read_text(encoding="utf-8")
    sections = change_sections(report)

    def section(kind: str, number_or_title: str) -> str:
        return next(text for heading, text in sections.items() if heading.endswith(kind) and number_or_title in heading)

    draft_rules = {r.id: r for r in build_draft(combine(sessions, CONTEXT), CONTEXT).document.rules()}
    changed_sept = section(teksten.CHANGED, draft_rules[RULES[0].id].number)
    assert views["sept.yaml"].label in changed_sept and views["nov.yaml"].label in changed_sept  # confirmed in nov
    assert views["nov.yaml"].label in section(teksten.REMOVED, RULES[2].title)
    assert views["jan.yaml"].label in section(teksten.CHANGED, draft_rules[RULES[3].id].number)
    assert views["nov.yaml"].label in section(teksten.ADDED, "Uit november")
    assert views["jan.yaml"].label in section(teksten.ADDED, teksten.NEW_RULE_TITLE)
    # The sessions in date order, each with its date and cards.
    listed = re.findall(r"^- (teamgesprek van .*)$", report, flags=re.M)
    assert [line.split(",")[0] for line in listed] == [views[name].label for name in ("sept.yaml", "nov.yaml", "jan.yaml")]
    for view in views.values():
        assert format_day(view.day) in report and all(card in report for card in view.cards)
    # Particulars: the latest session's and what only an earlier one says; every card discussed.
    protocol = (out / "protocol.md").read_text(encoding="utf-8")
    assert "Middelburg" in protocol and teksten.SESSIONS in protocol
    # One normalised copy per session, each readable on its own.
    copies = sorted(out.glob("antwoorden-*.yaml"))
    assert [p.name for p in copies] == [f"antwoorden-{n}-{s.day}.yaml" for n, s in enumerate(sessions, 1)]
    for copy in copies:
        assert main(["controleer", str(copy)]) == 0
    assert not (out / "antwoorden.yaml").exists()


def test_two_sessions_deciding_differently_about_a_rule_is_a_conflict_naming_both_files_and_lines(tmp_path, capsys):
    files = three_sessions(tmp_path)
    nov = tmp_path / "nov.yaml"
    data = yaml.safe_load(nov.read_text(encoding="utf-8"))
    data["besluiten"][1] = {"regel": RULES[0].id, "besluit": "schrappen", "toelichting": "Toch weg."}
    write(tmp_path, "nov.yaml", data)
    out = tmp_path / "concept"
    assert main(["controleer", *map(str, files)]) == 2  # checking alone finds the same conflict
    assert f"regel '{RULES[0].id}'" in capsys.readouterr().err
    assert main(["maak", *map(str, files), "--uitvoer", str(out)]) == 2
    err = capsys.readouterr().err
    sept = tmp_path / "sept.yaml"
    assert f"{sept}, regel {line_of_decision(sept, 0)}" in err and f"{nov}, regel {line_of_decision(nov, 1)}" in err
    assert f"regel '{RULES[0].id}'" in err and "herzien: true" in err and "Traceback" not in err
    assert not out.exists()  # nothing written
    assert main(["controleer", str(sept)]) == 0  # each file alone is in order

    # The later session says it revises the earlier decision: no conflict, and the report says whose decision it revises.
    data["besluiten"][1]["herzien"] = True
    write(tmp_path, "nov.yaml", data)
    assert main(["maak", *map(str, files), "--uitvoer", str(out), "--formaat", "md"]) == 0
    sections = change_sections((out / "wijzigingsverslag.md").read_text(encoding="utf-8"))
    removed = next(text for heading, text in sections.items() if RULES[0].title in heading)
    assert teksten.REMOVED in removed.splitlines()[0] and "Toch weg." in removed
    assert f"**{teksten.REVISES}:**" in removed and "sept.yaml" in removed.split(teksten.REVISES)[1]


def test_a_revision_in_the_earlier_session_does_not_count(tmp_path, capsys):
    """'herzien' belongs to the later decision: the dates decide which one that is, not the order of the files."""
    early = write(tmp_path, "a.yaml", session("2026-09-01", 0, [{"regel": RULES[0].id, "besluit": "schrappen", "herzien": True}]))
    late = write(tmp_path, "b.yaml", session("2026-10-01", 0, [{"regel": RULES[0].id, "besluit": "behouden"}]))
    assert main(["maak", str(late), str(early), "--uitvoer", str(tmp_path / "uit")]) == 2
    err = capsys.readouterr().err
    assert "tegenstrijdige besluiten" in err and "herzien" in err


def test_sessions_of_another_school_or_another_base_are_refused(tmp_path, capsys):
    one = write(tmp_path, "a.yaml", session("2026-09-01", 0, []))
    other = write(tmp_path, "b.yaml", session("2026-10-01", 0, [], naam="Een Andere School"))
    assert main(["maak", str(one), str(other), "--uitvoer", str(tmp_path / "uit")]) == 2
    err = capsys.readouterr().err
    assert "andere school" in err and f"{other}, regel" in err and f"{one}, regel" in err

    source = tmp_path / "protocol.docx"
    source.write_bytes(wordbouw.protocol_docx())
    assert main(["importeer", str(source), "--uitvoer", str(tmp_path / "eigen-protocol.yaml")]) == 0
    based = write(tmp_path, "c.yaml", {**session("2026-10-01", 0, []), "basis": "eigen-protocol.yaml"})
    capsys.readouterr()
    assert main(["maak", str(one), str(based), "--uitvoer", str(tmp_path / "uit")]) == 2
    err = capsys.readouterr().err
    basis_line = next(n for n, line in enumerate(based.read_text(encoding="utf-8").splitlines(), 1) if line.startswith("basis:"))
    assert "hetzelfde protocol" in err and f"{based}, regel {basis_line}" in err

    assert main(["maak", str(one), str(one), "--uitvoer", str(tmp_path / "uit")]) == 2
    assert "twee keer" in capsys.readouterr().err


def test_errors_in_several_files_are_all_named(tmp_path, capsys):
    one = write(tmp_path, "a.yaml", session("2026-09-01", 0, [{"regel": "bestaat-niet", "besluit": "behouden"}]))
    two = write(tmp_path, "b.yaml", session("2026-10-01", 0, [{"regel": RULES[0].id, "besluit": "misschien"}]))
    assert main(["maak", str(one), str(two), "--uitvoer", str(tmp_path / "uit")]) == 2
    err = capsys.readouterr().err
    assert f"{one}, regel" in err and f"{two}, regel" in err and "besluiten.1" in err


# --- The merge, over any sessions: a conflict exactly when a later session decides otherwise without 'herzien' ---

DECISION = st.fixed_dictionaries({
    "regel": st.sampled_from([r.id for r in RULES[:4]]),
    "besluit": st.sampled_from(["behouden", "wijzigen", "schrappen"]),
    "tekst": st.sampled_from(["Tekst A.", "Tekst B."]),
    "herzien": st.booleans(),
})


def _decisions(items: list[dict]) -> list[dict]:
    seen, result = set(), []
    for item in items:
        if item["regel"] in seen:
            continue
        seen.add(item["regel"])
        result.append({k: v for k, v in item.items() if k != "tekst" or item["besluit"] == "wijzigen"})
    return result


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.lists(DECISION, max_size=4).map(_decisions), min_size=2, max_size=4))
def test_any_sessions_combine_as_the_rule_says(tmp_path_factory, sessions):
    folder = tmp_path_factory.mktemp("sessies")
    paths = [write(folder, f"s{n}.yaml", session(f"2026-{n + 1:02d}-01", n, decisions)) for n, decisions in enumerate(sessions)]
    loaded = load_sessions(paths, CONTEXT)
    expected: dict[str, tuple] = {}
    conflict = False
    for decisions in sessions:  # already in date order
        for item in decisions:
            key = (item["besluit"], item.get("tekst"))
            if item["regel"] in expected and expected[item["regel"]] != key and not item["herzien"]:
                conflict = True
            if item["regel"] not in expected or item["herzien"]:
                expected[item["regel"]] = key
    if conflict:
        with pytest.raises(SessionProblem) as problem:
            combine(loaded, CONTEXT)
        assert all(re.search(r"s\d\.yaml, regel \d+", line) for line in problem.value.problems)
        return
    answers = combine(loaded, CONTEXT)
    assert {d.rule: (d.decision, d.text) for d in answers.decisions} == expected
    draft = build_draft(answers, CONTEXT)
    for change in draft.report.changes + draft.report.kept:
        assert change.sessions, change  # every change names its session(s)


# --- The wizard: start from the school's own protocol, or from an earlier session ---

def test_the_wizard_offers_the_schools_own_protocol_and_imports_a_word_file(tmp_path):
    (tmp_path / "protocol.docx").write_bytes(wordbouw.protocol_docx())
    prompts = ScriptedPrompts(responder({
        "Waarmee begint": lambda c: choose(c, "protocol.docx"),
        "Bij ": ENTER,  # confirm the proposed topics (Ja, the default)
        "Welke kaarten": " \r",
        "Wat wil je doen": lambda c: choose(c, "Opslaan en stoppen"),
    }))
    path = tmp_path / "antwoorden.yaml"
    assert run_interview(path, resume=False, handboek_url="", prompts=prompts, context=CONTEXT) == 0, prompts.lines[-5:]
    prompts.close()
    assert prompts.asked[0] == "Waarmee begint dit teamgesprek?", prompts.asked
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["basis"] == "eigen-protocol.yaml"
    protocol = load_model(tmp_path / "eigen-protocol.yaml")
    assert not any(rule.proposed_topics for rule in protocol.rules()) and any(rule.topics for rule in protocol.rules()), prompts.asked
    # The wizard asked, per kwestie of the card chosen, about the school's rules that share a topic with it.
    card = CONTEXT.cards[0]
    touched = {r.id for k in card.kwesties for r in protocol.rules() if set(r.topics) & set(k.topics)}
    assert {d["regel"] for d in saved.get("besluiten") or []} == touched
    assert load_answers(path, CONTEXT).base == protocol


def test_a_new_session_starts_from_an_earlier_one_with_school_and_base_but_no_decisions(tmp_path):
    source = tmp_path / "protocol.docx"
    source.write_bytes(wordbouw.protocol_docx())
    assert main(["importeer", str(source), "--uitvoer", str(tmp_path / "eigen-protocol.yaml")]) == 0
    assert main(["importeer", "--bevestig", str(tmp_path / "eigen-protocol.yaml")]) == 0
    protocol = load_model(tmp_path / "eigen-protocol.yaml")
    earlier = write(tmp_path, "sessie-1.yaml", {
        **session("2026-09-14", 0, [{"regel": next(protocol.rules()).id, "besluit": "behouden"}], plaats="Goes"),
        "basis": "eigen-protocol.yaml",
    })
    folder = tmp_path / "later"
    folder.mkdir()
    prompts = ScriptedPrompts(responder({
        "Datum van het gesprek": CLEAR + "2026-11-20\r",
        "Welke kaarten": " \r",
        "Wat wil je doen": lambda c: choose(c, "Opslaan en stoppen"),
    }))
    path = folder / "sessie-2.yaml"
    from protocolwizard.begin import EARLIER, Start

    code = run_interview(path, resume=False, handboek_url="", prompts=prompts, context=CONTEXT, start=Start(EARLIER, earlier))
    prompts.close()
    assert code == 0, prompts.lines[-5:]
    assert not any(question.startswith("Naam van de school") for question in prompts.asked)  # copied, not asked
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    copied = yaml.safe_load(earlier.read_text(encoding="utf-8"))["school"]
    assert {key: saved["school"][key] for key in copied} == copied  # what the earlier file did not say is asked
    assert saved["basis"] == "../eigen-protocol.yaml"
    assert all(d.get("kwestie") for d in saved["besluiten"])  # only what this session decided, per kwestie
    assert load_answers(path, CONTEXT).base == protocol
    # Both sessions keep the rules they discussed, so they make one draft without a conflict.
    assert main(["maak", str(earlier), str(path), "--uitvoer", str(tmp_path / "concept"), "--formaat", "md"]) == 0


def test_without_anything_to_start_from_the_wizard_asks_no_extra_question(tmp_path):
    prompts = ScriptedPrompts(responder({"Naam van de school": CTRL_C_KEY}))
    assert run_interview(tmp_path / "a.yaml", resume=False, handboek_url="", prompts=prompts, context=CONTEXT) == 130
    prompts.close()
    assert prompts.asked[0] == "Naam van de school:"
    assert any("--basis" in line for line in prompts.lines)


CTRL_C_KEY = "\x03"


def test_start_with_a_file_that_cannot_be_a_base_is_a_dutch_error(tmp_path, capsys):
    from protocolwizard.begin import OWN, Start

    (tmp_path / "kapot.docx").write_bytes(b"geen word")
    prompts = ScriptedPrompts(responder({}))
    code = run_interview(tmp_path / "a.yaml", resume=False, handboek_url="", prompts=prompts, context=CONTEXT,
                         start=Start(OWN, tmp_path / "kapot.docx"))
    prompts.close()
    assert code == 2 and prompts.asked == []
    err = capsys.readouterr().err
    assert "kapot.docx is geen geldig Word-bestand" in err and "Traceback" not in err
    assert main(["start", "--hervat", str(tmp_path / "a.yaml"), "--vanaf", str(tmp_path / "a.yaml")]) == 2


def test_a_newcomer_goes_from_a_word_protocol_to_one_draft_of_two_sessions(tmp_path, capsys):
    """The issue's 'done when': import a Word protocol, see the kwesties it does not address, two sessions, one draft."""
    source = tmp_path / "ons-protocol.docx"
    source.write_bytes(wordbouw.protocol_docx())
    own = tmp_path / "eigen-protocol.yaml"
    assert main(["importeer", str(source), "--uitvoer", str(own)]) == 0
    assert main(["importeer", "--bevestig", str(own)]) == 0
    assert main(["vergelijk", str(own), "--uitvoer", str(tmp_path / "vergelijking"), "--handboek", "https://h/"]) == 0
    protocol = load_model(own)
    open_kwesties = [k for card in CONTEXT.cards for k in card.kwesties
                     if not any(set(r.topics) & set(k.topics) for r in protocol.rules())]
    comparison = BeautifulSoup((tmp_path / "vergelijking" / "vergelijking.html").read_text(encoding="utf-8"), "html.parser")
    for kwestie in open_kwesties:  # each kwestie the protocol does not address is listed as such, with its link
        link = comparison.find("a", href=lambda href: href and href.endswith(f"#{kwestie.anchor}") and kwestie.id.split("/")[0] in href)
        assert "niet besproken" in link.parent.get_text()
    rules = list(protocol.rules())
    first = write(tmp_path, "sessie-1.yaml", {**session("2026-09-14", 0, [
        {"regel": rules[0].id, "besluit": "wijzigen", "tekst": "Nieuwe eerste regel.", "toelichting": "Sept."}]),
        "basis": own.name})
    second = write(tmp_path, "sessie-2.yaml", {**session("2026-11-12", 1, [
        {"regel": rules[-1].id, "besluit": "schrappen", "toelichting": "Nov."}]), "basis": own.name})
    out = tmp_path / "concept"
    capsys.readouterr()
    assert main(["maak", str(first), str(second), "--uitvoer", str(out), "--formaat", "md,html,docx",
                 "--handboek", "https://h/"]) == 0
    report = BeautifulSoup((out / "wijzigingsverslag.html").read_text(encoding="utf-8"), "html.parser")
    for section in report.find_all("section", class_="wijziging"):
        decided = next(dt for dt in section.find_all("dt") if dt.get_text() == teksten.DECIDED_IN)
        named = decided.find_next("dd").get_text()
        assert ("sessie-1.yaml" in named) != ("sessie-2.yaml" in named)  # exactly one session behind each change
    assert len(report.find_all("section", class_="wijziging")) == 2
    assert teksten.REPORT_COVERAGE in report.get_text()
    for copy in out.glob("antwoorden-*.yaml"):  # each copy still finds the own protocol from the output folder
        assert load_answers(copy, CONTEXT).base == protocol
