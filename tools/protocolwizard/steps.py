"""The wizard's steps as data: shared by the terminal wizard and the browser wizard.

Which cards and kwesties a session covers, which rules of the protocol a
kwestie touches (numbered as the draft numbers them), when a rule or a
kwestie counts as done, and the order of the review. Pure functions over
:class:`~protocolwizard.answers.Answers` and
:class:`~protocolwizard.answers.Context`; no prompts, no HTML.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from kern.loader import Card, Kwestie
from protocol.document import ChapterView, RuleView, model_document
from protocol.trace import rules_for_kwestie

from .answers_schema import DISCUSSED, NOT_DISCUSSED

# Answers, Context and Decision (protocolwizard.answers) appear in annotations only, unimported: answers imports
# this module for the nearest ids in its messages, and the layers allow no cycle.

#: The decisions by which the team discussed a rule; any other rule (no decision, or "niet besproken") was not.
DECIDED = ("behouden", "wijzigen", "schrappen")


@dataclass(frozen=True)
class KwestieStep:
    """One kwestie of a chosen card, in the order the session walks them."""

    card: Card
    kwestie: Kwestie
    index: int  # 1-based, over all kwesties of the chosen cards
    total: int


def chosen_cards(answers: Answers, context: Context) -> list[Card]:
    """The cards the session discussed, in the order the answers name them (unknown ids left out)."""
    return [context.card_ids[c] for c in answers.cards if c in context.card_ids]


def kwestie_steps(answers: Answers, context: Context) -> list[KwestieStep]:
    kwesties = [(card, kwestie) for card in chosen_cards(answers, context) for kwestie in card.kwesties]
    return [KwestieStep(card, kwestie, index, len(kwesties)) for index, (card, kwestie) in enumerate(kwesties, 1)]


def chapters(answers: Answers, context: Context) -> list[ChapterView]:
    """The protocol's chapters for the school's sector, numbered as in the draft."""
    return list(model_document(context.model, context.cards, answers.sector).chapters)


def numbered_rules(answers: Answers, context: Context) -> dict[str, RuleView]:
    """Rule id -> the rule as the draft numbers it, in protocol order."""
    return {rule.id: rule for chapter in chapters(answers, context) for rule in chapter.rules}


def kwestie_rules(answers: Answers, context: Context, kwestie: Kwestie) -> list[RuleView]:
    """The rules a kwestie touches (shared topics), for the school's sector."""
    numbered = numbered_rules(answers, context)
    return [numbered[r.id] for r in rules_for_kwestie(context.model, kwestie, answers.sector) if r.id in numbered]


def rule_done(answers: Answers, rule_id: str) -> bool:
    """A rule is done when the team decided it (its decision complete and its reason asked, possibly left empty)
    or the leader marked it "niet besproken"."""
    decision = answers.decision_for(rule_id)
    if decision is not None and decision.decision == NOT_DISCUSSED:
        return True
    return decision is not None and decision.complete and decision.reason is not None


def rule_decided(answers: Answers, rule_id: str) -> bool:
    """The team discussed the rule and decided to keep, change or remove it."""
    decision = answers.decision_for(rule_id)
    return decision is not None and decision.decision in DECIDED


def kwestie_state(answers: Answers, kwestie_id: str) -> str | None:
    """``besproken``, ``niet besproken`` or None (not asked yet).

    The ``kwesties`` field says it; a kwestie it does not name counts as discussed when a decision (other than
    "niet besproken"), a new rule or a note names it, as files written before that field say it.
    """
    if kwestie_id in answers.kwesties:
        return answers.kwesties[kwestie_id]
    named = (
        any(d.kwestie == kwestie_id and d.decision in DECIDED for d in answers.decisions)
        or any(r.kwestie == kwestie_id for r in answers.new_rules or [])
        or kwestie_id in answers.notes
    )
    return DISCUSSED if named else None


def rule_open(answers: Answers, context: Context, rule_id: str, kwestie_id: str) -> bool:
    """Whether the rule is still to be asked at this kwestie. A rule the team decided is asked once, wherever it
    came up first. A rule skipped ("niet besproken") at an earlier kwestie is offered again at each later kwestie
    that touches it (the team may discuss it there); one skipped here, or later in the session, is not."""
    decision = answers.decision_for(rule_id)
    if decision is None or not rule_done(answers, rule_id):
        return True
    if decision.decision != NOT_DISCUSSED:
        return False
    order = {step.kwestie.id: step.index for step in kwestie_steps(answers, context)}
    return decision.kwestie is None or order.get(decision.kwestie, 0) < order.get(kwestie_id, 0)


def kwestie_done(answers: Answers, context: Context, kwestie: Kwestie) -> bool:
    """A kwestie is done when it is marked not discussed, or its note was asked and no rule it touches is open."""
    state = kwestie_state(answers, kwestie.id)
    if state == NOT_DISCUSSED:
        return True
    if state is None or kwestie.id not in answers.notes:
        return False
    return not any(rule_open(answers, context, rule.id, kwestie.id) for rule in kwestie_rules(answers, context, kwestie))


def decided_by(answers: Answers, rule_id: str) -> str | None:
    """The kwestie at which a rule was decided or skipped (None: not named, or not decided)."""
    decision = answers.decision_for(rule_id)
    return decision.kwestie if decision is not None else None


@dataclass(frozen=True)
class Coverage:
    """What the session discussed and what not: for the change report and the draft's particulars."""

    discussed: list[tuple[Card, Kwestie]]  # in card order
    not_discussed: list[tuple[Card, Kwestie]]  # kwesties of the chosen cards the team did not discuss
    other_cards: list[Card]  # cards not chosen, none of whose kwesties was discussed
    decided_rules: list[RuleView]  # kept, changed or removed by the team, in protocol order
    open_rules: list[RuleView]  # not discussed: they stay as in the model


def coverage(answers: Answers, context: Context) -> Coverage:
    chosen = {card.id for card in chosen_cards(answers, context)}
    discussed, not_discussed, other_cards = [], [], []
    for card in context.cards:
        done = [(card, k) for k in card.kwesties if kwestie_state(answers, k.id) == DISCUSSED]
        discussed += done
        if card.id in chosen:
            not_discussed += [(card, k) for k in card.kwesties if (card, k) not in done]
        elif not done:
            other_cards.append(card)
    rules = list(numbered_rules(answers, context).values())
    decided = [rule for rule in rules if rule_decided(answers, rule.id)]
    return Coverage(discussed, not_discussed, other_cards, decided, [r for r in rules if r not in decided])


def nearest_ids(value: str, kind: str, context: Context, sector: str | None = None) -> list[str]:
    """Valid rule or chapter ids a wrong one probably meant: the rule or chapter the draft numbers so ('4.2', '4';
    for the school's sector), else the closest by spelling (at most three)."""
    chapters_ = model_document(context.model, context.cards, sector).chapters
    number = value.strip().rstrip(".")
    if kind == "hoofdstuk":
        by_number = {str(c.number): c.id for c in chapters_}
        ids = sorted(context.chapter_ids)
    else:
        by_number = {rule.number: rule.id for c in chapters_ for rule in c.rules}
        ids = sorted(context.rule_ids)
    if number in by_number:
        return [by_number[number]]
    scored = sorted(((difflib.SequenceMatcher(None, value, i).ratio(), i) for i in ids), reverse=True)
    best = scored[0][0] if scored else 0
    return [i for ratio, i in scored[:3] if ratio >= max(0.6, best - 0.1)]


def ordered_decisions(answers: Answers, context: Context) -> list[Decision]:
    """Decisions in the order of the protocol's rules (unknown rules last)."""
    order = {rule_id: index for index, rule_id in enumerate(numbered_rules(answers, context))}
    return sorted(answers.decisions, key=lambda d: order.get(d.rule, len(order)))


def decisions_by_chapter(answers: Answers, context: Context) -> list[tuple[ChapterView, list[Decision]]]:
    """The review's groups: each chapter with the decisions about its rules, chapters without decisions left out."""
    groups = []
    for chapter in chapters(answers, context):
        ids = {rule.id for rule in chapter.rules}
        decided = [d for d in ordered_decisions(answers, context) if d.rule in ids]
        if decided:
            groups.append((chapter, decided))
    return groups


def open_kwesties(answers: Answers, context: Context) -> list[KwestieStep]:
    """The kwesties of the chosen cards that are not done yet, in session order (the review lists them)."""
    return [step for step in kwestie_steps(answers, context) if not kwestie_done(answers, context, step.kwestie)]


def kwestie_step(answers: Answers, context: Context, kwestie_id: str) -> KwestieStep | None:
    """The step of one kwestie of the chosen cards, or ``None`` when its card was not chosen."""
    return next((step for step in kwestie_steps(answers, context) if step.kwestie.id == kwestie_id), None)
