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

"Niet besproken" is a state of its own and the default: a rule without a
decision, or with the decision ``niet besproken``, stays as in the model and
the change report lists it as not discussed; ``behouden`` means the team chose
to keep it. A kwestie is discussed when ``kwesties`` says so, or, when
``kwesties`` does not name it, when a decision, a new rule or a note names it
(that is how files written before ``kwesties`` and ``handboek`` existed say it;
they keep their meaning, including every ``behouden`` they record). Both fields
are optional; the migration to version 2 (below) leaves them as they are.

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

    ``kind``: "version", "modelversie" (a model version such as "2026.2"), "text", "file" (a path relative to the
    answers file), "choice", "bool" (true or false), "date", "email", "ref" (the id of a
    rule, chapter, card or kwestie, named by ``ref``), "refs" (a list of
    those), "block" (fixed sub-fields), "list" (items with ``fields``) or
    "map" (kwestie id -> the value described by ``fields[0]``) or "url" (a web address, checked with
    ``kern.adres.check_url``; empty = none).
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


def _evaluation(value: Any, cards: dict[str, str]) -> str:
    return dict(EVALUATION).get(value, "") if isinstance(value, str) else ""


def _cards(value: Any, cards: dict[str, str]) -> str:
    return dutch_list([cards[c] for c in value if c in cards]) if isinstance(value, list) else ""


# The schema ---------------------------------------------------------------------------------

DECISIONS = (
    ("behouden", "Behouden: de regel blijft zoals hij is"),
    ("wijzigen", "Wijzigen: een nieuwe tekst"),
    ("schrappen", "Schrappen: de regel vervalt"),
    ("niet besproken", "Niet besproken: overslaan, de regel blijft zoals in het modelprotocol"),
)

#: The state of a kwestie in the session (top-level ``kwesties``); a kwestie not named is not discussed,
#: unless a decision or new rule names it (as files written before this field do).
KWESTIE_STATES = (
    ("besproken", "Ja, besproken"),
    ("niet besproken", "Nee, niet besproken (overslaan)"),
)
DISCUSSED, NOT_DISCUSSED = (value for value, _ in KWESTIE_STATES)
#: How often the school reviews the protocol: value, the words the rule text gets, years to the proposed date.
EVALUATION = (("jaarlijks", "elk jaar"), ("tweejaarlijks", "elke twee jaar"), ("driejaarlijks", "elke drie jaar"))
EVALUATION_YEARS = {"jaarlijks": 1, "tweejaarlijks": 2, "driejaarlijks": 3}


def _fill(key: str, placeholder: str, label: str, example: str) -> Field:
    """A field that fills one placeholder of the model's rule texts; ``example`` shows how it fits the sentence."""
    return Field(key, "text", label, f"bijvoorbeeld {example}", max_length=MAX_NAME, placeholder=placeholder)


_ROLES = (
    _fill("regelingen", "[functie voor vragen over regelingen]",
          "Bij wie kunnen medewerkers terecht met vragen over de regelingen van de school (functie)?",
          "de teamleider"),
    _fill("zorgstructuur", "[functie in de zorgstructuur]",
          "Bij wie in de zorgstructuur melden medewerkers signalen over leerlingen (functie)?", "de zorgcoördinator"),
    _fill("pestbeleid", "[coördinator pestbeleid]", "Wie coördineert het beleid tegen pesten (functie en naam)?",
          "de coördinator van het pestbeleid (Jan de Vries)"),
    _fill("meldcode", "[aandachtsfunctionaris meldcode]",
          "Met wie overleggen medewerkers over de meldcode (functie en naam)?",
          "de aandachtsfunctionaris (Fatima Yilmaz)"),
    _fill("communicatie", "[functie of naam]", "Wie is het aanspreekpunt voor communicatie namens de school?",
          "de afdeling communicatie"),
    _fill("schoolaccounts", "[functies]", "Wie beheren de officiële accounts van de school op sociale media?",
          "de communicatiemedewerker en de teamleiders"),
    _fill("privacy", "[functionaris gegevensbescherming of privacycontactpersoon]",
          "Bij wie melden medewerkers vragen over privacy en een mogelijk datalek?",
          "de functionaris gegevensbescherming (fg@school.example)"),
    _fill("incidenten", "[functie voor meldingen van incidenten]",
          "Bij wie melden medewerkers een incident op sociale media (functie)?", "de schoolleiding"),
    _fill("meldingen_medewerkers", "[functie die meldingen over medewerkers behandelt]",
          "Wie bekijkt een melding over berichten van een medewerker (functie)?", "de directeur"),
)

_PLACES = (
    _fill("vindplaats", "[vindplaats]", "Waar staan het protocol en de regelingen van de school?",
          "het intranet"),
    _fill("leerplatform", "[naam leerplatform]", "Welk leerplatform gebruikt de school voor contact met leerlingen?",
          "de elektronische leeromgeving"),
    _fill("telefoon", "[werktelefoon of app van de school]",
          "Wat gebruiken medewerkers om leerlingen en ouders te bellen en berichten te sturen?",
          "de werktelefoon van de school"),
    _fill("groepsapp", "[app of omgeving die de school aanwijst]",
          "In welke app of omgeving maken medewerkers een groepsapp (telefoonnummers onzichtbaar)?",
          "de groepen van het leerplatform"),
    _fill("ouders", "[ouderportaal of app van de school]", "Via welk ouderportaal of welke app heeft de school "
          "contact met ouders?", "het ouderportaal"),
    _fill("leerlingvolgsysteem", "[leerlingvolgsysteem of andere plek die de school aanwijst]",
          "Waar bewaren medewerkers berichten met signalen over leerlingen?", "het leerlingvolgsysteem"),
    _fill("personeelsinformatie", "[e-mail of intranet]",
          "Via welk kanaal verstuurt de school officiële informatie aan medewerkers?", "de e-mail van de school"),
    _fill("toestemming", "[systeem]", "Waarin legt de school de toestemming voor foto's en video's vast?",
          "de administratie van de school"),
    _fill("lesopnamen", "[systeem dat de school aanwijst]", "Welk systeem gebruiken medewerkers voor "
          "livestreams en opgenomen lessen?", "de videodienst van de leeromgeving"),
    _fill("bewaarplek", "[plek die de school aanwijst]", "Waar bewaren medewerkers schermafbeeldingen van berichten "
          "over henzelf?", "een afgeschermde map op de schoolserver"),
    _fill("zedendelicten", "[regeling]", "In welke regeling legt de instelling vast hoe zij een melding van een "
          "zedendelict behandelt (alleen mbo)?", "de klachtenregeling"),
    _fill("toezicht", "[regeling, bijvoorbeeld het privacyreglement]",
          "Volgens welke regeling worden werkaccounts en systemen van de school bekeken?", "het privacyreglement"),
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
    Field("basisversie", "modelversie", "Versie van de basis", "de versie van het modelprotocol (of van het eigen "
          "protocol van de school) waarmee de antwoorden zijn gemaakt; vult de wizard zelf in", max_length=MAX_VERSION),
    # Owner: branch eigenbasis (the school's own protocol as the base).
    Field("basis", "file", "Eigen protocol van de school", "het eigen protocol van 'protocolwizard importeer' "
          "(pad vanaf dit bestand); leeg: het modelprotocol", max_length=1000),
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
        # What the draft says in place of the model's placeholders (branch concept) ------------------
        Field("functies", "block", "Functies en aanspreekpunten", "wie in het protocol genoemd wordt, als functie "
              "zoals die in de zin past (met 'de'), eventueel met de naam erbij", fields=_ROLES),
        Field("systemen", "block", "Systemen, plekken en regelingen", "welke systemen, plekken en regelingen de "
              "school aanwijst, zoals ze in de zin passen", fields=_PLACES),
        Field("evaluatie", "choice", "Evaluatie van het protocol",
              "de termijn voor de evaluatie; de voorgestelde evaluatiedatum volgt eruit", choices=EVALUATION,
              placeholder="[evaluatietermijn]", particulars="Evaluatie", show=_evaluation),
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
              # Owner: branch eigenbasis (several sessions into one draft).
              Field("herzien", "bool", "Herziet dit besluit dat van een eerder teamgesprek?", "true als dit "
                    "teamgesprek bewust anders besluit over de regel dan een eerder teamgesprek; zonder 'herzien: "
                    "true' is dat bij 'protocolwizard maak' met meer antwoordbestanden een tegenstrijdigheid",
                    attr="revised"),
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
    # Fields of branch 'wizard': the handbook address and the state of each kwestie.
    Field("handboek", "url", "Op welk webadres staat het handboek?", "het adres van het handboek, voor de links "
          "in het wijzigingsverslag (leeg: HANDBOEK_URL als die is ingesteld, anders geen links), bijvoorbeeld https://school.example/handboek/"),
    Field("kwesties", "map", "Welke kwesties zijn besproken", "per kwestie besproken of niet besproken; een kwestie "
          "die hier niet staat, telt als niet besproken (tenzij een besluit haar noemt)", ref="kwestie", fields=(
              Field("", "choice", "Is deze kwestie besproken?", choices=KWESTIE_STATES, example="besproken"),
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


def fill_values(data: dict) -> dict[str, str]:
    """Placeholder -> the text the answers put in its place (a choice's words, not its key); open ones left out."""
    values = {}
    for path, f in walk():
        value = value_at(data, path)
        if f.placeholder and isinstance(value, str) and value.strip():
            values[f.placeholder] = dict(f.choices).get(value, "") if f.kind == "choice" else value.strip()
    return {placeholder: text for placeholder, text in values.items() if text}


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
