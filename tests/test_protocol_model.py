"""The model protocol: its data is checked on load, and every kwestie is traced to its rules."""

from pathlib import Path

import pytest
from kern.loader import load_card
from protocol.model import DEFAULT_MODEL, SECTORS, load_model
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
    assert "kwestie kaart/1 raakt geen enkele regel van het voorbeeldprotocol." in problems


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
