"""Answers files whose every text field holds long adversarial text (for the scaling test and the benchmark)."""

from __future__ import annotations

from pathlib import Path

import yaml
from protocol.strict_yaml import MAX_BYTES
from protocolwizard.answers_schema import at

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "antwoorden-voorbeeld.yaml"
#: Runs of one character, of spaces (with and without line breaks), of '@' and '.'.
UNITS = ("x", " ", " \n", "\t", "@", ".", "@.")


def run_of(unit: str, length: int) -> str:
    """``length`` characters: a visible first and last character around a run of ``unit``."""
    if length <= 2:
        return "x" * length
    return "x" + (unit * length)[: length - 2] + "x"


def adversarial_answers(unit: str, length: int, *, new_rules: int = 40, limit: bool = True) -> str:
    """The example answers with every text field ``length`` characters of ``unit`` (cut to each field's
    maximum when ``limit``, so that the file is accepted; beyond it when not, so that it is refused)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))

    def text(*path: str) -> str:
        """A run for the field at ``path`` of the answers schema, cut to its maximum length when ``limit``."""
        return run_of(unit, min(length, at(*path).max_length) if limit else length)

    school, session = data["school"], data["sessie"]
    for key in ("naam", "plaats", "bestuur"):
        school[key] = text("school", key)
    school["vertrouwenspersoon"]["naam"] = text("school", "vertrouwenspersoon", "naam")
    if not limit:
        school["vertrouwenspersoon"]["email"] = run_of(unit, length)
    session["gespreksleider"] = text("sessie", "gespreksleider")
    for decision in data["besluiten"]:
        decision["toelichting"] = text("besluiten", "toelichting")
        if decision["besluit"] == "wijzigen":
            decision["tekst"] = text("besluiten", "tekst")
    chapter = data["nieuwe_regels"][0]["hoofdstuk"]
    data["nieuwe_regels"] = [
        {"hoofdstuk": chapter, "titel": text("nieuwe_regels", "titel"), "tekst": text("nieuwe_regels", "tekst"),
         "toelichting": text("nieuwe_regels", "toelichting")}
        for _ in range(new_rules)
    ]
    data["notities"] = {key: text("notities") for key in data["notities"]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def new_rules_that_fit(unit: str, length: int, most: int = 40, **options) -> int:
    """How many new rules of ``length`` characters of ``unit`` fit under the size cap (at most ``most``)."""
    empty = len(adversarial_answers(unit, length, new_rules=0, **options).encode())
    each = len(adversarial_answers(unit, length, new_rules=1, **options).encode()) - empty
    return max(0, min(most, (MAX_BYTES - empty) // each))
