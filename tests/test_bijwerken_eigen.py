"""`protocolwizard bijwerken --basis`: answers on a school's own protocol brought to a newer import of it, rule by
rule, the same way as for the model.

Two Word versions of one school protocol are built here with python-docx and imported as the school would. The
second version changes rules, removes some, inserts one (which shifts the generated ids after it) and rewords a
rule whose id shifted: every case of the three-way comparison. Expectations come from the two versions' texts.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from docx import Document
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kern.loader import load_cards
from protocol.bijwerkverslag import CONFLICT, CONFLICTS, DROPPED, GONE, NEW, OWN, TAKEN, render_update
from protocol.eigen_protocol import confirm_proposals, dump_protocol, import_protocol
from protocol.model import DEFAULT_MODEL, load_model
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError
from protocolwizard.answers import Context, load_answers, parse_answers, to_data
from protocolwizard.bijwerken import SIMILAR, align, fingerprint, protocol_version, update
from protocolwizard.cli import main

ROOT = Path(__file__).resolve().parents[1]
CARDS = load_cards(ROOT / "docs" / "kaarten")
CONTEXT = Context(load_model(), CARDS)

# The school's protocol, version 1 and version 2 (chapter title -> paragraphs, in order).
KEEP_CHANGED = "Medewerkers accepteren geen vriendschapsverzoeken van leerlingen op persoonlijke accounts."
KEEP_CHANGED_2 = ("Medewerkers accepteren geen vriendschapsverzoeken van leerlingen op persoonlijke accounts, ook "
                  "niet van oud-leerlingen.")
OWN_SAME = "Contact met leerlingen loopt via de schoolmail en de elektronische leeromgeving."
BOTH = "Medewerkers zijn na 18.00 uur niet bereikbaar voor leerlingen en ouders."
BOTH_2 = "Medewerkers zijn na 18.00 uur en in het weekend niet bereikbaar voor leerlingen en ouders."
KEPT_REMOVED = "Groepsapps met leerlingen hebben altijd minstens twee beheerders vanuit de school."
REMOVED_SAME = "Foto's van leerlingen worden alleen met schriftelijke toestemming van de ouders geplaatst."
REWORDED = "Medewerkers plaatsen geen beelden van leerlingen op hun eigen sociale media."
REWORDED_2 = "Medewerkers plaatsen geen beelden van leerlingen op hun eigen sociale media of privéwebsites."
INSERTED = "Opnamen van lessen worden aan het einde van het schooljaar verwijderd."
UNTOUCHED = "Vertrouwelijke signalen worden dezelfde dag gemeld bij de zorgcoördinator."
GONE_UNDISCUSSED = "Berichten die per ongeluk aan een leerling zijn verstuurd, worden direct gemeld bij de directie."

VERSION_1 = {
    "Contact met leerlingen": [KEEP_CHANGED, OWN_SAME, BOTH, KEPT_REMOVED],
    "Beeldmateriaal": [REMOVED_SAME, REWORDED],
    "Melden": [UNTOUCHED, GONE_UNDISCUSSED],
}
VERSION_2 = {
    "Contact met leerlingen": [KEEP_CHANGED_2, OWN_SAME, BOTH_2],
    "Beeldmateriaal": [REMOVED_SAME, INSERTED, REWORDED_2],
    "Melden": [UNTOUCHED],
}
TEAM_OWN = "Contact met leerlingen loopt alleen via de elektronische leeromgeving."
TEAM_BOTH = "Medewerkers zijn na 17.00 uur niet bereikbaar voor leerlingen."


def protocol_docx(chapters: dict[str, list[str]]) -> bytes:
    """A school protocol in Word: a title, a heading per chapter and a numbered paragraph per rule."""
    document = Document()
    document.add_paragraph("Protocol sociale media De Linde", style="Title")
    for title, texts in chapters.items():
        document.add_heading(title, 1)
        for text in texts:
            document.add_paragraph(text, style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def imported(folder: Path, name: str, chapters: dict[str, list[str]]) -> Path:
    """The Word file imported (its topic proposals confirmed) as the school does with 'importeer'."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.docx"
    source.write_bytes(protocol_docx(chapters))
    data = import_protocol(source, CONTEXT.model).data
    confirm_proposals(data)
    target = folder / f"{name}.yaml"
    target.write_text(dump_protocol(data, target.name), encoding="utf-8")
    return target


def rule_with(protocol, text: str):
    return next(rule for rule in protocol.rules() if rule.text == text)


@pytest.fixture()
def school(tmp_path):
    """Both versions imported, and the team's answers on the first (written by 'maak', so stamped)."""
    old_path = imported(tmp_path, "eigen-protocol", VERSION_1)
    new_path = imported(tmp_path / "2027", "eigen-protocol-2027", VERSION_2)
    old = load_model(old_path)
    decisions = [
        {"regel": rule_with(old, KEEP_CHANGED).id, "besluit": "behouden"},
        {"regel": rule_with(old, OWN_SAME).id, "besluit": "wijzigen", "tekst": TEAM_OWN, "toelichting": "Minder kanalen."},
        {"regel": rule_with(old, BOTH).id, "besluit": "wijzigen", "tekst": TEAM_BOTH},
        {"regel": rule_with(old, KEPT_REMOVED).id, "besluit": "behouden"},
        {"regel": rule_with(old, REMOVED_SAME).id, "besluit": "schrappen", "toelichting": "Staat in het AVG-beleid."},
        {"regel": rule_with(old, REWORDED).id, "besluit": "behouden"},
    ]
    data = {"versie": 2, "basis": old_path.name, "school": {"naam": "De Linde", "sector": "po"},
            "sessie": {"datum": "2026-10-05", "kaarten": [CARDS[0].id]}, "besluiten": decisions,
            "nieuwe_regels": [{"hoofdstuk": old.chapters[-1].id, "tekst": "Het team evalueert dit protocol elk jaar."}]}
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["maak", str(answers), "--uitvoer", str(tmp_path / "concept"), "--formaat", "md"]) == 0
    stamped = tmp_path / "concept" / "antwoorden.yaml"
    assert stamped.is_file()
    return tmp_path, answers, stamped, old_path, new_path


def run(answers: Path, new_path: Path, *extra: str) -> tuple[int, Path]:
    target = answers.with_name(f"{answers.stem}-bijgewerkt.yaml")
    code = main(["bijwerken", str(answers), "--basis", str(new_path), "--uitvoer", str(target), *extra])
    return code, target


# What stamp records ---------------------------------------------------------------------------------

def test_maak_records_the_own_protocols_version_and_fingerprints_not_the_models(school):
    _, _, stamped, old_path, _ = school
    data = yaml.safe_load(stamped.read_text(encoding="utf-8"))
    old = load_model(old_path)
    assert data["basisversie"] == protocol_version(old) != CONTEXT.model.version
    assert data["basisversie"].startswith("sha256:")
    texts = {rule.id: rule.text for rule in old.rules()}
    for decision in data["besluiten"]:
        assert decision["vingerafdruk"] == fingerprint(texts[decision["regel"]])


def test_the_own_protocols_version_ignores_topics_and_follows_every_rule_text(tmp_path):
    path = imported(tmp_path, "p", VERSION_1)
    before = protocol_version(load_model(path))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for chapter in data["hoofdstukken"]:
        for rule in chapter["regels"]:
            rule["onderwerpen"] = []
    path.write_text(dump_protocol(data), encoding="utf-8")
    assert protocol_version(load_model(path)) == before
    data["hoofdstukken"][0]["regels"][0]["tekst"] += " Ook niet op school."
    path.write_text(dump_protocol(data), encoding="utf-8")
    assert protocol_version(load_model(path)) != before


# Matching old and new rules ----------------------------------------------------------------------------

def test_rules_are_matched_by_text_even_when_an_inserted_rule_shifts_their_ids(tmp_path):
    old = load_model(imported(tmp_path, "oud", VERSION_1))
    new = load_model(imported(tmp_path, "nieuw", VERSION_2))
    renames = align(old, new)
    new_by_text = {rule.text: rule.id for rule in new.rules()}
    pairs = {KEEP_CHANGED: KEEP_CHANGED_2, OWN_SAME: OWN_SAME, BOTH: BOTH_2, REMOVED_SAME: REMOVED_SAME,
             REWORDED: REWORDED_2, UNTOUCHED: UNTOUCHED}
    for old_text, new_text in pairs.items():
        assert renames[rule_with(old, old_text).id] == (new_by_text[new_text],)
    assert rule_with(old, REWORDED).id != new_by_text[REWORDED_2]  # the insertion shifted it
    assert renames[rule_with(old, KEPT_REMOVED).id] == ()
    assert renames[rule_with(old, GONE_UNDISCUSSED).id] == ()
    # the removed rule's id now names another rule in the new import: the id alone would follow the wrong rule
    assert any(rule.id == rule_with(old, REWORDED).id for rule in new.rules())


def test_different_rules_of_one_protocol_stay_below_the_similarity_threshold(tmp_path):
    """The threshold separates rewording from another rule: every pair of different rules here is below it."""
    import difflib

    texts = [text for chapter in (VERSION_1, VERSION_2) for rules in chapter.values() for text in rules]
    reworded = {(KEEP_CHANGED, KEEP_CHANGED_2), (BOTH, BOTH_2), (REWORDED, REWORDED_2)}
    for one in texts:
        for other in texts:
            ratio = difflib.SequenceMatcher(None, one.lower().split(), other.lower().split(), autojunk=False).ratio()
            if (one, other) in reworded or (other, one) in reworded:
                assert ratio >= SIMILAR
            elif one != other:
                assert ratio < SIMILAR, (one, other, ratio)


# The command ----------------------------------------------------------------------------------------------

def test_every_case_goes_the_way_the_two_versions_and_the_decisions_say(school, capsys):
    folder, answers, _, old_path, new_path = school
    before = answers.read_bytes(), old_path.read_bytes(), new_path.read_bytes()
    code, target = run(answers, new_path)
    out = capsys.readouterr().out
    assert code == 0, out
    assert (answers.read_bytes(), old_path.read_bytes(), new_path.read_bytes()) == before  # input never changed
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    new = load_model(new_path)
    assert (target.parent / data["basis"]).resolve() == new_path.resolve()
    assert data["basisversie"] == protocol_version(new)
    by_rule = {d["regel"]: d for d in data["besluiten"]}
    kept = by_rule[rule_with(new, KEEP_CHANGED_2).id]  # school kept, protocol changed: taken over
    assert kept["besluit"] == "behouden" and "conflict" not in kept
    assert kept["vingerafdruk"] == fingerprint(KEEP_CHANGED_2)
    own = by_rule[rule_with(new, OWN_SAME).id]  # school changed, protocol did not: kept
    assert own["besluit"] == "wijzigen" and own["tekst"] == TEAM_OWN and "conflict" not in own
    both = by_rule[rule_with(new, BOTH_2).id]  # both changed: conflict with both texts
    assert both["tekst"] == TEAM_BOTH and both["conflict"]["modeltekst"] == BOTH_2
    assert both["conflict"]["vorige_modeltekst"] == BOTH
    reworded = by_rule[rule_with(new, REWORDED_2).id]  # the reworded rule with a shifted id is followed
    assert reworded["besluit"] == "behouden"
    removed = by_rule[rule_with(new, REMOVED_SAME).id]
    assert removed["besluit"] == "schrappen" and "conflict" not in removed
    assert rule_with(new, INSERTED).id not in by_rule  # new rule: included as the protocol has it
    dropped = [rule for rule in data["nieuwe_regels"] if rule["tekst"] == KEPT_REMOVED]
    assert len(dropped) == 1 and dropped[0]["hoofdstuk"] == new.chapters[0].id  # kept by the team: not lost
    assert any(rule["tekst"] == "Het team evalueert dit protocol elk jaar." for rule in data["nieuwe_regels"])
    # The report says "eigen protocol" where it speaks of the base, and names every case.
    report = target.with_name(f"{target.stem}-bijwerkverslag.md").read_text(encoding="utf-8")
    for phrase in ("Overgenomen uit het nieuwe eigen protocol", "Nieuw in het eigen protocol",
                   "het team en het eigen protocol veranderden", "Niet meer in het eigen protocol",
                   old_path.name, new_path.name):
        assert phrase in report, phrase
    assert "model" not in report.replace("modeltekst", "")
    for text in (KEEP_CHANGED_2, BOTH_2, TEAM_BOTH, INSERTED, GONE_UNDISCUSSED, KEPT_REMOVED):
        assert text in report
    assert "eigen protocol" in out and "conflict" in out


def test_the_report_counts_each_case_once(school):
    _, answers, _, old_path, new_path = school
    old, new = load_model(old_path), load_model(new_path)
    data = to_data(load_answers(answers, CONTEXT))
    result = update(data, old, new, basis=new_path.name)
    counts = result.report.counts()
    assert counts[TAKEN] == 2 and counts[OWN] == 1 and counts[CONFLICT] == 1 and counts[NEW] == 1
    assert counts[DROPPED] == 1 and counts[GONE] == 1
    assert {item.old_id for item in result.report.of(TAKEN)} == {rule_with(old, KEEP_CHANGED).id, rule_with(old, REWORDED).id}


def test_the_updated_answers_are_refused_by_maak_until_the_conflict_is_decided_then_they_render(school, capsys):
    folder, answers, _, _, new_path = school
    _, target = run(answers, new_path)
    capsys.readouterr()
    assert main(["maak", str(target), "--uitvoer", str(folder / "c2"), "--formaat", "md"]) == 2
    err = capsys.readouterr().err
    assert "conflict" in err and str(target) in err and "Traceback" not in err
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    for decision in data["besluiten"]:
        decision.pop("conflict", None)  # keep the team's text
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["maak", str(target), "--uitvoer", str(folder / "c3"), "--formaat", "md"]) == 0
    draft = (folder / "c3" / "protocol.md").read_text(encoding="utf-8")
    for text in (KEEP_CHANGED_2, TEAM_OWN, TEAM_BOTH, INSERTED, KEPT_REMOVED):
        assert text in draft


def test_run_twice_gives_the_same_result_and_then_nothing_to_update(school, capsys):
    folder, answers, _, _, new_path = school
    assert run(answers, new_path)[0] == 0
    first = {p.name: p.read_bytes() for p in folder.glob("antwoorden-bijgewerkt*")}
    assert run(answers, new_path, "--overschrijven")[0] == 0
    assert {p.name: p.read_bytes() for p in folder.glob("antwoorden-bijgewerkt*")} == first
    capsys.readouterr()
    target = folder / "antwoorden-bijgewerkt.yaml"
    assert main(["bijwerken", str(target), "--basis", str(new_path)]) == 0
    assert "niets bij te werken" in capsys.readouterr().out


def test_the_stamped_answers_update_the_same_way(school, capsys):
    folder, _, stamped, _, new_path = school
    code, target = run(stamped, new_path)
    assert code == 0, capsys.readouterr().err
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert (target.parent / data["basis"]).resolve() == new_path.resolve()


def test_a_base_overwritten_by_the_new_import_asks_for_the_old_version(school, capsys):
    folder, _, stamped, old_path, new_path = school
    keep = folder / "bewaard" / "eigen-protocol.yaml"
    keep.parent.mkdir()
    keep.write_bytes(old_path.read_bytes())
    old_path.write_bytes(new_path.read_bytes())  # the school imported the new version over the old file
    capsys.readouterr()
    assert main(["controleer", str(stamped)]) == 2  # its rule ids are the old version's: refused, with the way out
    err = " ".join(capsys.readouterr().err.split())
    assert "is veranderd sinds dit bestand is gemaakt" in err and "bijwerken" in err and "--basismodel" in err
    code, _ = run(stamped, new_path)
    err = capsys.readouterr().err
    assert code == 2 and "--basismodel" in err and "Traceback" not in err
    code, target = run(stamped, new_path, "--basismodel", str(keep))
    assert code == 0, capsys.readouterr().err
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["basisversie"] == protocol_version(load_model(new_path))


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_basis_that_is_not_an_imported_protocol_is_a_dutch_error_with_file_and_line(school, capsys):
    folder, answers, _, _, new_path = school
    model_copy = folder / "model.yaml"
    model_copy.write_text(DEFAULT_MODEL.read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    assert main(["bijwerken", str(answers), "--basis", str(model_copy)]) == 2
    err = capsys.readouterr().err
    assert f"{model_copy}, regel " in err and "geen ingelezen protocol" in err and "Traceback" not in err
    broken = folder / "kapot.yaml"
    broken.write_text(new_path.read_text(encoding="utf-8").replace("tekst:", "tekts:", 1), encoding="utf-8")
    assert main(["bijwerken", str(answers), "--basis", str(broken)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}, regel {line_of(broken, 'tekts:')}" in err and "Traceback" not in err
    assert main(["bijwerken", str(answers), "--basis", str(folder / "eigen-protocol.docx")]) == 2
    assert "importeer" in capsys.readouterr().err
    assert main(["bijwerken", str(answers), "--basis", str(folder / "bestaat-niet.yaml")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    model_answers = folder / "model-antwoorden.yaml"
    model_answers.write_text(yaml.safe_dump({"versie": 2, "school": {"naam": "X", "sector": "po"},
                                             "sessie": {"datum": "2026-10-05"}}), encoding="utf-8")
    assert main(["bijwerken", str(model_answers), "--basis", str(new_path)]) == 2
    err = capsys.readouterr().err
    assert f"{model_answers}, regel " in err and "'basis'" in err and "Traceback" not in err
    assert list(folder.glob("*-bijgewerkt*")) == []


# Property ---------------------------------------------------------------------------------------------

_ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ éëïöü 0123456789 .,;:!?'()-<>{}*_#|&"
TEXTS = st.text(_ALPHABET, min_size=1, max_size=60).filter(str.strip)
WORDS = st.lists(st.sampled_from("de leerling medewerker school sociale media bericht foto ouders meldt niet altijd "
                                 "via mail app directie".split()), min_size=1, max_size=12).map(" ".join)


@st.composite
def versions(draw):
    """Two versions of a protocol: the second removes, rewords, inserts and moves rules of the first."""
    old = {f"Hoofdstuk {c}": draw(st.lists(WORDS, min_size=1, max_size=4, unique=True)) for c in range(draw(st.integers(1, 3)))}
    new = {}
    for title, rules in old.items():
        changed = []
        for text in rules:
            action = draw(st.sampled_from(["zelfde", "zelfde", "weg", "herschreven", "anders"]))
            if action == "zelfde":
                changed.append(text)
            elif action == "herschreven":
                changed.append(text + " " + draw(WORDS))
            elif action == "anders":
                changed.append(draw(WORDS))
        if draw(st.booleans()):
            changed.insert(draw(st.integers(0, len(changed))), draw(WORDS))
        if changed:
            new[draw(st.sampled_from([title, title + " nieuw"]))] = list(dict.fromkeys(changed))
    assume(new)
    return old, new


def protocol_yaml(folder: Path, name: str, chapters: dict[str, list[str]]) -> Path:
    """An imported protocol written as 'importeer' writes one (the YAML form, without going through Word)."""
    data = {"versie": 1, "titel": "Protocol", "bron": {"bestand": f"{name}.docx", "formaat": "docx"},
            "hoofdstukken": [{"id": f"hoofdstuk-{c}", "titel": title, "regels": [
                {"id": f"regel-{c}-{r}", "tekst": text, "onderwerpen": []} for r, text in enumerate(rules, 1)]}
                for c, (title, rules) in enumerate(chapters.items(), 1)]}
    path = folder / f"{name}.yaml"
    path.write_text(dump_protocol(data, path.name), encoding="utf-8")
    return path


def test_any_valid_answers_on_the_old_base_give_valid_answers_on_the_new_one_or_conflicts(tmp_path_factory):
    checked = []

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(versions(), st.data())
    def check(pair, draw):
        folder = tmp_path_factory.mktemp("eigen")
        old_path = protocol_yaml(folder, "oud", pair[0])
        new_path = protocol_yaml(folder, "nieuw", pair[1])
        old = load_model(old_path)
        rules = list(old.rules())
        chosen = draw.draw(st.lists(st.sampled_from(rules), unique_by=lambda r: r.id))
        decisions = []
        for rule in chosen:
            choice = draw.draw(st.sampled_from(["behouden", "wijzigen", "schrappen"]))
            decision = {"regel": rule.id, "besluit": choice, "vingerafdruk": fingerprint(rule.text)}
            if choice == "wijzigen":
                decision["tekst"] = draw.draw(st.one_of(TEXTS, WORDS))
            decisions.append(decision)
        new_rules = draw.draw(st.lists(st.fixed_dictionaries(
            {"hoofdstuk": st.sampled_from([c.id for c in old.chapters]), "tekst": TEXTS}), max_size=2))
        data = {"versie": 2, "basisversie": protocol_version(old), "basis": "oud.yaml",
                "school": {"naam": "School", "sector": "po"}, "sessie": {"datum": "2026-10-05"},
                "besluiten": decisions, "nieuwe_regels": new_rules}
        source = str(folder / "antwoorden.yaml")
        try:
            answers = parse_answers(yaml.safe_dump(data, allow_unicode=True), CONTEXT, source)
        except (ValidationError, YamlError):
            assume(False)
        result = update(to_data(answers), old, load_model(new_path), basis="nieuw.yaml")
        text = yaml.safe_dump(result.data, allow_unicode=True, sort_keys=False)
        target = str(folder / "bijgewerkt.yaml")
        updated = parse_answers(text, CONTEXT, target, partial=True)
        assert updated.base is not None and updated.base.source.resolve() == new_path.resolve()
        conflicts = [d for d in updated.decisions if d.conflict]
        assert len(conflicts) == sum(1 for item in result.report.items if item.case in CONFLICTS)
        try:
            parse_answers(text, CONTEXT, target)
            assert not conflicts
        except ValidationError as refused:
            assert conflicts and all("conflict" in str(error) for error in refused.errors), str(refused)
        # nothing the team wrote is lost
        written = {d.text for d in updated.decisions if d.text} | {r.text for r in updated.new_rules or []}
        assert {d["tekst"].strip() for d in decisions if d["besluit"] == "wijzigen"} <= written
        rendered = render_update(result.report)
        assert rendered["md"] and rendered["html"]
        checked.append(len(decisions))

    check()
    assert len(checked) >= 20 and any(checked)  # the property was tried on answers with decisions, not filtered away


HOSTILE = ["{{ 7*7 }}", "<script>alert(1)</script>", '" onmouseover="x', "<img src=x onerror=alert(1)>",
           "**vet** _schuin_ [link](http://x) # kop", "| pijp | tabel |", "`code`", "&amp; &lt;"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_in_an_own_protocol_stays_text_in_the_update_report(tmp_path, hostile):
    from bs4 import BeautifulSoup
    from markdown_it import MarkdownIt
    from test_bijwerken import MARKDOWN_TAGS, TEMPLATE_TAGS

    old_path = protocol_yaml(tmp_path, "oud", {"Hoofdstuk": [f"{hostile} oud", OWN_SAME, BOTH]})
    new_path = protocol_yaml(tmp_path, "nieuw", {"Hoofdstuk": [f"{hostile} oud en nieuw", BOTH_2, hostile + " nieuw"]})
    old = load_model(old_path)
    data = {"versie": 2, "basis": "oud.yaml", "school": {"naam": hostile, "sector": "po"},
            "sessie": {"datum": "2026-10-05"}, "besluiten": [
                {"regel": rule_with(old, BOTH).id, "besluit": "wijzigen", "tekst": hostile, "toelichting": hostile},
                {"regel": rule_with(old, OWN_SAME).id, "besluit": "behouden"}]}
    answers = parse_answers(yaml.safe_dump(data, allow_unicode=True), CONTEXT, str(tmp_path / "a.yaml"))
    rendered = render_update(update(to_data(answers), old, load_model(new_path), basis="nieuw.yaml").report)
    soup = BeautifulSoup(rendered["html"], "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= TEMPLATE_TAGS
    assert not soup.find_all(attrs={"onmouseover": True}) and not soup.find_all("script")
    assert " ".join(hostile.split()) in " ".join(soup.get_text().split())
    parsed = BeautifulSoup(MarkdownIt("commonmark").enable("table").render(rendered["md"]), "html.parser")
    assert {tag.name for tag in parsed.find_all(True)} <= MARKDOWN_TAGS
    assert not parsed.find_all("a") and not parsed.find_all("img")


def test_the_wizard_resolves_the_conflict_in_words_of_the_own_protocol(school, capsys):
    from protocolwizard.interview import run_interview
    from test_wizard_interactief import ScriptedPrompts, choose, responder

    folder, answers, _, _, new_path = school
    _, target = run(answers, new_path)
    prompts = ScriptedPrompts(responder({
        "Wat kiest het team": lambda c: choose(c, "eigen protocol overnemen"),
        "Wat wil je doen": lambda c: choose(c, "Opslaan en stoppen"),
    }))
    code = run_interview(target, resume=True, handboek_url="", prompts=prompts, context=CONTEXT)
    prompts.close()
    assert code == 0, prompts.lines[-5:]
    shown = " ".join(" ".join(prompts.lines).split())
    assert "Het nieuwe eigen protocol: " + BOTH_2 in shown and "modelversie" not in shown
    resolved = load_answers(target, CONTEXT)
    both = resolved.decision_for(rule_with(load_model(new_path), BOTH_2).id)
    assert both.decision == "behouden" and both.conflict is None
    assert main(["maak", str(target), "--uitvoer", str(folder / "c4"), "--formaat", "md"]) == 0
    assert BOTH_2 in (folder / "c4" / "protocol.md").read_text(encoding="utf-8")
