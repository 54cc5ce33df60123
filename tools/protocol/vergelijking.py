"""Compare a school's own (imported) protocol with the model, per topic and per kwestie of the cards.

A school's rule counts for its confirmed topics (``onderwerpen``), or, while none are confirmed, for
the matcher's proposals (``onderwerpen_voorstel``; the report marks those). The report says which model
topics no school rule covers, which school rules match no topic, and for each kwestie of every card
whether a school rule shares one of its topics, so a team leader can choose the next card to discuss.
Laid out once as blocks (:mod:`protocol.blocks`, phrases in :mod:`protocol.teksten`) and rendered by the
same writers as the protocol: Markdown and HTML (frame ``templates/vergelijking.html.j2``).
"""

from __future__ import annotations

from dataclasses import dataclass

from kern.loader import Card
from .model import Model, Rule
from kern.taal import aantal

from . import teksten
from .blocks import Block, Bullets, Emph, Heading, Link, Page, Paragraph, Section, Strong, Table, Text, Title
from .writers import html, markdown
from .trace import KwestieRef, kwestie_ref

REPORT_NAMES = ("vergelijking.md", "vergelijking.html")
EXCERPT = 160


@dataclass(frozen=True)
class SchoolRule:
    id: str
    label: str  # number and title as the school's document shows them, or the id
    excerpt: str
    topics: tuple[str, ...]
    proposed: bool  # the topics are proposals, not confirmed


@dataclass(frozen=True)
class KwestieCoverage:
    ref: KwestieRef
    title: str
    topics: tuple[str, ...]
    rules: tuple[SchoolRule, ...]
    missing_topics: tuple[str, ...]  # the kwestie's topics no school rule covers

    @property
    def covered(self) -> bool:
        return bool(self.rules)


@dataclass(frozen=True)
class CardCoverage:
    id: str
    title: str
    page: str
    kwesties: tuple[KwestieCoverage, ...]

    @property
    def open_count(self) -> int:
        """Kwesties the school's protocol says nothing about."""
        return sum(1 for k in self.kwesties if not k.covered)


@dataclass(frozen=True)
class Comparison:
    title: str
    source: str
    rules: tuple[SchoolRule, ...]
    topic_titles: dict[str, str]
    missing_topics: tuple[str, ...]
    unmatched: tuple[SchoolRule, ...]
    cards: tuple[CardCoverage, ...]

    @property
    def proposed_count(self) -> int:
        return sum(1 for r in self.rules if r.proposed)

    @property
    def next_card(self) -> CardCoverage | None:
        """The card with the most kwesties the protocol says nothing about (first in order on a tie)."""
        open_cards = [c for c in self.cards if c.open_count]
        return max(open_cards, key=lambda c: c.open_count, default=None)


def _school_rule(rule: Rule) -> SchoolRule:
    shown = " ".join(part for part in (rule.number, rule.title) if part)
    label = f"{shown} ({rule.id})" if any(c.isalnum() for c in shown) else rule.id
    text = " ".join(rule.text.split())
    excerpt = text if len(text) <= EXCERPT else text[: EXCERPT - 1].rsplit(" ", 1)[0] + " …"
    topics = rule.topics or rule.proposed_topics
    return SchoolRule(rule.id, label, excerpt, topics, proposed=not rule.topics and bool(rule.proposed_topics))


def compare(protocol: Model, model: Model, cards: list[Card]) -> Comparison:
    rules = tuple(_school_rule(rule) for rule in protocol.rules())
    covered = {topic for rule in rules for topic in rule.topics}
    card_views = []
    for card in cards:
        kwesties = []
        for kwestie in card.kwesties:
            matching = tuple(r for r in rules if set(r.topics) & set(kwestie.topics))
            kwesties.append(KwestieCoverage(
                ref=kwestie_ref(card, kwestie),
                title=kwestie.title,
                topics=kwestie.topics,
                rules=matching,
                missing_topics=tuple(t for t in kwestie.topics if t not in covered),
            ))
        card_views.append(CardCoverage(card.id, card.title, f"kaarten/{card.id}.html", tuple(kwesties)))
    return Comparison(
        title=protocol.title,
        source=str(protocol.origin.get("bestand") or protocol.source.name),
        rules=rules,
        topic_titles=dict(model.topics),
        missing_topics=tuple(t for t in model.topics if t not in covered),
        unmatched=tuple(r for r in rules if not r.topics),
        cards=tuple(card_views),
    )


def _rule_label(rule: SchoolRule) -> list:
    return [Text(rule.label)] + ([Text(" "), Emph(teksten.CMP_PROPOSAL)] if rule.proposed else [])


def _kwestie_item(kwestie: KwestieCoverage, topic_titles: dict[str, str], handboek_url: str) -> tuple:
    label = kwestie.ref.label + (f": {kwestie.title}" if kwestie.title else "")
    content: list = [Link(label, handboek_url + kwestie.ref.page), Text(": ")]
    if kwestie.covered:
        content += [Strong(teksten.CMP_COVERED), Text(" in ")]
        for index, rule in enumerate(kwestie.rules):
            content += _rule_label(rule) + ([Text(", ")] if index < len(kwestie.rules) - 1 else [])
    else:
        content.append(Strong(teksten.CMP_NOT_COVERED))
    if kwestie.missing_topics:
        content.append(Text(teksten.CMP_NO_RULE_ABOUT.format(
            onderwerpen="; ".join(topic_titles[t] for t in kwestie.missing_topics))))
    content.append(Text("."))
    return tuple(content)


def coverage_blocks(comparison: Comparison, handboek_url: str, level: int = 1) -> tuple[Block, ...]:
    """The comparison's findings as blocks, headings at ``level``: the next card to discuss, per card and kwestie
    whether the protocol covers it, the model's topics it does not cover, its rules without a topic.
    The comparison report shows them, and so does the change report of a draft made from the school's own protocol."""
    blocks: list[Block] = []
    card = comparison.next_card
    if card:
        blocks.append(Paragraph((
            Strong(teksten.CMP_NEXT_CARD), Text(" "), Link(card.title, handboek_url + card.page),
            Text(teksten.CMP_NEXT_CARD_WHY.format(open=card.open_count, totaal=len(card.kwesties))),
        )))
    blocks.append(Section((
        Heading(level, teksten.CMP_PER_CARD),
        Table(teksten.CMP_CARD_HEADER, tuple((c.title, str(len(c.kwesties)), str(c.open_count)) for c in comparison.cards),
              row_headers=True, widths=(8, 3, 5)),
        *(Section((Heading(level + 1, c.title), Bullets(tuple(
            _kwestie_item(k, comparison.topic_titles, handboek_url) for k in c.kwesties))))
          for c in comparison.cards),
    )))
    missing = tuple((Text(comparison.topic_titles[t]),) for t in comparison.missing_topics)
    blocks.append(Section((Heading(level, teksten.CMP_MISSING_TOPICS),
                           Bullets(missing) if missing else Paragraph((Text(teksten.CMP_ALL_TOPICS),)))))
    unmatched = tuple((Strong(r.label), Text(f": {r.excerpt}")) for r in comparison.unmatched)
    blocks.append(Section((Heading(level, teksten.CMP_UNMATCHED),
                           Bullets(unmatched) if unmatched else Paragraph((Text(teksten.CMP_ALL_MATCHED),)))))
    return tuple(blocks)


def comparison_page(comparison: Comparison, handboek_url: str) -> Page:
    """The comparison as blocks: per card and kwestie, uncovered topics, school rules without a topic."""
    introduction = teksten.CMP_INTRODUCTION.format(
        bron=comparison.source, regels=aantal(len(comparison.rules), "regel", "regels"))
    blocks: list[Block] = [Title(teksten.CMP_TITLE.format(titel=comparison.title), ()),
                           Paragraph((Text(introduction),))]
    if comparison.proposed_count:
        blocks.append(Paragraph((Text(teksten.CMP_PROPOSALS.format(
            regels=aantal(comparison.proposed_count, "regel", "regels"))),), style="meta"))
    blocks += coverage_blocks(comparison, handboek_url)
    window = teksten.CMP_WINDOW_TITLE.format(titel=comparison.title)
    return Page("vergelijking", window, window, tuple(blocks))


def render_comparison(comparison: Comparison, handboek_url: str) -> dict[str, str]:
    """File name -> text of the report in Markdown and HTML."""
    page = comparison_page(comparison, handboek_url)
    return {"vergelijking.md": markdown.render(page), "vergelijking.html": html.render(page)}
