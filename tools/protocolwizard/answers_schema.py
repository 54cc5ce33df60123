"""The answers file's fields, declared once (in the spirit of copier's questions).

Each :class:`Field` says its key, kind, whether it is required, its maximum
length, its Dutch label (the question the wizard asks) and help (the comment
in the empty file), the placeholder it fills in the model's rule texts, and
whether and how it shows in the draft's particulars ("Over dit document").
The checker (:mod:`protocolwizard.answers`), the wizard's questions, the empty
file (``protocolwizard leeg``), the normalised ``antwoorden.yaml`` and the
particulars table all read :data:`SCHEMA`.

Adding a field is adding one :class:`Field` here (and, for a list item, the
attribute it fills on :class:`~protocolwizard.answers.Decision` or
:class:`~protocolwizard.answers.NewRule`). A new schema version adds a step
to :data:`MIGRATIONS` so that every older file can still be read.

Version 2 adds what ``protocolwizard bijwerken`` needs to re-apply the
answers to a newer model (:mod:`protocolwizard.bijwerken`): the model version
the answers were made against (``basisversie``), per decision the fingerprint
of the model text the team decided on (``vingerafdruk``) and an unresolved
update conflict (``conflict``). A version-1 file is read as made against
model version 2026.1, the first one published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from protocol.document import dutch_list, format_day
from protocol.model import SECTORS

SCHEMA_VERSION = 2
MAX_TEXT = 5_000
MAX_NAME = 200
MAX_EMAIL = 254


#: Shows a value in the particulars table; receives the value and the card titles by id.
Show = Callable[[Any, dict[str, str]], str]


@dataclass(frozen=True)
class Field:
    """One field of the answers file.

    ``kind``: "version", "modelversie" (a model version such as "2026.2"), "text", "choice", "date", "email", "ref" (the id of a
    rule, chapter, card or kwestie, named by ``ref``), "refs" (a list of
    those), "block" (fixed sub-fields), "list" (items with ``fields``) or
    "map" (kwestie id -> the value described by ``fields[0]``).
    """

    key: str
    kind: str
    label: str
    help: str = ""
    required: bool = False
    max_length: int = MAX_TEXT
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    ref: str = ""
    placeholder: str = ""
    particulars: str = ""  # the label in the draft's particulars; "" = not shown
    show: Show | None = None
    fields: tuple["Field", ...] = ()
    attr: str = ""  # for list items: the attribute of Decision / NewRule it fills
    example: Any = None  # shown in the empty file

    def child(self, key: str) -> "Field":
        return next(f for f in self.fields if f.key == key)

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.choices)




# How fields show in the particulars table -------------------------------------------------

def _sector(value: Any, cards: dict[str, str]) -> str:
    return f"{SECTORS[value]} ({value})" if value in SECTORS else ""


def _person(value: Any, cards: dict[str, str]) -> str:
    if not isinstance(value, dict):
        return ""
    name, email = (str(value.get(key) or "").strip() for key in ("naam", "email"))
    return " ".join(part for part in (name, f"({email})" if email else "") if part)


def _day(value: Any, cards: dict[str, str]) -> str:
    return format_day(value.strip()) if isinstance(value, str) else ""


def _cards(value: Any, cards: dict[str, str]) -> str:
    return dutch_list([cards[c] for c in value if c in cards]) if isinstance(value, list) else ""


# The schema ---------------------------------------------------------------------------------

DECISIONS = (
    ("behouden", "Behouden: de regel blijft zoals hij is"),
    ("wijzigen", "Wijzigen: een nieuwe tekst"),
    ("schrappen", "Schrappen: de regel vervalt"),
)

_KWESTIE_HELP = "waar het werd besproken, als kaart/nummer, bijvoorbeeld {kwestie}"

#: Model version of a version-1 file, which did not record it: the first published model.
FIRST_MODEL_VERSION = "2026.1"
MAX_VERSION = 40

CONFLICT_HELP = (
    "vult 'protocolwizard bijwerken' in als het team en het nieuwe model dezelfde regel veranderden; "
    "beslis in de wizard, of hier: verwijder dit blok om het besluit van het team te houden, of kies "
    "besluit behouden om de tekst van het model over te nemen, of schrijf een nieuwe tekst"
)

SCHEMA = Field("", "block", "Antwoorden", required=True, fields=(
    Field("versie", "version", "Versie van het bestandsformaat", required=True, example=SCHEMA_VERSION),
    Field("basisversie", "modelversie", "Versie van het model", "de versie van het modelprotocol waarmee de "
          "antwoorden zijn gemaakt; vult de wizard zelf in", max_length=MAX_VERSION),
    Field("school", "block", "School", required=True, fields=(
        Field("naam", "text", "Naam van de school", "de naam van de school", required=True, max_length=MAX_NAME,
              placeholder="[naam school]", particulars="School"),
        Field("sector", "choice", "Sector", "bepaalt welke regels in het protocol komen", required=True,
              choices=tuple((code, f"{code}: {name}") for code, name in SECTORS.items()),
              particulars="Sector", show=_sector),
        Field("plaats", "text", "Plaats", max_length=MAX_NAME, particulars="Plaats"),
        Field("bestuur", "text", "Schoolbestuur", "het schoolbestuur dat het protocol vaststelt",
              max_length=MAX_NAME, particulars="Bestuur"),
        Field("vertrouwenspersoon", "block", "Vertrouwenspersoon", "wie medewerkers en leerlingen in vertrouwen "
              "kunnen nemen", particulars="Vertrouwenspersoon", show=_person, fields=(
                  Field("naam", "text", "Naam van de vertrouwenspersoon", max_length=MAX_NAME,
                        placeholder="[naam vertrouwenspersoon]"),
                  Field("email", "email", "E-mailadres van de vertrouwenspersoon", max_length=MAX_EMAIL),
              )),
    )),
    Field("sessie", "block", "Teamgesprek", required=True, fields=(
        Field("datum", "date", "Datum van het gesprek (JJJJ-MM-DD)", "de datum van het gesprek, als JJJJ-MM-DD, "
              "bijvoorbeeld 2026-11-21", required=True, particulars="Datum teamgesprek", show=_day),
        Field("gespreksleider", "text", "Gespreksleider", max_length=MAX_NAME, particulars="Gespreksleider"),
        Field("kaarten", "refs", "Welke kaarten zijn besproken?", "de besproken kaarten, bijvoorbeeld [{kaarten}]",
              ref="kaart", particulars="Besproken kaarten", show=_cards),
    )),
    Field("besluiten", "list", "Besluiten over regels van het modelprotocol",
          "Regels die hier niet staan, blijven zoals in het modelprotocol. Per regel één besluit.", fields=(
              Field("regel", "ref", "Regel", "het id van de regel (zie de pagina Modelprotocol van het "
                    "handboek), bijvoorbeeld {regel}", required=True, ref="regel", attr="rule"),
              Field("besluit", "choice", "Wat besluit het team?", required=True, choices=DECISIONS, attr="decision",
                    example="wijzigen"),
              Field("tekst", "text", "Nieuwe tekst van de regel", "de nieuwe tekst (verplicht bij wijzigen)",
                    attr="text", example="De nieuwe tekst van de regel."),
              Field("toelichting", "text", "Toelichting", "waarom het team dit besloot (komt in het "
                    "wijzigingsverslag)", attr="reason", example="Waarom het team dit wil."),
              Field("kwestie", "ref", "Bij welke kwestie kwam dit ter sprake?", _KWESTIE_HELP, ref="kwestie",
                    attr="kwestie"),
              # Model updates (protocolwizard bijwerken) ------------------------------------------
              Field("vingerafdruk", "text", "Vingerafdruk van de modeltekst", "vult de wizard zelf in: de "
                    "vingerafdruk van de tekst van het model waarover het team besliste", max_length=80,
                    attr="fingerprint"),
              Field("conflict", "block", "Conflict met het nieuwe model", CONFLICT_HELP, attr="conflict", fields=(
                  Field("modelversie", "modelversie", "Versie van het nieuwe model", required=True),
                  Field("modeltekst", "text", "Tekst van de regel in het nieuwe model", required=True),
                  Field("reden", "text", "Waarom het model de regel veranderde"),
                  Field("vorige_modeltekst", "text", "Tekst van de regel in het vorige model"),
              )),
          )),
    Field("nieuwe_regels", "list", "Nieuwe regels die het team wil toevoegen", fields=(
        Field("hoofdstuk", "ref", "In welk hoofdstuk?", "het id van het hoofdstuk, bijvoorbeeld {hoofdstuk}",
              required=True, ref="hoofdstuk", attr="chapter"),
        Field("titel", "text", "Korte titel", "een korte titel", max_length=MAX_NAME, attr="title",
              example="Een korte titel"),
        Field("tekst", "text", "Tekst van de nieuwe regel", "de tekst van de regel", required=True, attr="text",
              example="De tekst van de nieuwe regel."),
        Field("toelichting", "text", "Waarom wil het team deze regel?", "waarom het team deze regel wil",
              attr="reason", example="Waarom het team dit wil."),
        Field("kwestie", "ref", "Bij welke kwestie kwam dit ter sprake?", _KWESTIE_HELP, ref="kwestie",
              attr="kwestie"),
    )),
    Field("notities", "map", "Notities per kwestie", "alleen voor jezelf: ze komen niet in het protocol en niet "
          "in het wijzigingsverslag", ref="kwestie", fields=(
              Field("", "text", "Notitie over wat de groep zei (privé, komt nergens in)",
                    example="Wat de groep zei, om het gesprek later voort te zetten."),
          )),
))


def at(*keys: str) -> Field:
    """The field at a path of keys, e.g. ``at("school", "naam")``."""
    current = SCHEMA
    for key in keys:
        current = current.child(key)
    return current


def walk(node: Field = SCHEMA, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Field]]:
    """Every field of the blocks (not list items), with its path, in file order."""
    result = []
    for child in node.fields:
        if not child.key:
            continue
        result.append((path + (child.key,), child))
        if child.kind == "block":
            result += walk(child, path + (child.key,))
    return result


def value_at(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def placeholders() -> dict[str, tuple[str, ...]]:
    """Placeholder in the model's texts -> the path of the field that fills it."""
    return {f.placeholder: path for path, f in walk() if f.placeholder}


def particulars(data: dict, card_titles: dict[str, str]) -> list[tuple[str, str]]:
    """The draft's particulars (label, value) from the answers' data, in schema order; empty values left out."""
    rows = []
    for path, f in walk():
        if not f.particulars:
            continue
        value = value_at(data, path)
        shown = f.show(value, card_titles) if f.show else (value.strip() if isinstance(value, str) else "")
        if shown:
            rows.append((f.particulars, shown))
    return rows


# Versions -----------------------------------------------------------------------------------

#: Version n -> the function that turns the data of a version-n file into version n + 1.
def _v1_to_v2(data: dict) -> dict:
    """Version 1 did not record the model version: it was the first one, unless the file names another."""
    return {**data, "basisversie": data.get("basisversie") or FIRST_MODEL_VERSION}


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}


def migrate(data: dict, version: int) -> dict | None:
    """The data of a version-``version`` file as the current version, or None when no path leads there."""
    if version > SCHEMA_VERSION:
        return None
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            return None
        data = step(data)
        version += 1
    return {**data, "versie": SCHEMA_VERSION}
