"""Driving the browser wizard over HTTP as a discussion leader would (for the tests and ``make bench-web``).

The form a page shows is read from its HTML (every hidden, typed, checked and selected value), filled in
the way :func:`fill` says, and sent back with the button the leader presses. Nothing here knows today's
cards or rules: what to fill in comes from the page itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bs4 import BeautifulSoup

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "antwoorden-voorbeeld.yaml"
#: What a leader types into the fields of the school and session steps.
SCHOOL = {"school.naam": "Testschool De Kwestie", "school.sector": "vo", "school.plaats": "Zwolle",
          "sessie.datum": "2026-11-12", "sessie.gespreksleider": "A. Leider"}
CHOICES = ("behouden", "wijzigen", "schrappen")


@dataclass
class Form:
    """The wizard's form on a page: its step and the values it would send."""

    step: str
    values: dict[str, str | list[str]]
    soup: BeautifulSoup

    def options(self, name: str) -> list[str]:
        return [tag["value"] for tag in self.soup.select(f'input[name="{name}"]')]

    def names(self, prefix: str) -> list[str]:
        return list(dict.fromkeys(tag["name"] for tag in self.soup.select("[name]") if tag["name"].startswith(prefix)))


def read_form(html: str) -> Form:
    """The form that carries the answers (``form[data-bewaar]``, else the first with a step)."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one("form[data-bewaar]") or soup.select_one("form:has(input[name=stap])")
    values: dict[str, str | list[str]] = {}
    for tag in form.select("input[name], textarea[name], select[name]"):
        name, kind = tag["name"], tag.get("type", "text")
        if tag.name == "textarea":
            values[name] = tag.string or ""
        elif tag.name == "select":
            chosen = tag.select_one("option[selected]") or tag.select_one("option")
            values[name] = chosen["value"] if chosen else ""
        elif kind == "checkbox":
            values.setdefault(name, [])
            if tag.has_attr("checked"):
                values[name].append(tag["value"])
        elif kind == "radio":
            if tag.has_attr("checked"):
                values[name] = tag["value"]
            else:
                values.setdefault(name, "")
        elif kind != "file":
            values[name] = tag.get("value", "")
    return Form(str(values.get("stap", "")), values, soup)


def fill(form: Form, number: int = 0) -> dict[str, str | list[str]]:
    """The form filled in: the school and session, every card, and per rule a decision in turn
    (``number`` shifts which); a changed rule gets its own text with one sentence added."""
    values = dict(form.values)
    for name, value in SCHOOL.items():
        if name in values and not values[name]:
            values[name] = value
    if "sessie.kaarten" in values:
        values["sessie.kaarten"] = form.options("sessie.kaarten")
    for index, name in enumerate(form.names("besluit.")):
        rule = name.partition(".")[2]
        choice = CHOICES[(index + number) % len(CHOICES)]
        values[name] = choice
        if choice == "wijzigen":
            values[f"tekst.{rule}"] = f"{values[f'tekst.{rule}']} Het team voegt hier een zin aan toe."
        values[f"toelichting.{rule}"] = f"Besproken in stap {number}."
    if "notitie" in values:
        values["notitie"] = "Een notitie voor later."
    return values


def multipart(values: dict[str, str | list[str]]) -> list[tuple[str, tuple[None, str]]]:
    """Form values as multipart fields, as a browser sends them (``files=`` for httpx)."""
    fields = []
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            fields.append((name, (None, item)))
    return fields


HOSTILE = ["<script>alert('x')</script>", "{{ 7*7 }}", '" onmouseover="alert(1)', "<img src=x onerror=alert(1)>",
           "{% raw %}x", "\\input{/etc/passwd} $x$ & %", "**vet** [link](javascript:alert(1))"]


def hostile_answers() -> str:
    """The example answers with hostile text in every kind of field (markup, template, LaTeX, Markdown)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["school"]["naam"] = HOSTILE[0]
    data["school"]["plaats"] = HOSTILE[2]
    data["sessie"]["gespreksleider"] = HOSTILE[3]
    for index, decision in enumerate(data["besluiten"]):
        decision["toelichting"] = HOSTILE[(index + 4) % len(HOSTILE)]
        if decision["besluit"] == "wijzigen":
            decision["tekst"] = f"{HOSTILE[1]} {HOSTILE[5]} {HOSTILE[6]}"
    data["nieuwe_regels"][0].update(titel=HOSTILE[4], tekst=HOSTILE[0] + " " + HOSTILE[3])
    data["notities"] = {key: HOSTILE[2] for key in data["notities"]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
