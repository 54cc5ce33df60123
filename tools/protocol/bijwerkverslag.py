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
    own: bool = False  # the base is the school's own protocol (versions: fingerprints of its rules), not the model
    old_name: str = ""  # own protocol: the files of the old and the new version, as the report names them
    new_name: str = ""

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


class Phrases:
    """The report's phrases (:mod:`protocol.teksten`): as they read for the model, or for the school's own
    protocol (``teksten.BW_OWN_PROTOCOL``) when that is the base."""

    def __init__(self, own: bool) -> None:
        self.own = own

    def __getattr__(self, name: str):
        if self.own and name == "BW_CASES":
            return teksten.BW_OWN_PROTOCOL_CASES
        if self.own and name in teksten.BW_OWN_PROTOCOL:
            return teksten.BW_OWN_PROTOCOL[name]
        return getattr(teksten, name)


def _label(item: RuleUpdate, say: Phrases) -> str:
    title = item.title or (say.own and _opening(item.new_text or item.old_text)) or item.rule_id or item.old_id
    if item.old_id and item.rule_id and item.old_id != item.rule_id:
        return (say.BW_RULE_SPLIT if item.split else say.BW_RULE_RENAMED).format(
            titel=title, id=item.rule_id, oud=item.old_id)
    return say.BW_RULE.format(titel=title, id=item.rule_id or item.old_id)


def _opening(text: str, words: int = 10) -> str:
    """The first words of a rule without a title (an own protocol's rules often have none)."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _reason(item: RuleUpdate, say: Phrases) -> list[Definition]:
    """Why the model changed the rule (its change log); an own protocol has no change log: nothing to say."""
    if say.own and not item.reason:
        return []
    return [Definition(say.BW_MODEL_REASON, (Text(item.reason or say.BW_NO_REASON),))]


def _conflict(item: RuleUpdate, say: Phrases) -> Section:
    removed = item.case == REMOVED_CHANGED
    header = (say.BW_TEAM_DECISION if removed else say.BW_TEAM_TEXT, say.BW_MODEL_TEXT)
    team = say.BW_REMOVED_BY_TEAM if removed else item.team_text
    details = _reason(item, say)
    if item.team_reason:
        details.append(Definition(say.BW_TEAM_REASON, (Text(item.team_reason),)))
    details += [Definition(say.BW_PREVIOUS, (Text(item.old_text),), style="was"),
                Definition(say.BW_HOW, (Text(say.BW_HOW_CONFLICT),))]
    return Section((
        Heading(2, _label(item, say), badge=say.BW_CONFLICT_BADGE),
        Table(header, ((team, item.new_text),), style="naast-elkaar", widths=(1, 1)),
        Definitions(tuple(details)),
    ), style="wijziging")


def _dropped(item: RuleUpdate, say: Phrases) -> Section:
    details = [Definition(say.BW_WAS, (Text(item.old_text),), style="was")]
    if item.team_text:
        details.append(Definition(say.BW_TEAM_TEXT, (Text(item.team_text),)))
    details += _reason(item, say)
    if item.team_reason:
        details.append(Definition(say.BW_TEAM_REASON, (Text(item.team_reason),)))
    details.append(Definition(say.BW_HOW, (Text(say.BW_HOW_DROPPED.format(hoofdstuk=item.chapter)),)))
    return Section((Heading(2, _label(item, say)), Definitions(tuple(details))), style="wijziging")


def _taken(item: RuleUpdate, say: Phrases) -> Section:
    details = [Definition(say.BW_WAS, (Text(item.old_text),), style="was"),
               Definition(say.BW_BECOMES, (Text(item.new_text),), style="wordt"), *_reason(item, say)]
    if item.decision == "behouden":
        details.append(Definition(say.BW_TEAM_DECISION, (Text(say.BW_KEPT_BEFORE),)))
    return Section((Heading(2, _label(item, say)), Definitions(tuple(details))), style="wijziging")


def _new(item: RuleUpdate, say: Phrases) -> Section:
    return Section((Heading(2, _label(item, say)), Definitions((
        Definition(say.BW_TEXT, (Text(item.new_text),), style="wordt"), *_reason(item, say)))), style="wijziging")


def _bullet(item: RuleUpdate, say: Phrases) -> tuple:
    if item.case == MOVED:
        return (Text(say.BW_MOVED.format(titel=item.title or item.team_text[:60], oud=item.old_id, nieuw=item.chapter)),)
    if item.case == OWN:
        return (Text(say.BW_OWN.format(regel=_label(item, say))),)
    if item.case == RENAMED:
        return (Text(say.BW_RENAMED.format(regel=_label(item, say))),)
    template = say.BW_GONE_REMOVED_BY_TEAM if item.decision == "schrappen" else say.BW_GONE
    return (Text(template.format(regel=_label(item, say), reden=item.reason or say.BW_NO_REASON, tekst=item.old_text,
                                 id=item.old_id).strip()),)


_SECTIONS = {CONFLICT: _conflict, REMOVED_CHANGED: _conflict, DROPPED: _dropped, TAKEN: _taken, NEW: _new}


def update_page(report: UpdateReport) -> Page:
    """The update report as blocks: what to decide first, a summary of the counts, then every rule per case."""
    say = Phrases(report.own)
    name = report.school or say.BW_NO_NAME
    versions = {"oud": report.old_version, "nieuw": report.new_version}
    if report.own:
        versions = {key: f"{name}, versie {version}" if name else version for key, name, version in (
            ("oud", report.old_name, report.old_version), ("nieuw", report.new_name, report.new_version))}
    blocks: list[Block] = [
        Title(say.BW_TITLE.format(naam=name), (Emph(say.BW_SUBTITLE.format(**versions)),)),
        Paragraph((Text(say.BW_INTRODUCTION.format(**versions)),)),
    ]
    if report.open_conflicts:
        blocks.append(Paragraph((Strong(say.BW_TO_DECIDE.format(
            aantal=aantal(report.open_conflicts, "conflict", "conflicten"), bestand=report.answers_file)),)))
    else:
        blocks.append(Paragraph((Text(say.BW_NOTHING_TO_DECIDE.format(bestand=report.answers_file)),)))
    if report.to_check:
        blocks.append(Paragraph((Text(say.BW_CHECK.format(aantal=aantal(report.to_check, "regel", "regels"),
                                                            staan="staat" if report.to_check == 1 else "staan",
                                                            gingen="ging" if report.to_check == 1 else "gingen")),)))
    counts = report.counts()
    blocks.append(Section((
        Heading(1, say.BW_SUMMARY),
        Table(say.BW_SUMMARY_HEADER, tuple((say.BW_CASES[case][1], str(counts[case])) for case in CASES),
              row_headers=True, widths=(12, 3)),
    ), anchor="samenvatting"))
    for case in CASES:
        items = report.of(case)
        if not items:
            continue
        content: list[Block] = [Heading(1, say.BW_CASES[case][0])]
        if case == NEW:
            content.append(Paragraph((Text(say.BW_NEW_INCLUDED),)))
        if case in _SECTIONS:
            content += [_SECTIONS[case](item, say) for item in items]
        else:
            content.append(Bullets(tuple(_bullet(item, say) for item in items)))
        blocks.append(Section(tuple(content), anchor=case))
    window = say.BW_WINDOW_TITLE.format(naam=name)
    return Page("bijwerkverslag", window, window, tuple(blocks), author=report.school)


def render_update(report: UpdateReport) -> dict[str, str]:
    """Format ("md", "html") -> the text of the update report."""
    page = update_page(report)
    return {"md": markdown.render(page), "html": html.render(page)}
