"""Every Dutch phrase of the protocol and the change report, in one place.

The layout (:mod:`protocol.layout`) and the draft take their words from here;
the writers add none of their own. Values are filled in with ``str.format``
by the code, never by a template engine.
"""

from __future__ import annotations

# The protocol -------------------------------------------------------------------------

MODEL_STATUS = "Voorbeeld"
DRAFT_STATUS = "CONCEPT"
DRAFT_TITLE = "Socialemediaprotocol {naam}"
SUBTITLE_SECTOR = "Versie voor het {naam} ({code})"
SUBTITLE_ALL = "Alle sectoren: {sectoren}"
STATUS = "Status"
SEPARATOR = " · "

ABOUT = "Over dit document"
PARTICULARS_HEADER = ("Gegeven", "Waarde")
VERSIONS_HEADER = ("Versie", "Datum", "Omschrijving")
REVIEW_DATE = "Voorgestelde evaluatiedatum"

APPLIES_TO = "Geldt voor {sectoren}."
DISCUSSED_IN = "Besproken in: "
NEW_RULE_TITLE = "Aanvulling"

ADOPTION = "Vaststelling van deze versie"
CONSENT = "Instemming van {orgaan} op:"
ADOPTED = "Vastgesteld door het bestuur op:"
ADOPTED_BY = "Vastgesteld door het bestuur ({bestuur}) op:"
CONSENT_BODY = {
    "mbo": "de ondernemingsraad",
    None: "de personeelsgeleding van de (gemeenschappelijke) medezeggenschapsraad",
}

PAGE = "pagina"

DRAFT_VERSION = "0.1"
DRAFT_DESCRIPTION = "Concept na het teamgesprek"
DRAFT_DESCRIPTION_CARDS = "Concept na het teamgesprek over {kaarten}"
DRAFT_INTRODUCTION = (
    "Dit protocol beschrijft hoe medewerkers van {naam} omgaan met sociale media. Het is een concept: "
    "het is gebaseerd op het Voorbeeldprotocol Sociale media op school en aangepast na het teamgesprek "
    "van {datum}. Het geldt pas nadat het bestuur het na instemming van {instemming} heeft vastgesteld. "
    "Het wijzigingsverslag bij dit concept zegt welke regels zijn veranderd en waarom."
)
DRAFT_INTRODUCTION_NO_DATE = (
    "Dit protocol beschrijft hoe medewerkers van {naam} omgaan met sociale media. Het is een concept: "
    "het is gebaseerd op het Voorbeeldprotocol Sociale media op school en aangepast na een teamgesprek. "
    "Het geldt pas nadat het bestuur het na instemming van {instemming} heeft vastgesteld. "
    "Het wijzigingsverslag bij dit concept zegt welke regels zijn veranderd en waarom."
)

# The change report ----------------------------------------------------------------------

REPORT_TITLE = "Wijzigingsverslag: {titel}"
REPORT_WINDOW_TITLE = "Wijzigingsverslag · {naam}"
REPORT_SESSION = "teamgesprek van {datum}"
REPORT_LEADER = " onder leiding van {naam}"
REPORT_VERSION = "concept versie {versie}"
REPORT_INTRODUCTION = (
    "Dit verslag hoort bij het concept van het socialemediaprotocol. Het noemt elke regel die het team "
    "wil wijzigen, schrappen of toevoegen ten opzichte van het voorbeeldprotocol, met de reden en de "
    "kwestie waarbij het werd besproken. {aantal}: {gewijzigd} gewijzigd, {geschrapt} geschrapt, {nieuw} nieuw."
)
CHANGE_HEADING = "Regel {nummer} {titel}"
WAS = "Was"
BECOMES = "Wordt"
WHY = "Waarom"
NO_REASON = "geen toelichting gegeven"
DISCUSSED_AT = "Besproken bij"
KEPT = "Besproken en behouden"
TO_FILL_IN = "Nog in te vullen"
TO_FILL_IN_TEXT = "Deze gegevens tussen rechte haken staan nog in het concept: {lijst}."

#: The kinds of change, as the report names them.
CHANGED, REMOVED, ADDED, KEPT_KIND = "gewijzigd", "geschrapt", "nieuw", "behouden"


def count(number: int, singular: str, plural: str) -> str:
    """"1 wijziging", "2 wijzigingen"."""
    return f"{number} {singular if number == 1 else plural}"
