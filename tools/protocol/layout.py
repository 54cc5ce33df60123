"""The order and wording of the protocol and the change report, once, as a page of blocks.

:func:`protocol_page` lays out a :class:`ProtocolDocument` (the model or a
school's draft); :func:`report_page` the :class:`ChangeReport` that goes with
a draft. Every phrase comes from :mod:`protocol.teksten`; the writers only
render the blocks.
"""

from __future__ import annotations

from .blocks import (
    Block, Bullets, Definition, Definitions, Emph, FillIn, Heading, Inlines, KwestieLink, Link, Page, Paragraph, Rule,
    Section, Strong, Table, Text, Title,
)
from .document import (
    Change, ChangeReport, ChapterView, ProtocolDocument, RuleView, SessionScope, dutch_list, format_day,
)
from .trace import KwestieRef
from kern.taal import aantal

from . import teksten
from .woordverschil import compare


def _rule(rule: RuleView, document: ProtocolDocument) -> Rule:
    notes = []
    if document.sector is None and not rule.all_sectors:
        notes.append(teksten.APPLIES_TO.format(sectoren=rule.sectors_label))
    if rule.grondslag:
        notes.append(teksten.LEGAL_BASIS.format(grondslag=rule.grondslag.rstrip(".")))
    note = " ".join(notes)
    kwesties: Inlines = ()
    if rule.kwesties and not document.is_draft:
        kwesties = _discussed_in(rule.kwesties)
    return Rule(anchor=rule.anchor, heading=rule.heading, text=rule.text, note=note, kwesties=kwesties)


def _discussed_in(refs: tuple[KwestieRef, ...]) -> Inlines:
    """"Besproken in: Kaart A: kwestie 1, kwestie 2 en kwestie 5; Kaart B: kwestie 3.": each card's
    title once, then its kwesties (cards and kwesties in the order given)."""
    by_card: dict[str, list[KwestieRef]] = {}
    for ref in refs:
        by_card.setdefault(ref.card_id, []).append(ref)
    inlines: list = [Text(teksten.DISCUSSED_IN)]
    for card_index, card_refs in enumerate(by_card.values()):
        inlines.append(Text(f"{card_refs[0].card_title}: "))
        for index, ref in enumerate(card_refs):
            inlines.append(KwestieLink(ref))
            if index < len(card_refs) - 2:
                inlines.append(Text(", "))
            elif index == len(card_refs) - 2:
                inlines.append(Text(" en "))
        inlines.append(Text("; " if card_index < len(by_card) - 1 else "."))
    return tuple(inlines)


def _chapter(chapter: ChapterView, document: ProtocolDocument) -> Section:
    blocks: list[Block] = [Heading(1, chapter.heading)] if chapter.heading else []
    if chapter.introduction:
        blocks.append(Paragraph((Text(chapter.introduction),)))
    blocks += [_rule(rule, document) for rule in chapter.rules]
    return Section(tuple(blocks), anchor=f"hoofdstuk-{chapter.id}")


def _title(document: ProtocolDocument) -> Title:
    if not document.is_draft:
        subtitle = document.subtitle
        if document.model_version:
            subtitle += teksten.SEPARATOR + teksten.MODEL_VERSION.format(versie=document.model_version)
        return Title(document.title, (Emph(subtitle),))
    sep = teksten.SEPARATOR
    return Title(document.title, (
        Strong(document.school_name), Text(f"{sep}{document.subtitle}{sep}{teksten.STATUS}: "), Strong(document.status),
    ))


def _to_fill_in(document: ProtocolDocument) -> tuple[Block, ...]:
    """The placeholders still open, plainly, with the rules they stand in (on the draft's first page)."""
    if not document.to_fill_in:
        return ()
    items = tuple(
        (Text(teksten.TO_FILL_IN_ITEM.format(plaatshouder=place, regels=teksten.RULE_WORD[len(numbers) > 1],
                                             nummers=dutch_list(numbers))),)
        for place, numbers in document.to_fill_in
    )
    return (Heading(2, teksten.TO_FILL_IN), Paragraph((Text(teksten.TO_FILL_IN_DRAFT),)), Bullets(items))


def _about(document: ProtocolDocument) -> Section:
    rows = tuple((label, value) for label, value in document.particulars if value)
    versions = tuple((v.number, format_day(v.day), v.description) for v in document.versions)
    return Section((
        Heading(1, teksten.ABOUT),
        Table(teksten.PARTICULARS_HEADER, rows, style="gegevens", row_headers=True, widths=(5, 11)),
        Table(teksten.VERSIONS_HEADER, versions, style="versies", widths=(2, 4, 10)),
    ) + _to_fill_in(document), anchor="over-dit-document")


def _signature(heading: str) -> Section:
    """Name, function, date and signature lines for one body."""
    return Section((Heading(2, heading),) + tuple(FillIn(line) for line in teksten.SIGNATURE_LINES),
                   style="ondertekening")


def _adoption(document: ProtocolDocument) -> Section:
    board = (teksten.BOARD_SIGNATURE_NAMED.format(bestuur=document.board) if document.board
             else teksten.BOARD_SIGNATURE)
    blocks: list[Block] = [
        Heading(1, teksten.ADOPTION),
        Paragraph((Text(teksten.ADOPTION_INTRODUCTION.format(orgaan=document.consent_body)),)),
    ]
    if document.adoption_basis:
        blocks.append(Paragraph((Text(teksten.ADOPTION_BASIS.format(grondslag=document.adoption_basis.rstrip("."))),),
                                style="toelichting"))
    blocks += [_signature(body) for body in document.signatories]
    blocks.append(_signature(board))
    if document.review_date:
        blocks.append(Paragraph((Text(f"{teksten.REVIEW_DATE}: {format_day(document.review_date)}"),)))
    return Section(tuple(blocks), anchor="vaststelling")


def protocol_page(document: ProtocolDocument) -> Page:
    """The protocol: title, for a draft its particulars and versions, the chapters, for a draft the adoption."""
    blocks: list[Block] = [_title(document)]
    if document.is_draft:
        blocks.append(_about(document))
    elif document.about:
        blocks.append(Section((Heading(1, teksten.ABOUT_MODEL), Paragraph((Text(document.about),))),
                              anchor="over-dit-modelprotocol"))
    if document.introduction:
        blocks.append(Paragraph((Text(document.introduction),)))
    blocks += [_chapter(chapter, document) for chapter in document.chapters]
    if document.is_draft:
        blocks.append(_adoption(document))
    sep = teksten.SEPARATOR
    # A draft's title already holds the school's name; add it only where it does not.
    window = document.title
    if document.is_draft and document.school_name not in document.title:
        window += f"{sep}{document.school_name}"
    footer = window + (f"{sep}{document.status}" if document.is_draft else "")
    subject = (teksten.DRAFT_SUBJECT if document.is_draft else teksten.MODEL_SUBJECT).format(
        versie=document.subtitle[0].lower() + document.subtitle[1:])
    return Page("protocol", window, footer, tuple(blocks), author=document.author or document.school_name,
                subject=subject)


# The change report ------------------------------------------------------------------------

def _kwestie_link(change: Change, handboek_url: str) -> Link | Text | None:
    if change.kwestie is None:
        return None
    return _kwestie_name(change.kwestie, handboek_url)


def _kwestie_name(kwestie: KwestieRef, handboek_url: str) -> Link | Text:
    """A link to the kwestie in the handbook, or without an address its name in words (never a dead link)."""
    return Link(kwestie.label, handboek_url + kwestie.page) if handboek_url else Text(kwestie.label)


def _scope(scope: SessionScope, handboek_url: str) -> Section:
    """Which kwesties and rules the session discussed, and which it did not (listed, not hidden)."""
    blocks: list[Block] = [Heading(1, teksten.SCOPE)]
    if scope.kwesties:
        blocks += [Paragraph((Text(teksten.SCOPE_KWESTIES.format(aantal=len(scope.kwesties))),)),
                   Bullets(tuple((_kwestie_name(k, handboek_url),) for k in scope.kwesties))]
    else:
        blocks.append(Paragraph((Text(teksten.SCOPE_NO_KWESTIES),)))
    if scope.not_discussed:
        blocks += [Paragraph((Text(teksten.SCOPE_NOT_DISCUSSED.format(aantal=len(scope.not_discussed))),)),
                   Bullets(tuple((Text(k.label),) for k in scope.not_discussed))]
    if scope.other_cards:
        blocks.append(Paragraph((Text(teksten.SCOPE_OTHER_CARDS.format(kaarten=dutch_list(scope.other_cards))),)))
    decided = aantal(len(scope.decided_rules), "regel", "regels")
    if scope.open_rules:
        open_ = aantal(len(scope.open_rules), "regel is", "regels zijn")
        blocks.append(Paragraph((Text(teksten.SCOPE_RULES.format(besloten=decided, open=open_)),)))
    else:
        blocks.append(Paragraph((Text(teksten.SCOPE_RULES_ALL.format(besloten=decided)),)))
    return Section(tuple(blocks), anchor="besproken")


def _open_rules(scope: SessionScope) -> Section:
    """The rules nobody discussed, by number: they stay as in the model (at the end, after the changes)."""
    return Section((
        Heading(1, teksten.SCOPE_OPEN_RULES),
        Bullets(tuple((Text(teksten.CHANGE_HEADING.format(nummer=n, titel=t)),) for n, t in scope.open_rules)),
    ), anchor="niet-besproken")


def _change(change: Change, handboek_url: str) -> Section:
    items = []
    if change.old_text and change.new_text:  # changed: the words removed and added, then the new text whole
        items.append(Definition(teksten.DIFFERENCE, compare(change.old_text, change.new_text), style="verschil"))
    elif change.old_text:
        items.append(Definition(teksten.WAS, (Text(change.old_text),), style="was"))
    if change.new_text:
        items.append(Definition(teksten.BECOMES, (Text(change.new_text),), style="wordt"))
    items.append(Definition(teksten.WHY, (Text(change.reason or teksten.NO_REASON),)))
    link = _kwestie_link(change, handboek_url)
    if link:
        items.append(Definition(teksten.DISCUSSED_AT, (link,)))
    items += _session_items(change)
    heading = Heading(1, teksten.CHANGE_HEADING.format(nummer=change.number, titel=change.title), badge=change.kind)
    return Section((heading, Definitions(tuple(items))), style="wijziging")


def _session_items(change: Change) -> list[Definition]:
    """Which session decided a change, and which earlier decision it revises (several sessions combined)."""
    items = []
    if change.sessions:
        items.append(Definition(teksten.DECIDED_IN, (Text("; ".join(s.label for s in change.sessions)),)))
    if change.revises:
        items.append(Definition(teksten.REVISES, (Text("; ".join(s.label for s in change.revises)),)))
    return items


def _sessions(report: ChangeReport) -> Section:
    """The sessions combined into the draft, in date order."""
    text = teksten.REPORT_SESSIONS_TEXT.format(aantal=aantal(len(report.sessions), "teamgesprek", "teamgesprekken"))
    return Section((
        Heading(1, teksten.REPORT_SESSIONS_HEADING), Paragraph((Text(text),)),
        Bullets(tuple((Text(s.label + (f", {s.leader}" if s.leader else "")),) for s in report.sessions)),
    ), anchor="teamgesprekken")


def _coverage(report: ChangeReport, handboek_url: str) -> Section:
    """The own protocol (the base) compared with the model's topics and the cards' kwesties, as ``vergelijk`` does."""
    # Imported here: only a report on a school's own protocol needs it, and its module body (dataclasses) is
    # the slowest import of the handbook's build, which lays out only the model protocol.
    from .vergelijking import coverage_blocks

    return Section((
        Heading(1, teksten.REPORT_COVERAGE),
        Paragraph((Text(teksten.REPORT_COVERAGE_TEXT.format(bron=report.base_name)),)),
        *coverage_blocks(report.coverage, handboek_url, level=2),
    ), anchor="eigen-protocol")


def _kept(kept: tuple[Change, ...], handboek_url: str) -> Section:
    items = []
    for rule in kept:
        content: list = [Text(teksten.CHANGE_HEADING.format(nummer=rule.number, titel=rule.title))]
        if rule.reason:
            content.append(Text(f": {rule.reason}"))
        link = _kwestie_link(rule, handboek_url)
        if link:
            content += [Text(" ("), link, Text(")")]
        for term, sessions in ((teksten.DECIDED_IN, rule.sessions), (teksten.REVISES, rule.revises)):
            if sessions:
                content.append(Text(f"; {term.lower()}: {'; '.join(s.label for s in sessions)}"))
        items.append(tuple(content))
    return Section((Heading(1, teksten.KEPT), Bullets(tuple(items))))


def report_page(report: ChangeReport, handboek_url: str = "") -> Page:
    """The change report: what the team changed, removed and added, why, and where it was discussed."""
    document = report.document
    sep = teksten.SEPARATOR
    meta = teksten.REPORT_SESSION.format(datum=format_day(report.session_date)) if report.session_date else ""
    if report.sessions:
        meta = teksten.REPORT_SESSIONS.format(
            aantal=aantal(len(report.sessions), "teamgesprek", "teamgesprekken"),
            eerste=format_day(report.sessions[0].day), laatste=format_day(report.sessions[-1].day))
    elif report.session_leader:
        meta = (meta + teksten.REPORT_LEADER.format(naam=report.session_leader)).strip()
    version = teksten.REPORT_VERSION.format(versie=document.versions[0].number) if document.versions else ""
    line = sep.join(part for part in (meta, version) if part)
    introduction = (teksten.REPORT_INTRODUCTION_OWN if report.base_name else teksten.REPORT_INTRODUCTION).format(
        bron=report.base_name, aantal=aantal(len(report.changes), "wijziging", "wijzigingen"),
        gewijzigd=report.count(teksten.CHANGED), geschrapt=report.count(teksten.REMOVED), nieuw=report.count(teksten.ADDED),
    )
    blocks: list[Block] = [
        Title(teksten.REPORT_TITLE.format(titel=document.title), ()),
        Paragraph((Strong(document.school_name),) + ((Text(sep + line),) if line else ()), style="meta"),
        Paragraph((Text(introduction),)),
    ]
    if report.base_name:
        blocks.append(Paragraph((Text(teksten.OWN_NUMBER_NOTE),), style="meta"))
    if report.sessions:
        blocks.append(_sessions(report))
    if report.scope is not None:
        blocks.append(_scope(report.scope, handboek_url))
    if report.count(teksten.CHANGED):
        blocks.append(Paragraph((Text(teksten.DIFFERENCE_LEGEND),), style="toelichting"))
    blocks += [_change(change, handboek_url) for change in report.changes]
    if report.kept:
        blocks.append(_kept(report.kept, handboek_url))
    if report.scope is not None and report.scope.open_rules:
        blocks.append(_open_rules(report.scope))
    if report.placeholders:
        blocks.append(Section((
            Heading(1, teksten.TO_FILL_IN),
            Paragraph((Text(teksten.TO_FILL_IN_TEXT.format(lijst=", ".join(report.placeholders))),)),
        )))
    if report.coverage is not None:
        blocks.append(_coverage(report, handboek_url))
    window = teksten.REPORT_WINDOW_TITLE.format(naam=document.school_name)
    return Page("wijzigingsverslag", window, window, tuple(blocks), author=document.school_name,
                subject=teksten.REPORT_SUBJECT.format(titel=document.title))

