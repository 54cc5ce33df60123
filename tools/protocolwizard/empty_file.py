"""The empty answers file that ``protocolwizard leeg`` writes: every field of the schema with its help.

Generated from :data:`protocolwizard.answers_schema.SCHEMA`, so the file a
school fills in by hand always matches what the checker accepts. The examples
(a rule, chapter, card and kwestie id) come from the model and the cards.
"""

from __future__ import annotations

import json
import shlex
import textwrap

from .answers import Context
from .answers_schema import SCHEMA, SCHEMA_VERSION, Field

COMMENT_COLUMN = 22
WIDTH = 100

HEADER = """\
# Antwoordbestand voor de protocolwizard (schema versie {versie})
#
# Vul dit bestand in na een teamgesprek met een discussiekaart en maak er een
# conceptprotocol van met (in de map van dit bestand):
#     {controleer}
#     {maak}
#
# Schrijf geen namen van leerlingen op, ook niet in de notities.
# Tekst met een dubbele punt of een # erin zet je tussen aanhalingstekens: "Let op: zo".
"""


def _examples(context: Context) -> dict[str, str]:
    rules = [rule.id for rule in context.model.rules()]
    chapters = [chapter.id for chapter in context.model.chapters]
    kwesties = [k.id for card in context.cards for k in card.kwesties]
    return {
        "regel": rules[0] if rules else "regel-id",
        "hoofdstuk": " of ".join(chapters[:2]) or "hoofdstuk-id",
        "kaarten": ", ".join(card.id for card in context.cards[:2]) or "kaart-id",
        "kwestie": kwesties[0] if kwesties else "kaart/1",
        "modelversie": context.model.version,
    }


def _choices(spec: Field) -> str:
    values = list(spec.choice_values)
    return ", ".join(values[:-1]) + " of " + values[-1] if len(values) > 1 else "".join(values)


def _explain(spec: Field, examples: dict[str, str], *, in_list: bool = False) -> str:
    parts = []
    if spec.kind == "choice":
        parts.append(_choices(spec))
    if spec.help:
        parts.append(spec.help.format(**examples))
    if spec.placeholder:
        parts.append(f"vult {spec.placeholder} in de regels in")
    text = "; ".join(parts)
    if in_list:
        return text + (" (verplicht)" if spec.required else "")
    return ("verplicht" if spec.required else "mag leeg blijven") + (f": {text}" if text else "")


def _line(indent: str, key: str, value: str, comment: str) -> str:
    start = f"{indent}{key}:" + (f" {value}" if value else "")
    return f"{start.ljust(COMMENT_COLUMN - 1)} # {comment}" if comment else start


def _comment(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent="# ", subsequent_indent="# ")


def _example_value(spec: Field, examples: dict[str, str]) -> str:
    if spec.kind == "choice":
        return spec.example or spec.choice_values[0]
    if spec.kind == "ref":
        return examples["kwestie" if spec.ref == "kwestie" else spec.ref].split(" of ")[0]
    return json.dumps(spec.example, ensure_ascii=False) if isinstance(spec.example, str) else ""


def _list(spec: Field, examples: dict[str, str]) -> list[str]:
    width = max(len(f.key) for f in spec.fields) + 2
    lines = ["", *_comment(f"{spec.label}." + (f" {spec.help}" if spec.help else "")), "# Velden per item:"]
    for f in spec.fields:
        lines += textwrap.wrap(_explain(f, examples, in_list=True), WIDTH,
                               initial_indent=f"#   {(f.key + ':').ljust(width)} ", subsequent_indent="#" + " " * (width + 4))
    lines.append(f"{spec.key}: []")
    lines += ["# Voorbeeld:", f"# {spec.key}:"]
    for index, f in enumerate(spec.fields):
        value = _example_value(f, examples)
        if value:
            lines.append(f"#   {'- ' if index == 0 else '  '}{f.key}: {value}")
    return lines


def _block(spec: Field, examples: dict[str, str], indent: str) -> list[str]:
    lines: list[str] = []
    for child in spec.fields:
        if child.kind == "version":
            lines += [f"{child.key}: {SCHEMA_VERSION}"]
        elif child.kind == "modelversie" and not indent:  # the model this file will be filled in against
            lines.append(_line(indent, child.key, json.dumps(examples["modelversie"]), _explain(child, examples)))
        elif child.kind == "block":
            if not indent:
                lines.append("")
            lines.append(_line(indent, child.key, "", "" if child.required and not indent else _explain(child, examples)))
            lines += _block(child, examples, indent + "  ")
        elif child.kind == "list":
            lines += _list(child, examples)
        elif child.kind == "map":
            value = _example_value(child.fields[0], examples)
            lines += ["", *_comment(f"{child.label}, {child.help}. Bijvoorbeeld:"), f"# {child.key}:",
                      f"#   {examples['kwestie']}: {value}", f"{child.key}: {{}}"]
        elif child.kind == "refs":
            lines.append(_line(indent, child.key, "[]", _explain(child, examples)))
        else:
            lines.append(_line(indent, child.key, '""', _explain(child, examples)))
    return lines


def empty_answers_file(context: Context, name: str = "antwoorden.yaml", program: str = "protocolwizard") -> str:
    """The commented empty answers file; its header names the file ``name`` and calls the wizard ``program``
    (the command line's :func:`opdracht.command`, so that the commands in it run as written)."""
    quoted = shlex.quote(name)
    header = HEADER.format(versie=SCHEMA_VERSION, controleer=f"{program} controleer {quoted}",
                           maak=f"{program} maak {quoted} --uitvoer concept")
    return header + "\n" + "\n".join(_block(SCHEMA, _examples(context), "")) + "\n"
