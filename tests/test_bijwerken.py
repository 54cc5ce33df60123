"""`protocolwizard bijwerken`: answers brought to a newer model rule by rule, with a conflict report.

Two small model versions in tests/fixtures/bijwerken cover every case (kept and changed, changed by both,
removed, renamed, split, narrowed to another sector, a chapter gone, new); the real model's kept version
and the current one are used as well. Expectations come from the fixtures' change log and texts.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from kern.loader import load_cards
from markdown_it import MarkdownIt
from protocol.bijwerkverslag import (
    CASES, CONFLICT, CONFLICTS, DROPPED, GONE, MOVED, NEW, OWN, REMOVED_CHANGED, RENAMED, TAKEN, render_update,
)
from protocol.model import DEFAULT_MODEL, MODELS_DIR, SECTORS, load_model
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError
from protocolwizard import answers_schema
from protocolwizard.answers import Context, load_answers, parse_answers, to_data
from protocolwizard.bijwerken import KEEP_OURS, NEW_TEXT, TAKE_MODEL, fingerprint, rename_map, resolve, update
from protocolwizard.cli import main
from protocolwizard.interview import run_interview
from test_wizard_interactief import CLEAR, ScriptedPrompts, choose, responder

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "bijwerken"
OLD, NEW_MODEL, ANSWERS = FIXTURES / "oud.yaml", FIXTURES / "nieuw.yaml", FIXTURES / "antwoorden.yaml"
CARDS = load_cards(ROOT / "docs" / "kaarten")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def contexts(old_path: Path, new_path: Path) -> tuple[Context, Context]:
    return Context(load_model(old_path), CARDS), Context(load_model(new_path), CARDS)


FIXTURE_OLD, FIXTURE_NEW = contexts(OLD, NEW_MODEL)
SHIPPED_OLD = Context(load_model(MODELS_DIR / f"{answers_schema.FIRST_MODEL_VERSION}.yaml"), CARDS)
SHIPPED_NEW = Context(load_model(DEFAULT_MODEL), CARDS)


def updated(answers_path: Path = ANSWERS, old: Context = FIXTURE_OLD, new: Context = FIXTURE_NEW):
    answers = load_answers(answers_path, old)
    return update(to_data(answers), old.model, new.model)


def reread(data: dict, ctx: Context, *, partial: bool = False):
    return parse_answers(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), ctx, partial=partial)


def reread_updated(data: dict, ctx: Context):
    """Updated answers: valid against the new model, or refused only for their open conflicts (one problem each,
    on the decision's conflict field); read as the wizard reads them."""
    answers = reread(data, ctx, partial=True)
    conflicts = [index for index, d in enumerate(answers.decisions) if d.conflict]
    try:
        reread(data, ctx)
        assert not conflicts
    except ValidationError as refused:
        assert [e.message for e in refused.errors] and conflicts
        assert len(refused.errors) == len(conflicts), [str(e) for e in refused.errors]
        for error, index in zip(refused.errors, conflicts):
            assert f"veld besluiten.{index + 1}.conflict: nog niet beslist" in str(error), str(error)
    return answers


# The three-way comparison -----------------------------------------------------------------------

def test_the_fixtures_cover_every_case():
    report = updated().report
    assert all(report.counts()[case] for case in CASES), report.counts()


def test_each_rule_goes_the_way_the_change_log_and_the_decision_say():
    result = updated()
    old, new = FIXTURE_OLD.model, FIXTURE_NEW.model
    decisions = {d.rule: d for d in load_answers(ANSWERS, FIXTURE_OLD).decisions}
    renames = rename_map([new])
    sector = load_answers(ANSWERS, FIXTURE_OLD).sector
    by_old = {}
    for item in result.report.items:
        by_old.setdefault(item.old_id or item.rule_id, []).append(item)
    for rule in old.rules():
        targets = [t for t in renames.get(rule.id, (rule.id,)) if t in {r.id for r in new.rules()}
                   and new.rule(t).applies_to(sector)]
        decision = decisions.get(rule.id)
        cases = {item.case for item in by_old.get(rule.id, [])}
        if not targets:
            expected = DROPPED if decision and decision.decision in ("behouden", "wijzigen") else GONE
            assert cases == {expected}, rule.id
            continue
        changed = [fingerprint(rule.text) != fingerprint(new.rule(t).text) for t in targets]
        if decision is None:
            assert cases == ({TAKEN} if any(changed) else ({RENAMED} if targets != [rule.id] else set())), rule.id
        elif decision.decision == "wijzigen":
            assert (CONFLICT if changed[0] else OWN) in cases, rule.id
        elif decision.decision == "schrappen":
            assert cases == ({REMOVED_CHANGED} if changed[0] else set()), rule.id
        else:
            assert cases <= {TAKEN, RENAMED} and (TAKEN in cases) == any(changed), rule.id
    for rule in new.rules():
        if rule.applies_to(sector) and not any(rule.id in ts for ts in renames.values()) and rule.id not in {
                r.id for r in old.rules()}:
            assert [item.case for item in result.report.items if item.rule_id == rule.id] == [NEW]


def test_the_updated_answers_are_valid_against_the_new_model_and_record_the_conflicts():
    result = updated()
    answers = reread_updated(result.data, FIXTURE_NEW)
    assert answers.base_version == FIXTURE_NEW.model.version
    conflicted = {d.rule for d in answers.decisions if d.conflict}
    assert conflicted == {item.rule_id for item in result.report.items if item.case in CONFLICTS}
    for decision in answers.decisions:
        model_text = FIXTURE_NEW.model.rule(decision.rule).text
        assert decision.fingerprint == fingerprint(model_text)
        if decision.conflict:
            assert decision.conflict["modeltekst"] == model_text
            assert decision.conflict["modelversie"] == FIXTURE_NEW.model.version


def test_nothing_the_team_wrote_is_lost():
    result = updated()
    source = load_answers(ANSWERS, FIXTURE_OLD)
    written = yaml.safe_dump(result.data, allow_unicode=True)
    for decision in source.decisions:
        if decision.text:
            assert decision.text in written
    for rule in source.new_rules:
        assert rule.text in written
    for item in result.report.of(DROPPED):  # the team's rule is now its own new rule, in an existing chapter
        own = [r for r in result.data["nieuwe_regels"] if r["tekst"] == (item.team_text or item.old_text)]
        assert own and own[0]["hoofdstuk"] in {c.id for c in FIXTURE_NEW.model.chapters}


def test_a_chapter_the_model_no_longer_has_sends_the_teams_rules_where_its_rules_went():
    result = updated()
    (moved,) = result.report.of(MOVED)
    old_chapter = FIXTURE_OLD.model.chapter(moved.old_id)
    renames = rename_map([FIXTURE_NEW.model])
    went_to = {FIXTURE_NEW.model.chapter_of(t).id for r in old_chapter.rules for t in renames.get(r.id, (r.id,))}
    assert moved.chapter in went_to


def test_a_rename_follows_the_change_log_and_a_split_gives_the_teams_text_to_the_first_part():
    result = updated()
    renames = rename_map([FIXTURE_NEW.model])
    split = next(old for old, new in renames.items() if len(new) > 1)
    first, *rest = renames[split]
    rules = {d["regel"]: d for d in result.data["besluiten"]}
    team_text = next(d.text for d in load_answers(ANSWERS, FIXTURE_OLD).decisions if d.rule == split)
    assert rules[first]["tekst"] == team_text and "conflict" in rules[first]
    assert all(r not in rules for r in rest)
    assert {item.case for item in result.report.items if item.rule_id in rest} == {TAKEN}


def test_fingerprints_decide_when_the_old_text_is_not_the_one_decided_on():
    """A recorded fingerprint of the new text: the team already decided on it, so no conflict."""
    data = to_data(load_answers(ANSWERS, FIXTURE_OLD))
    both = next(item for item in updated().report.items if item.case == CONFLICT and item.old_id == item.rule_id)
    for decision in data["besluiten"]:
        if decision["regel"] == both.rule_id:
            decision["vingerafdruk"] = fingerprint(FIXTURE_NEW.model.rule(both.rule_id).text)
    report = update(data, FIXTURE_OLD.model, FIXTURE_NEW.model).report
    assert [item.case for item in report.items if item.rule_id == both.rule_id] == [OWN]


def test_answers_already_on_the_new_model_are_left_alone():
    result = updated()
    again = update(result.data, FIXTURE_NEW.model, FIXTURE_NEW.model)
    assert again.up_to_date and again.data == result.data and not again.report.items


@pytest.mark.parametrize("choice", [KEEP_OURS, TAKE_MODEL, NEW_TEXT])
def test_resolving_a_conflict(choice):
    answers = reread_updated(updated().data, FIXTURE_NEW)
    decision = next(d for d in answers.decisions if d.conflict and d.decision == "wijzigen")
    resolved = resolve(decision, choice, "Een derde tekst.")
    assert resolved.conflict is None and decision.conflict is not None
    expected = {KEEP_OURS: ("wijzigen", decision.text), TAKE_MODEL: ("behouden", None),
                NEW_TEXT: ("wijzigen", "Een derde tekst.")}[choice]
    assert (resolved.decision, resolved.text) == expected


# The schema: version 2, migration, fingerprints filled in ---------------------------------------------

def test_a_version_1_file_is_read_as_made_against_the_first_model():
    v1 = yaml.safe_load((ROOT / "examples" / "antwoorden-voorbeeld.yaml").read_text(encoding="utf-8"))
    v1["versie"] = 1
    v1.pop("basisversie", None)
    for decision in v1.get("besluiten", []):
        for key in ("vingerafdruk", "conflict"):
            decision.pop(key, None)
    answers = reread(v1, SHIPPED_NEW)
    assert answers.base_version == answers_schema.FIRST_MODEL_VERSION
    v1["basisversie"] = SHIPPED_NEW.model.version
    assert reread(v1, SHIPPED_NEW).base_version == SHIPPED_NEW.model.version


def test_maak_records_the_model_version_and_the_fingerprints(tmp_path):
    data = yaml.safe_load((ROOT / "examples" / "antwoorden-voorbeeld.yaml").read_text(encoding="utf-8"))
    data["versie"] = 2  # a version-2 file that names no model version: made against the current one
    data.pop("basisversie", None)
    for decision in data["besluiten"]:
        decision.pop("vingerafdruk", None)
    source = tmp_path / "a.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["maak", str(source), "--uitvoer", str(tmp_path / "c"), "--formaat", "md"]) == 0
    written = yaml.safe_load((tmp_path / "c" / "antwoorden.yaml").read_text(encoding="utf-8"))
    model = SHIPPED_NEW.model
    assert written["basisversie"] == model.version
    for decision in written["besluiten"]:
        assert decision["vingerafdruk"] == fingerprint(model.rule(decision["regel"]).text)
    text = " ".join(model.rules().__next__().text.split())
    assert fingerprint(text) == "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:16]


def test_the_shipped_example_is_its_2026_1_version_brought_up_to_date():
    """examples/antwoorden-voorbeeld.yaml is what bijwerken makes of the 2026.1 example, with each conflict
    resolved (and only those decisions differ)."""
    old_example = ROOT / "examples" / f"antwoorden-voorbeeld-{answers_schema.FIRST_MODEL_VERSION}.yaml"
    result = updated(old_example, SHIPPED_OLD, SHIPPED_NEW)
    made = reread_updated(result.data, SHIPPED_NEW)
    shipped = load_answers(ROOT / "examples" / "antwoorden-voorbeeld.yaml", SHIPPED_NEW)
    assert shipped.base_version == SHIPPED_NEW.model.version and not any(d.conflict for d in shipped.decisions)
    conflicted = {d.rule for d in made.decisions if d.conflict}
    assert conflicted  # the example shows the wizard's conflict step
    assert [d.rule for d in made.decisions] == [d.rule for d in shipped.decisions]
    for mine, theirs in zip(made.decisions, shipped.decisions):
        if mine.rule not in conflicted:
            assert mine == theirs
    assert made.new_rules == shipped.new_rules and made.school == shipped.school


# The command -------------------------------------------------------------------------------------

def run_update(tmp_path: Path, *extra: str) -> tuple[int, Path]:
    target = tmp_path / "nieuw.yaml"
    code = main(["bijwerken", str(ANSWERS), "--model", str(NEW_MODEL), "--basismodel", str(OLD),
                 "--uitvoer", str(target), *extra])
    return code, target


def test_bijwerken_writes_answers_and_report_and_never_touches_the_input(tmp_path, capsys):
    before = ANSWERS.read_bytes()
    code, target = run_update(tmp_path)
    out = capsys.readouterr().out
    assert code == 0 and ANSWERS.read_bytes() == before
    report = updated().report
    assert f"Nog te beslissen: {report.open_conflicts} conflicten" in out
    md = (tmp_path / "nieuw-bijwerkverslag.md").read_text(encoding="utf-8")
    html = (tmp_path / "nieuw-bijwerkverslag.html").read_text(encoding="utf-8")
    for item in report.items:
        assert item.title in md and item.title in BeautifulSoup(html, "html.parser").get_text()
    assert reread_updated(yaml.safe_load(target.read_text(encoding="utf-8")), FIXTURE_NEW).base_version == "2030.2"


def test_bijwerken_twice_gives_the_same_result_and_then_nothing_to_update(tmp_path, capsys):
    first, target = run_update(tmp_path)
    files = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert run_update(tmp_path)[0] == 1  # the output exists: refused without --overschrijven
    assert "bestaan al" in capsys.readouterr().err
    assert run_update(tmp_path, "--overschrijven")[0] == 0
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == files
    assert main(["bijwerken", str(target), "--model", str(NEW_MODEL)]) == 0
    assert "niets bij te werken" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == files


def test_bijwerken_never_writes_over_its_input(tmp_path, capsys):
    copy = tmp_path / "a.yaml"
    copy.write_bytes(ANSWERS.read_bytes())
    code = main(["bijwerken", str(copy), "--model", str(NEW_MODEL), "--basismodel", str(OLD), "--uitvoer", str(copy),
                 "--overschrijven"])
    assert code == 2 and copy.read_bytes() == ANSWERS.read_bytes()
    assert "nooit overschreven" in capsys.readouterr().err


def test_maak_refuses_an_unresolved_conflict_naming_the_rule(tmp_path, capsys):
    _, target = run_update(tmp_path)
    capsys.readouterr()
    assert main(["maak", str(target), "--model", str(NEW_MODEL), "--uitvoer", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    for item in updated().report.items:
        if item.case in CONFLICTS:
            assert f"regel '{item.rule_id}'" in err
    assert not (tmp_path / "c").exists()


def test_the_wizard_resolves_each_conflict(tmp_path):
    _, target = run_update(tmp_path)
    conflicts = [d for d in reread_updated(yaml.safe_load(target.read_text(encoding="utf-8")), FIXTURE_NEW).decisions
                 if d.conflict]
    picks = [lambda c: choose(c, "houden"), lambda c: choose(c, "model overnemen"),
             lambda c: choose(c, "nieuwe tekst")] * len(conflicts)
    prompts = ScriptedPrompts(responder({
        "Wat kiest het team": picks[: len(conflicts)],
        "Nieuwe tekst van de regel": CLEAR + "Een tekst na het conflict.\r",
        "Wat wil je doen": lambda c: choose(c, "Opslaan en stoppen"),
    }))
    code = run_interview(target, resume=True, handboek_url="", prompts=prompts, context=FIXTURE_NEW)
    prompts.close()
    assert code == 0, prompts.lines[-5:]
    answers = load_answers(target, FIXTURE_NEW)
    assert not [d for d in answers.decisions if d.conflict]
    kinds = {d.rule: (d.decision, d.text) for d in answers.decisions}
    for index, conflict in enumerate(conflicts):
        expected = [(conflict.decision, conflict.text), ("behouden", None), ("wijzigen", "Een tekst na het conflict.")]
        assert kinds[conflict.rule] == expected[index % 3]
    assert main(["maak", str(target), "--model", str(NEW_MODEL), "--uitvoer", str(tmp_path / "c"),
                 "--formaat", "md"]) == 0


def test_a_broken_model_is_refused_with_file_line_and_field(tmp_path, capsys):
    broken = tmp_path / "model.yaml"
    broken.write_text(NEW_MODEL.read_text(encoding="utf-8").replace("soort: nieuw", "soort: anders"), encoding="utf-8")
    for command in (["controleer", str(ANSWERS)], ["maak", str(ANSWERS), "--uitvoer", str(tmp_path / "c")],
                    ["bijwerken", str(ANSWERS)], ["start"]):
        assert main([*command, "--model", str(broken)]) == 2
        err = capsys.readouterr().err
        assert f"{broken}, regel " in err and "wijzigingen.lijst" in err and "Traceback" not in err


def test_a_missing_base_version_is_named(tmp_path, capsys):
    assert main(["bijwerken", str(ANSWERS), "--model", str(NEW_MODEL)]) == 2
    err = capsys.readouterr().err
    assert "modelversie 2030.1" in err and "--basismodel" in err


def test_a_board_model_keeps_its_versions_beside_it(tmp_path, capsys):
    (tmp_path / "modellen").mkdir()
    (tmp_path / "modellen" / "2030.1.yaml").write_bytes(OLD.read_bytes())
    (tmp_path / "bestuur.yaml").write_bytes(NEW_MODEL.read_bytes())
    assert main(["bijwerken", str(ANSWERS), "--model", str(tmp_path / "bestuur.yaml"),
                 "--uitvoer", str(tmp_path / "uit.yaml")]) == 0
    assert "Nog te beslissen" in capsys.readouterr().out
    # the conflicts are named with file, line and field until the team decides
    assert main(["controleer", str(tmp_path / "uit.yaml"), "--model", str(tmp_path / "bestuur.yaml")]) == 2
    err = capsys.readouterr().err
    conflicts = updated().report.open_conflicts
    assert err.count("nog niet beslist") == conflicts
    assert len(re.findall(rf"{re.escape(str(tmp_path / 'uit.yaml'))}, regel \d+: veld besluiten\.\d+\.conflict: ", err)) == conflicts


def test_a_version_that_names_a_path_is_not_looked_up(tmp_path, capsys):
    data = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    data["basisversie"] = "../../oud"
    source = tmp_path / "a.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "modellen").mkdir()
    (tmp_path / "oud.yaml").write_bytes(OLD.read_bytes())
    (tmp_path / "bestuur.yaml").write_bytes(NEW_MODEL.read_bytes())
    assert main(["bijwerken", str(source), "--model", str(tmp_path / "bestuur.yaml")]) == 2
    assert "niet gevonden" in capsys.readouterr().err


# Properties ----------------------------------------------------------------------------------------

#: Texts the checker accepts (a visible character; only characters the PDF fonts hold), markup included.
_ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ éëïöüçğ 0123456789 .,;:!?'’\"()-<>{}[]*_#|&%$\\/@"
NAMES = st.one_of(st.sampled_from(["Een school", "{{ 7*7 }}", "<script>x</script>", "**vet** [link](http://x)"]),
                  st.text(_ALPHABET, min_size=1, max_size=60).filter(str.strip))
TEXTS = st.one_of(NAMES, st.just("a" * 400))


PAIRS = {"fixture": (FIXTURE_OLD, FIXTURE_NEW), "model": (SHIPPED_OLD, SHIPPED_NEW)}


@st.composite
def answers_for(draw, pair: str):
    """Answers data valid against the old model of ``pair`` (a draw the checker refuses is discarded)."""
    ctx, other = PAIRS[pair]
    sector = draw(st.sampled_from(sorted(SECTORS)))
    rules = [r for r in ctx.model.rules() if r.applies_to(sector)]
    chosen = draw(st.lists(st.sampled_from(rules), unique_by=lambda r: r.id, max_size=len(rules)))
    decisions = []
    for rule in chosen:
        choice = draw(st.sampled_from(answers_schema.at("besluiten", "besluit").choice_values))
        decision = {"regel": rule.id, "besluit": choice}
        if choice == "wijzigen":
            other_texts = [r.text for r in other.model.rules() if r.id == rule.id]
            decision["tekst"] = draw(st.one_of(TEXTS, st.sampled_from(other_texts or [rule.text + " En meer."])))
        if draw(st.booleans()):
            decision["toelichting"] = draw(TEXTS)
        if draw(st.booleans()):
            decision["vingerafdruk"] = draw(st.sampled_from(
                [fingerprint(rule.text), "sha256:0000000000000000"]
                + [fingerprint(r.text) for r in other.model.rules() if r.id == rule.id]))
        decisions.append(decision)
    chapters = [c.id for c in ctx.model.chapters]
    new_rules = draw(st.lists(st.fixed_dictionaries(
        {"hoofdstuk": st.sampled_from(chapters), "tekst": TEXTS}, optional={"titel": NAMES}), max_size=3))
    data = {"versie": 2, "basisversie": ctx.model.version, "school": {"naam": draw(NAMES), "sector": sector},
            "sessie": {"datum": "2026-11-21"}, "besluiten": decisions, "nieuwe_regels": new_rules}
    try:
        return to_data(reread(data, ctx))
    except (ValidationError, YamlError):
        assume(False)


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_any_valid_answers_update_to_valid_answers_or_recorded_conflicts(pair):
    old, new = PAIRS[pair]

    @SETTINGS
    @given(answers_for(pair))
    def check(data):
        result = update(data, old.model, new.model, [new.model])
        answers = reread_updated(result.data, new)  # valid against the new model but for the conflicts
        recorded = [d.rule for d in answers.decisions if d.conflict]
        assert sorted(recorded) == sorted(i.rule_id for i in result.report.items if i.case in CONFLICTS)
        rendered = render_update(result.report)
        assert rendered["md"] and rendered["html"]

    check()


HOSTILE = ["{{ 7*7 }}", "<script>alert(1)</script>", '" onmouseover="x', "<img src=x onerror=alert(1)>",
           "**vet** _schuin_ [link](http://x) # kop", "| pijp | tabel |", "\u202eomgekeerd\u202c", "]]><!--",
           "- lijst\n1. lijst\n> citaat", "`code`", "&amp; &lt;"]
TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "strong", "em",
                 "section", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "ul", "li", "span"}
MARKDOWN_TAGS = {"h1", "h2", "h3", "p", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "ul", "li"}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_in_the_update_report_stays_text(hostile):
    data = to_data(load_answers(ANSWERS, FIXTURE_OLD))
    data["school"]["naam"] = hostile.replace("\n", " ")
    for decision in data["besluiten"]:
        if decision["besluit"] == "wijzigen":
            decision["tekst"] = hostile
        decision["toelichting"] = hostile
    for rule in data["nieuwe_regels"]:
        rule["titel"] = hostile.replace("\n", " ")
    reread(data, FIXTURE_OLD)  # the checker accepts it
    report = update(data, FIXTURE_OLD.model, FIXTURE_NEW.model).report
    rendered = render_update(report)
    soup = BeautifulSoup(rendered["html"], "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= TEMPLATE_TAGS
    assert not soup.find_all(attrs={"onmouseover": True}) and not soup.find_all("script")
    visible = " ".join(soup.get_text().split())
    assert " ".join(hostile.replace("\u202e", "").replace("\u202c", "").split()) in visible
    parsed = BeautifulSoup(MarkdownIt("commonmark").enable("table").render(rendered["md"]), "html.parser")
    assert {tag.name for tag in parsed.find_all(True)} <= MARKDOWN_TAGS
    assert not parsed.find_all("a") and not parsed.find_all("img")


@pytest.mark.parametrize("decisions", ["true", "42", "tekst", "{regel: x}"])
def test_decisions_that_are_no_list_are_refused_in_dutch_not_a_traceback(tmp_path, capsys, decisions):
    """The conflict check runs on whatever ``besluiten`` holds: a value that is no list is an error, never a crash."""
    path = tmp_path / "antwoorden.yaml"
    path.write_text("versie: 2\nschool:\n  naam: School\n  sector: vo\nsessie:\n  datum: '2026-11-20'\n"
                    f"besluiten: {decisions}\n", encoding="utf-8")
    assert main(["controleer", str(path)]) == 2
    said = capsys.readouterr().err
    assert "regel 7" in said and "besluiten" in said and "Traceback" not in said
