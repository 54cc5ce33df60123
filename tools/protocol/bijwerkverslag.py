"""The update report of ``protocolwizard bijwerken``: per rule what changes when a school's answers are
brought to a newer model, in words a school board reads.

This module holds the report's data (:class:`UpdateReport`, one :class:`RuleUpdate` per rule, the cases
in :data:`CASES`) and its layout as blocks (:func:`update_page`, phrases in :mod:`protocol.teksten`),
rendered by the same writers as the protocol: Markdown and HTML (frame ``templates/bijwerkverslag.html.j2``).
The three-way comparison that fills it is :mod:`protocolwizard.bijwerken`. Every text in it (the team's,
the model's) is data: the writers escape it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kern.taal import aantal

from . import teksten
from .blocks import Block, Bullets, Definition, Definitions, Emph, Heading, Page, Paragraph, Section, Strong, Table, Text, Title
from .writers import html, markdown

# What happened to a rule, in the order of the report.
CONFLICT = "conflict"  # the team and the model both changed the rule
REMOVED_CHANGED = "geschrapt-gewijzigd"  # the team removed the rule, the model changed it
DROPPED = "vervallen-besluit"  # the team kept or changed a rule the model removed (or no longer has for the sector)
MOVED = "hoofdstuk-verplaatst"  # a new rule of the team whose chapter the model no longer has
TAKEN = "overgenomen"  # the model changed a rule the team kept or did not discuss: the new text is taken
NEW = "nieuw"  # new in the model (for the school's sector)
OWN = "eigen-tekst"  # the team changed a rule the model did not change: the team's text stays
RENAMED = "hernoemd"  # the model gave a rule a new id without changing its text
GONE = "vervallen"  # the model removed a rule the team did not keep or change
CASES = (CONFLICT, REMOVED_CHANGED, DROPPED, MOVED, TAKEN, NEW, OWN, RENAMED, GONE)
#: Conflicts: recorded in the answers file; ``maak`` refuses the file until the team decides.
CONFLICTS = (CONFLICT, REMOVED_CHANGED)
#: Flagged for a decision, but not blocking: nothing was lost and the draft can be made.
TO_CHECK = (DROPPED, MOVED)


@dataclass(frozen=True)
class RuleUpdate:
    """What happened to one rule; the texts are the model's and the team's, without placeholders filled in."""

    case: str
    rule_id: str  # in the new model ('' when gone)
    old_id: str = ""  # in the old model ('' when new); for MOVED the old chapter
    title: str = ""
    old_text: str = ""
    new_text: str = ""
    team_text: str = ""  # the team's own text (wijzigen), or of its own new rule
    decision: str = ""  # the team's decision: behouden, wijzigen, schrappen, or '' (not discussed)
    reason: str = ""  # the model's reason, from its change log
    team_reason: str = ""  # the team's toelichting
    chapter: str = ""  # DROPPED / MOVED: the chapter the rule went to in the new model
    split: bool = False  # one of several rules that replace one old rule


@dataclass(frozen=True)
class UpdateReport:
    school: str
    old_version: str
    new_version: str
    items: tuple[RuleUpdate, ...] = ()
    answers_file: str = ""  # the updated answers file, as the commands in the report name it

    def of(self, case: str) -> tuple[RuleUpdate, ...]:
        return tuple(item for item in self.items if item.case == case)

    def counts(self) -> dict[str, int]:
        counted = Counter(item.case for item in self.items)
        return {case: counted[case] for case in CASES}

    @property
    def open_conflicts(self) -> int:
        return sum(len(self.of(case)) for case in CONFLICTS)

    @property
    def to_check(self) -> int:
        return sum(len(self.of(case)) for case in TO_CHECK)


def _label(item: RuleUpdate) -> str:
    title = item.title or item.rule_id or item.old_id
    if item.old_id and item.rule_id and item.old_id != item.rule_id:
        return (teksten.BW_RULE_SPLIT if item.split else teksten.BW_RULE_RENAMED).format(
            titel=title, id=item.rule_id, oud=item.old_id)
    return teksten.BW_RULE.format(titel=title, id=item.rule_id or item.old_id)


def _reason(item: RuleUpdate) -> Definition:
    return Definition(teksten.BW_MODEL_REASON, (Text(item.reason or teksten.BW_NO_REASON),))


def _conflict(item: RuleUpdate) -> Section:
    removed = item.case == REMOVED_CHANGED
    header = (teksten.BW_TEAM_DECISION if removed else teksten.BW_TEAM_TEXT, teksten.BW_MODEL_TEXT)
    team = teksten.BW_REMOVED_BY_TEAM if removed else item.team_text
    details = [_reason(item)]
    if item.team_reason:
        details.append(Definition(teksten.BW_TEAM_REASON, (Text(item.team_reason),)))
    details += [Definition(teksten.BW_PREVIOUS, (Text(item.old_text),), style="was"),
                Definition(teksten.BW_HOW, (Text(teksten.BW_HOW_CONFLICT),))]
    return Section((
        Heading(2, _label(item), badge=teksten.BW_CONFLICT_BADGE),
        Table(header, ((team, item.new_text),), style="naast-elkaar", widths=(1, 1)),
        Definitions(tuple(details)),
    ), style="wijziging")


def _dropped(item: RuleUpdate) -> Section:
    details = [Definition(teksten.BW_WAS, (Text(item.old_text),), style="was")]
    if item.team_text:
        details.append(Definition(teksten.BW_TEAM_TEXT, (Text(item.team_text),)))
    details.append(_reason(item))
    if item.team_reason:
        details.append(Definition(teksten.BW_TEAM_REASON, (Text(item.team_reason),)))
    details.append(Definition(teksten.BW_HOW, (Text(teksten.BW_HOW_DROPPED.format(hoofdstuk=item.chapter)),)))
    return Section((Heading(2, _label(item)), Definitions(tuple(details))), style="wijziging")


def _taken(item: RuleUpdate) -> Section:
    details = [Definition(teksten.BW_WAS, (Text(item.old_text),), style="was"),
               Definition(teksten.BW_BECOMES, (Text(item.new_text),), style="wordt"), _reason(item)]
    if item.decision == "behouden":
        details.append(Definition(teksten.BW_TEAM_DECISION, (Text(teksten.BW_KEPT_BEFORE),)))
    return Section((Heading(2, _label(item)), Definitions(tuple(details))), style="wijziging")


def _new(item: RuleUpdate) -> Section:
    return Section((Heading(2, _label(item)), Definitions((
        Definition(teksten.BW_TEXT, (Text(item.new_text),), style="wordt"), _reason(item)))), style="wijziging")


def _bullet(item: RuleUpdate) -> tuple:
    if item.case == MOVED:
        return (Text(teksten.BW_MOVED.format(titel=item.title or item.team_text[:60], oud=item.old_id, nieuw=item.chapter)),)
    if item.case == OWN:
        return (Text(teksten.BW_OWN.format(regel=_label(item))),)
    if item.case == RENAMED:
        return (Text(teksten.BW_RENAMED.format(regel=_label(item))),)
    template = teksten.BW_GONE_REMOVED_BY_TEAM if item.decision == "schrappen" else teksten.BW_GONE
    return (Text(template.format(regel=_label(item), reden=item.reason or teksten.BW_NO_REASON).strip()),)


_SECTIONS = {CONFLICT: _conflict, REMOVED_CHANGED: _conflict, DROPPED: _dropped, TAKEN: _taken, NEW: _new}


def update_page(report: UpdateReport) -> Page:
    """The update report as blocks: what to decide first, a summary of the counts, then every rule per case."""
    name = report.school or teksten.BW_NO_NAME
    versions = {"oud": report.old_version, "nieuw": report.new_version}
    blocks: list[Block] = [
        Title(teksten.BW_TITLE.format(naam=name), (Emph(teksten.BW_SUBTITLE.format(**versions)),)),
        Paragraph((Text(teksten.BW_INTRODUCTION.format(**versions)),)),
    ]
    if report.open_conflicts:
        blocks.append(Paragraph((Strong(teksten.BW_TO_DECIDE.format(
            aantal=aantal(report.open_conflicts, "conflict", "conflicten"), bestand=report.answers_file)),)))
    else:
        blocks.append(Paragraph((Text(teksten.BW_NOTHING_TO_DECIDE.format(bestand=report.answers_file)),)))
    if report.to_check:
        blocks.append(Paragraph((Text(teksten.BW_CHECK.format(aantal=aantal(report.to_check, "regel", "regels"))),)))
    counts = report.counts()
    blocks.append(Section((
        Heading(1, teksten.BW_SUMMARY),
        Table(teksten.BW_SUMMARY_HEADER, tuple((teksten.BW_CASES[case][1], str(counts[case])) for case in CASES),
              row_headers=True, widths=(12, 3)),
    ), anchor="samenvatting"))
    for case in CASES:
        items = report.of(case)
        if not items:
            continue
        content: list[Block] = [Heading(1, teksten.BW_CASES[case][0])]
        if case == NEW:
            content.append(Paragraph((Text(teksten.BW_NEW_INCLUDED),)))
        if case in _SECTIONS:
            content += [_SECTIONS[case](item) for item in items]
        else:
            content.append(Bullets(tuple(_bullet(item) for item in items)))
        blocks.append(Section(tuple(content), anchor=case))
    window = teksten.BW_WINDOW_TITLE.format(naam=name)
    return Page("bijwerkverslag", window, window, tuple(blocks), author=report.school)


def render_update(report: UpdateReport) -> dict[str, str]:
    """Format ("md", "html") -> the text of the update report."""
    page = update_page(report)
    return {"md": markdown.render(page), "html": html.render(page)}
