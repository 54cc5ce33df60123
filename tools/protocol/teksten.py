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
TO_FILL_IN_DRAFT = (
    "Deze gegevens tussen rechte haken staan nog in het concept. Vul ze in voordat het concept naar de "
    "medezeggenschap gaat:"
)
TO_FILL_IN_ITEM = "{plaatshouder} ({regels} {nummers})"
RULE_WORD = ("regel", "regels")  # one, more than one
#: The documents' subject in their metadata (Word, PDF).
DRAFT_SUBJECT = "Concept van het socialemediaprotocol, {versie}"
MODEL_SUBJECT = "Modelprotocol voor het socialemediaprotocol van een school, {versie}"
REPORT_SUBJECT = "Wijzigingsverslag bij het concept: {titel}"

APPLIES_TO = "Geldt voor {sectoren}."
DISCUSSED_IN = "Besproken in: "
NEW_RULE_TITLE = "Aanvulling"

ADOPTION = "Vaststelling van deze versie"
ADOPTION_INTRODUCTION = (
    "Het bestuur stelt dit protocol vast na instemming van {orgaan}. Alleen wie volgens het "
    "medezeggenschapsreglement instemt, tekent hieronder."
)
ADOPTION_BASIS = "Grondslag: {grondslag}."
#: The model's topic of the rules on adoption (their grondslag is cited above the signatures).
ADOPTION_TOPIC = "vaststelling"
#: One signature block per body that consents, before the board's (the model's rules vaststelling-medezeggenschap*).
SIGNATORIES = {
    "mbo": ("Instemming van de ondernemingsraad", "Instemming of advies van de studentenraad"),
    None: (
        "Instemming van de medezeggenschapsraad (MR of GMR)",
        "Instemming van de personeelsgeleding, voor regels over personeelszaken",
    ),
}
BOARD_SIGNATURE = "Vaststelling door het bestuur"
BOARD_SIGNATURE_NAMED = "Vaststelling door het bestuur ({bestuur})"
SIGNATURE_LINES = ("Naam:", "Functie:", "Datum:", "Handtekening:")
#: Who consents before the board adopts the protocol (the model's rules vaststelling-medezeggenschap*:
#: WMS art. 10 onder e and art. 12; in the mbo WOR art. 27 and the studentenraad under the WEB).
CONSENT_BODY = {
    "mbo": "de ondernemingsraad (en de studentenraad, als het medezeggenschapsreglement van de instelling dat bepaalt)",
    None: (
        "de medezeggenschapsraad (MR of GMR) of, voor regels over het personeel, de personeelsgeleding, "
        "zoals het medezeggenschapsreglement van de school bepaalt"
    ),
}

PAGE = "pagina"

DRAFT_VERSION = "0.1"
DRAFT_DESCRIPTION = "Concept na het teamgesprek"
DRAFT_DESCRIPTION_CARDS = "Concept na het teamgesprek over {kaarten}"
DRAFT_INTRODUCTION = (
    "Dit protocol beschrijft hoe medewerkers van {naam} omgaan met sociale media. Het is een concept: "
    "het is gebaseerd op het Modelprotocol sociale media bij het handboek Sociale media op school "
    "(versie {modelversie}) en aangepast na het teamgesprek van {datum}. Het geldt pas nadat het bestuur het "
    "heeft vastgesteld na instemming van {instemming}. "
    "Het wijzigingsverslag bij dit concept zegt welke regels zijn veranderd en waarom."
)
DRAFT_INTRODUCTION_NO_DATE = (
    "Dit protocol beschrijft hoe medewerkers van {naam} omgaan met sociale media. Het is een concept: "
    "het is gebaseerd op het Modelprotocol sociale media bij het handboek Sociale media op school "
    "(versie {modelversie}) en aangepast na een teamgesprek. Het geldt pas nadat het bestuur het "
    "heeft vastgesteld na instemming van {instemming}. "
    "Het wijzigingsverslag bij dit concept zegt welke regels zijn veranderd en waarom."
)
UNKNOWN_VERSION = "onbekend"

# The model's own page ---------------------------------------------------------------------

ABOUT_MODEL = "Over dit modelprotocol"
MODEL_VERSION = "versie {versie}"
LEGAL_BASIS = "Grondslag: {grondslag}."

# The change report ----------------------------------------------------------------------

REPORT_TITLE = "Wijzigingsverslag: {titel}"
REPORT_WINDOW_TITLE = "Wijzigingsverslag · {naam}"
REPORT_SESSION = "teamgesprek van {datum}"
REPORT_LEADER = " onder leiding van {naam}"
REPORT_VERSION = "conceptversie {versie}"
REPORT_INTRODUCTION = (
    "Dit verslag hoort bij het concept van het socialemediaprotocol. Het noemt elke regel die het team "
    "wil wijzigen, schrappen of toevoegen ten opzichte van het modelprotocol, met de reden en de "
    "kwestie waarbij het werd besproken. {aantal}: {gewijzigd} gewijzigd, {geschrapt} geschrapt, {nieuw} nieuw."
)
CHANGE_HEADING = "Regel {nummer} {titel}"
WAS = "Was"
DIFFERENCE = "Verschil"
DIFFERENCE_LEGEND = (
    "Bij een gewijzigde regel staat onder ‘Verschil’ wat het team weghaalt (doorgestreept) en toevoegt "
    "(gemarkeerd); lange stukken die gelijk blijven, zijn ingekort tot ‘…’. Daaronder staat de nieuwe tekst in zijn geheel."
)
BECOMES = "Wordt"
WHY = "Waarom"
NO_REASON = "geen toelichting gegeven"
DISCUSSED_AT = "Besproken in"
KEPT = "Besproken en behouden"
TO_FILL_IN = "Nog in te vullen"
TO_FILL_IN_TEXT = "Deze gegevens tussen rechte haken staan nog in het concept: {lijst}."

# What the session discussed (the report's section and the draft's particulars); "niet besproken" is the default.
SCOPE = "Wat is besproken"
SCOPE_KWESTIES = "Besproken kwesties ({aantal}):"
SCOPE_NO_KWESTIES = "Volgens de antwoorden is geen enkele kwestie besproken."
SCOPE_NOT_DISCUSSED = "Niet besproken kwesties ({aantal}):"
SCOPE_OTHER_CARDS = "Niet besproken kaarten: {kaarten}."
SCOPE_RULES = (
    "Het team nam een besluit over {besloten} (behouden, wijzigen of schrappen). {open} niet besproken; "
    "die staan in het concept zoals in het modelprotocol (zie Niet besproken regels)."
)
SCOPE_RULES_ALL = "Het team nam een besluit over alle {besloten} van het modelprotocol voor deze sector."
SCOPE_OPEN_RULES = "Niet besproken regels"
DISCUSSED_KWESTIES = "Besproken kwesties"
NOT_DISCUSSED_KWESTIES = "Niet besproken kwesties"
DISCUSSED_RULES = "Besproken regels"
DISCUSSED_RULES_VALUE = "{besloten} van de {totaal}; de andere staan er zoals in het modelprotocol"
NONE = "geen"
WHOLE_CARD = "{kaart} (alle kwesties)"
ONE_KWESTIE = "{kaart}, kwestie {nummer}"
SOME_KWESTIES = "{kaart}, kwesties {nummers}"

#: The kinds of change, as the report names them.
CHANGED, REMOVED, ADDED, KEPT_KIND = "gewijzigd", "geschrapt", "nieuw", "behouden"



# The comparison of a school's own protocol with the model ------------------------------------

CMP_TITLE = "Vergelijking: {titel}"
CMP_WINDOW_TITLE = "Vergelijking · {titel}"
CMP_INTRODUCTION = (
    "Dit verslag vergelijkt het eigen protocol van de school ({bron}, {regels}) met de onderwerpen van het "
    "modelprotocol en met de kwesties van de discussiekaarten. Een kwestie is besproken in het eigen protocol als "
    "een regel van de school een onderwerp van die kwestie heeft."
)
CMP_PROPOSALS = (
    "Let op: bij {regels} zijn de onderwerpen nog voorstellen van de wizard (gemarkeerd met 'voorstel'). "
    "Controleer en bevestig ze met: protocolwizard importeer --bevestig"
)
CMP_PROPOSAL = "(voorstel)"
CMP_NEXT_CARD = "Volgende kaart om te bespreken:"
CMP_NEXT_CARD_WHY = ": het eigen protocol zegt niets over {open} van de {totaal} kwesties."
CMP_PER_CARD = "Kwesties per kaart"
CMP_CARD_HEADER = ("Kaart", "Kwesties", "Niet besproken in het eigen protocol")
CMP_COVERED = "besproken"
CMP_NOT_COVERED = "niet besproken"
CMP_NO_RULE_ABOUT = ". Geen regel over: {onderwerpen}"
CMP_MISSING_TOPICS = "Onderwerpen van het modelprotocol die het eigen protocol niet behandelt"
CMP_ALL_TOPICS = "Het eigen protocol heeft bij elk onderwerp minstens één regel."
CMP_UNMATCHED = "Regels van de school zonder onderwerp uit het modelprotocol"
CMP_ALL_MATCHED = "Elke regel van de school heeft een onderwerp uit het modelprotocol."


# A school's own protocol as the base, and several sessions combined into one draft ------------

SESSION_LABEL = "teamgesprek van {datum}"
SESSION_CARDS = " over {kaarten}"
SESSION_FILE = " ({bestand})"
BASED_ON_MODEL = "het Modelprotocol sociale media bij het handboek Sociale media op school (versie {modelversie})"
BASED_ON_OWN = "het eigen protocol van de school ({bron})"
AFTER_ONE_SESSION = "het teamgesprek van {datum}"
AFTER_SESSIONS = "de teamgesprekken van {data}"
AFTER_A_SESSION = "een teamgesprek"
DRAFT_INTRODUCTION_BASED = (
    "Dit protocol beschrijft hoe medewerkers van {naam} omgaan met sociale media. Het is een concept: "
    "het is gebaseerd op {basis} en aangepast na {gesprekken}. Het geldt pas nadat het bestuur het "
    "heeft vastgesteld na instemming van {instemming}. "
    "Het wijzigingsverslag bij dit concept zegt welke regels zijn veranderd en waarom."
)
DRAFT_DESCRIPTION_SESSIONS = "Concept na {aantal} over {kaarten}"
SESSIONS = "Teamgesprekken"
REPORT_SESSIONS = "{aantal}, van {eerste} tot en met {laatste}"
REPORT_INTRODUCTION_OWN = (
    "Dit verslag hoort bij het concept van het socialemediaprotocol. Het noemt elke regel die het team "
    "wil wijzigen, schrappen of toevoegen ten opzichte van het eigen protocol van de school ({bron}), met de "
    "reden en de kwestie waarbij het werd besproken. {aantal}: {gewijzigd} gewijzigd, {geschrapt} geschrapt, {nieuw} nieuw."
)
REPORT_SESSIONS_HEADING = "De teamgesprekken"
REPORT_SESSIONS_TEXT = (
    "Dit concept combineert de besluiten van {aantal}. Bij elke wijziging staat in welk teamgesprek het team "
    "erover besloot."
)
DECIDED_IN = "Besloten in"
REVISES = "Herziet het besluit van"
OWN_NUMBER_NOTE = (
    "Het concept houdt de nummers van het eigen protocol aan, zodat verwijzingen in de tekst (zoals 'zie 2.3') "
    "blijven kloppen; een geschrapte regel laat zijn nummer open en nieuwe regels staan zonder nummer onderaan hun "
    "hoofdstuk. Nummer het protocol zo nodig opnieuw voordat het wordt vastgesteld."
)
REPORT_COVERAGE = "Het eigen protocol en de kwesties van de kaarten"
REPORT_COVERAGE_TEXT = (
    "Zo verhoudt het eigen protocol ({bron}), zoals het was vóór deze besluiten, zich tot de onderwerpen van het "
    "modelprotocol en de kwesties van de discussiekaarten. Een kwestie is besproken in het eigen protocol als een "
    "regel van de school een onderwerp van die kwestie heeft."
)
# The update report (protocolwizard bijwerken) ----------------------------------------------------

BW_TITLE = "Bijwerkverslag: {naam}"
BW_WINDOW_TITLE = "Bijwerkverslag · {naam}"
BW_SUBTITLE = "Van modelversie {oud} naar modelversie {nieuw}"
BW_NO_NAME = "antwoorden zonder schoolnaam"
BW_INTRODUCTION = (
    "De antwoorden van het teamgesprek zijn gemaakt met versie {oud} van het modelprotocol. Dit verslag "
    "zegt per regel wat er verandert nu ze naar versie {nieuw} zijn gebracht: wat uit het nieuwe model wordt "
    "overgenomen, waar het besluit van het team blijft staan en waar het team zelf moet beslissen. Het "
    "oorspronkelijke antwoordbestand is niet veranderd."
)
BW_TO_DECIDE = (
    "Nog te beslissen: {aantal}. Het concept kan pas worden gemaakt als het team daarover heeft beslist, in de "
    "wizard (protocolwizard start --hervat {bestand}) of in het antwoordbestand zelf."
)
BW_NOTHING_TO_DECIDE = "Er is niets meer te beslissen. Maak het concept met: protocolwizard maak {bestand} --uitvoer concept"
BW_CHECK = "Kijk ook naar: {aantal} die niet meer in het model {staan} of naar een ander hoofdstuk {gingen}."
BW_SUMMARY = "Samenvatting"
BW_SUMMARY_HEADER = ("Wat er met de regel gebeurt", "Aantal")
BW_RULE = "{titel} ({id})"
BW_RULE_RENAMED = "{titel} ({id}, eerder {oud})"
BW_RULE_SPLIT = "{titel} ({id}, een deel van het eerdere {oud})"
BW_TEAM_TEXT = "Tekst van het team"
BW_TEAM_DECISION = "Besluit van het team"
BW_MODEL_TEXT = "Tekst van het nieuwe model"
BW_REMOVED_BY_TEAM = "geschrapt"
BW_MODEL_REASON = "Waarom het model veranderde"
BW_NO_REASON = "het model geeft geen reden"
BW_TEAM_REASON = "Toelichting van het team"
BW_PREVIOUS = "Eerdere tekst van het model"
BW_WAS = "Was"
BW_BECOMES = "Wordt"
BW_TEXT = "Tekst"
BW_HOW = "Zo beslis je"
BW_HOW_CONFLICT = (
    "Kies in de wizard: de tekst van het team houden, de tekst van het model overnemen of een nieuwe tekst "
    "schrijven. Of in het antwoordbestand: verwijder het blok 'conflict' om het besluit van het team te houden, "
    "of zet het besluit op 'behouden' (zonder tekst) om de tekst van het model over te nemen."
)
BW_HOW_DROPPED = (
    "De regel staat nu als eigen regel van het team in het hoofdstuk '{hoofdstuk}' (nieuwe_regels), zodat er "
    "niets verloren gaat. Volgt het team het model, haal hem daar dan weg."
)
BW_KEPT_BEFORE = "Het team had besloten deze regel te behouden."
BW_MOVED = "{titel}: stond in het hoofdstuk '{oud}', dat het model niet meer heeft; nu in '{nieuw}'."
BW_OWN = "{regel}: het model veranderde deze regel niet; de tekst van het team blijft staan."
BW_RENAMED = "{regel}: andere id in het model, dezelfde tekst."
BW_GONE = "{regel}: {reden}"
BW_GONE_REMOVED_BY_TEAM = "{regel}: het team had deze regel al geschrapt. {reden}"
BW_CONFLICT_BADGE = "conflict"
BW_NEW_INCLUDED = "Deze regels komen in het concept, tenzij het team ze schrapt."

#: Per case of protocolwizard.bijwerken: the heading of its section and its label in the summary.
BW_CASES = {
    "conflict": ("Conflicten: het team en het model veranderden dezelfde regel",
                 "conflict: het team en het model veranderden hem allebei"),
    "geschrapt-gewijzigd": ("Geschrapt door het team, veranderd in het model",
                            "conflict: het team schrapte hem, het model veranderde hem"),
    "vervallen-besluit": ("Niet meer in het model, wel in het besluit van het team",
                          "niet meer in het model; het team had hem behouden of gewijzigd"),
    "hoofdstuk-verplaatst": ("Eigen regels in een ander hoofdstuk", "eigen regel naar een ander hoofdstuk"),
    "overgenomen": ("Overgenomen uit het nieuwe model", "overgenomen uit het nieuwe model"),
    "nieuw": ("Nieuw in het model", "nieuw in het model"),
    "eigen-tekst": ("De tekst van het team blijft staan", "tekst van het team blijft staan"),
    "hernoemd": ("Andere id, dezelfde tekst", "andere id, dezelfde tekst"),
    "vervallen": ("Niet meer in het model", "niet meer in het model"),
}

#: The update report when the base is the school's own protocol (``protocolwizard bijwerken --basis``): the phrases
#: above that speak of the model, by name, as they read for an own protocol. An own protocol has no change log.
BW_OWN_PROTOCOL = {
    "BW_SUBTITLE": "Van het eigen protocol {oud} naar het eigen protocol {nieuw}",
    "BW_INTRODUCTION": (
        "De antwoorden van het teamgesprek zijn gemaakt met een eerdere versie van het eigen protocol van de school "
        "({oud}). Dit verslag zegt per regel wat er verandert nu ze naar de nieuwe versie ({nieuw}) zijn gebracht: "
        "wat uit het nieuwe eigen protocol wordt overgenomen, waar het besluit van het team blijft staan en waar het "
        "team zelf moet beslissen. Regels zijn op hun tekst herkend, niet op hun nummer. Het oorspronkelijke "
        "antwoordbestand is niet veranderd."
    ),
    "BW_CHECK": "Kijk ook naar: {aantal} die niet meer in het eigen protocol {staan} of naar een ander hoofdstuk {gingen}.",
    "BW_MODEL_TEXT": "Tekst in het nieuwe eigen protocol",
    "BW_PREVIOUS": "Eerdere tekst in het eigen protocol",
    "BW_HOW_CONFLICT": (
        "Kies in de wizard: de tekst van het team houden, de tekst van het nieuwe eigen protocol overnemen of een "
        "nieuwe tekst schrijven. Of in het antwoordbestand: verwijder het blok 'conflict' om het besluit van het team "
        "te houden, of zet het besluit op 'behouden' (zonder tekst) om de tekst van het eigen protocol over te nemen."
    ),
    "BW_HOW_DROPPED": (
        "De regel staat nu als eigen regel van het team in het hoofdstuk '{hoofdstuk}' (nieuwe_regels), zodat er "
        "niets verloren gaat. Volgt het team het nieuwe eigen protocol, haal hem daar dan weg."
    ),
    "BW_MOVED": "{titel}: stond in het hoofdstuk '{oud}'; in het nieuwe eigen protocol nu in '{nieuw}'.",
    "BW_OWN": "{regel}: het eigen protocol veranderde deze regel niet; de tekst van het team blijft staan.",
    "BW_RENAMED": "{regel}: staat op een andere plaats in het eigen protocol, met dezelfde tekst.",
    "BW_GONE": "{tekst} ({id}): staat niet meer in het nieuwe eigen protocol.",
    "BW_GONE_REMOVED_BY_TEAM": "{tekst} ({id}): het team had deze regel al geschrapt; hij staat niet meer in het nieuwe "
                               "eigen protocol.",
}
BW_OWN_PROTOCOL_CASES = {
    "conflict": ("Conflicten: het team en het eigen protocol veranderden dezelfde regel",
                 "conflict: het team en het eigen protocol veranderden hem allebei"),
    "geschrapt-gewijzigd": ("Geschrapt door het team, veranderd in het eigen protocol",
                            "conflict: het team schrapte hem, het eigen protocol veranderde hem"),
    "vervallen-besluit": ("Niet meer in het eigen protocol, wel in het besluit van het team",
                          "niet meer in het eigen protocol; het team had hem behouden of gewijzigd"),
    "hoofdstuk-verplaatst": ("Eigen regels in een ander hoofdstuk", "eigen regel naar een ander hoofdstuk"),
    "overgenomen": ("Overgenomen uit het nieuwe eigen protocol", "overgenomen uit het nieuwe eigen protocol"),
    "nieuw": ("Nieuw in het eigen protocol", "nieuw in het eigen protocol"),
    "eigen-tekst": ("De tekst van het team blijft staan", "tekst van het team blijft staan"),
    "hernoemd": ("Op een andere plaats, dezelfde tekst", "andere plaats, dezelfde tekst"),
    "vervallen": ("Niet meer in het eigen protocol", "niet meer in het eigen protocol"),
}
