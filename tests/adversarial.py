"""Answers files whose every text field holds long adversarial text (for the scaling test and the benchmark)."""

from __future__ import annotations

from pathlib import Path

import yaml
from protocol.strict_yaml import MAX_BYTES
from protocolwizard.answers import MAX_NAME, MAX_TEXT

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

    def text(maximum: int = MAX_TEXT) -> str:
        return run_of(unit, min(length, maximum) if limit else length)

    school, session = data["school"], data["sessie"]
    school["naam"] = text(MAX_NAME)
    for key in ("plaats", "bestuur"):
        school[key] = text()
    school["vertrouwenspersoon"]["naam"] = text()
    if not limit:
        school["vertrouwenspersoon"]["email"] = run_of(unit, length)
    session["gespreksleider"] = text()
    for decision in data["besluiten"]:
        decision["toelichting"] = text()
        if decision["besluit"] == "wijzigen":
            decision["tekst"] = text()
    chapter = data["nieuwe_regels"][0]["hoofdstuk"]
    data["nieuwe_regels"] = [{"hoofdstuk": chapter, "titel": text(), "tekst": text(), "toelichting": text()}
                             for _ in range(new_rules)]
    data["notities"] = {key: text() for key in data["notities"]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def new_rules_that_fit(unit: str, length: int, most: int = 40, **options) -> int:
    """How many new rules of ``length`` characters of ``unit`` fit under the size cap (at most ``most``)."""
    empty = len(adversarial_answers(unit, length, new_rules=0, **options).encode())
    each = len(adversarial_answers(unit, length, new_rules=1, **options).encode()) - empty
    return max(0, min(most, (MAX_BYTES - empty) // each))
