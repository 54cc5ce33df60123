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
from .document import Change, ChangeReport, ChapterView, ProtocolDocument, RuleView, format_day
from kern.taal import aantal
from .vergelijking import coverage_blocks

from . import teksten


def _rule(rule: RuleView, document: ProtocolDocument) -> Rule:
    notes = []
    if document.sector is None and not rule.all_sectors:
        notes.append(teksten.APPLIES_TO.format(sectoren=rule.sectors_label))
    if rule.grondslag:
        notes.append(teksten.LEGAL_BASIS.format(grondslag=rule.grondslag.rstrip(".")))
    note = " ".join(notes)
    kwesties: Inlines = ()
    if rule.kwesties and not document.is_draft:
        links: list = [Text(teksten.DISCUSSED_IN)]
        for index, ref in enumerate(rule.kwesties):
            links += [KwestieLink(ref), Text("; " if index < len(rule.kwesties) - 1 else ".")]
        kwesties = tuple(links)
    return Rule(anchor=rule.anchor, heading=rule.heading, text=rule.text, note=note, kwesties=kwesties)


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


def _about(document: ProtocolDocument) -> Section:
    rows = tuple((label, value) for label, value in document.particulars if value)
    versions = tuple((v.number, format_day(v.day), v.description) for v in document.versions)
    return Section((
        Heading(1, teksten.ABOUT),
        Table(teksten.PARTICULARS_HEADER, rows, style="gegevens", row_headers=True, widths=(5, 11)),
        Table(teksten.VERSIONS_HEADER, versions, style="versies", widths=(2, 4, 10)),
    ), anchor="over-dit-document")


def _adoption(document: ProtocolDocument) -> Section:
    adopted = teksten.ADOPTED_BY.format(bestuur=document.board) if document.board else teksten.ADOPTED
    blocks: list[Block] = [
        Heading(1, teksten.ADOPTION),
        FillIn(teksten.CONSENT.format(orgaan=document.consent_body)),
        FillIn(adopted),
    ]
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
    window = document.title + (f"{sep}{document.school_name}" if document.is_draft else "")
    footer = document.title + (f"{sep}{document.school_name}{sep}{document.status}" if document.is_draft else "")
    return Page("protocol", window, footer, tuple(blocks), author=document.author or document.school_name)


# The change report ------------------------------------------------------------------------

def _kwestie_link(change: Change, handboek_url: str) -> Link | None:
    if change.kwestie is None:
        return None
    return Link(change.kwestie.label, handboek_url + change.kwestie.page)


def _change(change: Change, handboek_url: str) -> Section:
    items = []
    if change.old_text:
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
    blocks += [_change(change, handboek_url) for change in report.changes]
    if report.kept:
        blocks.append(_kept(report.kept, handboek_url))
    if report.placeholders:
        blocks.append(Section((
            Heading(1, teksten.TO_FILL_IN),
            Paragraph((Text(teksten.TO_FILL_IN_TEXT.format(lijst=", ".join(report.placeholders))),)),
        )))
    if report.coverage is not None:
        blocks.append(_coverage(report, handboek_url))
    window = teksten.REPORT_WINDOW_TITLE.format(naam=document.school_name)
    return Page("wijzigingsverslag", window, window, tuple(blocks), author=document.school_name)

