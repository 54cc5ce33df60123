"""The model protocol: its data is checked on load, and every kwestie is traced to its rules."""

import re
from pathlib import Path

import pytest
from kern.loader import load_card
from protocol.model import CHANGE_KINDS, DEFAULT_MODEL, MODELS_DIR, SECTORS, load_model
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError
from protocol.trace import kwesties_for_rule, rules_for_kwestie, traceability_problems


HOSTILE = "<b>vet</b> & *ster* # _laag_ {{ 7*7 }} {% raw %}x{% endraw %} `code` [link](x) \\ $x$ %"


def model_variant(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = DEFAULT_MODEL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "model.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_model_has_chapters_rules_and_every_sector(model):
    rules = list(model.rules())
    assert len(model.chapters) >= 12
    assert len(rules) >= 30
    for sector in SECTORS:
        assert all(any(r.applies_to(sector) for r in chapter.rules) for chapter in model.chapters), sector
    assert all(rule.title for rule in rules)


def test_every_kwestie_touches_a_rule_and_every_topic_is_covered(model, cards):
    assert traceability_problems(model, cards) == []
    for card in cards:
        for kwestie in card.kwesties:
            assert rules_for_kwestie(model, kwestie), kwestie.id


def test_traceability_goes_both_ways(model, cards):
    for card in cards:
        for kwestie in card.kwesties:
            for rule in rules_for_kwestie(model, kwestie):
                assert kwestie.id in [ref.id for ref in kwesties_for_rule(rule, cards)]


def test_kwestie_with_a_topic_no_rule_covers_fails(model, tmp_path):
    card = tmp_path / "kaart.md"
    card.write_text(
        "# Kaart\n\nDoel.\n\n::::{kwestie} 1\n:onderwerpen: bestaat-niet\nTekst.\n\n:::{vragen}\n- Vraag?\n:::\n::::\n",
        encoding="utf-8",
    )
    problems = traceability_problems(model, [load_card(card)])
    assert "kwestie kaart/1 noemt het onbekende onderwerp 'bestaat-niet'." in problems
    assert "kwestie kaart/1 raakt geen enkele regel van het modelprotocol." in problems


def test_topic_defined_but_on_no_rule_fails(tmp_path, cards):
    path = model_variant(tmp_path, "onderwerpen:\n", "onderwerpen:\n  verweesd: Een onderwerp zonder regel\n")
    model = load_model(path)
    card = tmp_path / "kaart.md"
    card.write_text("# K\n\nDoel.\n\n::::{kwestie} 1\n:onderwerpen: verweesd\nT.\n::::\n", encoding="utf-8")
    problems = traceability_problems(model, [load_card(card)])
    assert "het onderwerp 'verweesd' van kwestie kaart/1 staat bij geen enkele regel." in problems


def test_duplicate_rule_id_is_rejected(tmp_path, model):
    first, second = [rule.id for rule in model.rules()][:2]
    path = model_variant(tmp_path, f"id: {second}\n", f"id: {first}\n")
    with pytest.raises(ValidationError) as error:
        load_model(path)
    assert f"het regel-id '{first}' komt twee keer voor" in str(error.value)
    assert str(path) in str(error.value) and ", regel " in str(error.value)


def test_unknown_sector_is_rejected(tmp_path):
    path = model_variant(tmp_path, "sectoren: [", "sectoren: [hbo, ")
    with pytest.raises(ValidationError, match="'hbo' is geen geldige keuze; kies uit: po, so, vo, mbo"):
        load_model(path)


def test_unknown_field_gets_a_suggestion(tmp_path):
    path = model_variant(tmp_path, "    regels:\n", "    regles:\n")
    with pytest.raises(ValidationError, match="onbekend veld 'regles'. Bedoelde je 'regels'?"):
        load_model(path)


def test_broken_yaml_is_a_dutch_error_with_a_line(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text("versie: 1\ntitel: [open\n", encoding="utf-8")
    with pytest.raises(YamlError, match=r"kapot.yaml, regel \d+: dit is geen geldige YAML"):
        load_model(path)


# --- model version, change log and source notes (grondslag) -------------------------------------


def _previous(model):
    return load_model(MODELS_DIR / f"{model.previous_version}.yaml")


def test_model_has_a_version_and_its_previous_version_is_kept(model):
    assert model.version and model.previous_version
    previous = _previous(model)
    assert previous.version == model.previous_version
    assert model.about and "Kennisnet" in model.about


def test_change_log_accounts_for_every_difference_with_the_previous_version(model):
    previous = _previous(model)
    old = {rule.id: rule for rule in previous.rules()}
    new = {rule.id: rule for rule in model.rules()}
    logged = {change.rule_id or change.old_id: change for change in model.changes}
    for rule_id in new.keys() - old.keys():
        assert rule_id in logged and logged[rule_id].kind in ("nieuw", "vervangen"), rule_id
    replaced = {change.old_id for change in model.changes if change.kind == "vervangen"}
    removed = {change.old_id for change in model.changes if change.kind == "geschrapt"}
    assert old.keys() - new.keys() == replaced | removed
    assert replaced | removed <= old.keys()
    for rule_id in old.keys() & new.keys():
        before, after = old[rule_id], new[rule_id]
        differs = (before.text, before.title, before.sectors) != (after.text, after.title, after.sectors)
        assert differs == (rule_id in logged), rule_id
        if differs:
            assert logged[rule_id].kind == "gewijzigd", rule_id
    assert all(change.reason for change in model.changes)


def test_source_notes_follow_the_rules_sectors(model):
    for rule in model.rules():
        for sector, note in rule.legal_basis:
            assert note
            assert sector == "" or sector in rule.sectors, rule.id
        if rule.legal_basis:
            assert rule.source_note()
            for sector in rule.sectors:
                if dict(rule.legal_basis).get(sector) or "" in dict(rule.legal_basis):
                    assert rule.source_note(sector)


def test_sector_texts_stay_in_their_sectors(model):
    """No mbo wording in rules for other sectors, no primary-school wording in vo or mbo rules."""
    for rule in model.rules():
        text = rule.text.lower()
        if set(rule.sectors) - {"mbo"}:
            assert "mbo" not in text and "studenten" not in text, rule.id
        if {"vo", "mbo"} & set(rule.sectors):
            assert "basisonderwijs" not in text and "intern begeleider" not in text, rule.id


def test_so_is_not_a_copy_of_po(model):
    po = [rule.id for rule in model.rules() if rule.applies_to("po")]
    so = [rule.id for rule in model.rules() if rule.applies_to("so")]
    assert po != so


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('modelversie: "', 'modelversie: "x', "is geen geldige modelversie"),
        ("        grondslag: AVG\n", "        grondslag: [AVG]\n", "hier hoort tekst (wet en artikel)"),
        ("          po: WPO art. 4a", "          mbo: WPO art. 4a", "de regel geldt niet voor de sector 'mbo'"),
        ("          po: WPO art. 4a", "          hbo: WPO art. 4a", "'hbo' is geen geldige keuze"),
        ("    - soort: gewijzigd\n", "    - soort: verbouwd\n", "'verbouwd' is geen geldige keuze"),
        ("      regel: doel-protocol\n", "      regel: bestaat-niet\n", "onbekende regel 'bestaat-niet'"),
        ("      was: acties-eigen-positie\n", "      was: acties-reageren\n", "staat nog in het model"),
        ('  vorige: "2026.1"', '  vorige: "2027.1"', "moet ouder zijn dan"),
    ],
)
def test_bad_version_change_log_or_source_note_is_a_dutch_error(tmp_path, old, new, message):
    with pytest.raises(ValidationError, match=re.escape(message)) as error:
        load_model(model_variant(tmp_path, old, new))
    assert ", regel " in str(error.value)


def test_removed_rule_needs_its_old_id_and_no_new_one(tmp_path):
    path = model_variant(tmp_path, "    - soort: vervangen\n      regel: acties-positie-medewerker\n",
                         "    - soort: geschrapt\n      regel: acties-positie-medewerker\n")
    with pytest.raises(ValidationError, match="bij soort 'geschrapt' hoort geen veld 'regel'"):
        load_model(path)


def test_change_kinds_are_dutch_labels():
    assert set(CHANGE_KINDS) == {"gewijzigd", "nieuw", "geschrapt", "vervangen"}
