"""The wizard's steps as data: shared by the terminal wizard and the browser wizard.

Which cards and kwesties a session covers, which rules of the protocol a
kwestie touches (numbered as the draft numbers them), when a rule or a
kwestie counts as done, and the order of the review. Pure functions over
:class:`~protocolwizard.answers.Answers` and
:class:`~protocolwizard.answers.Context`; no prompts, no HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from kern.loader import Card, Kwestie
from protocol.document import ChapterView, RuleView, model_document
from protocol.trace import rules_for_kwestie

from .answers import Answers, Context, Decision


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
    """A rule is done when its decision is complete and its reason was asked (possibly left empty)."""
    decision = answers.decision_for(rule_id)
    return decision is not None and decision.complete and decision.reason is not None


def kwestie_done(answers: Answers, context: Context, kwestie: Kwestie) -> bool:
    """A kwestie is done when its note was asked and every rule it touches is done."""
    if kwestie.id not in answers.notes:
        return False
    return all(rule_done(answers, rule.id) for rule in kwestie_rules(answers, context, kwestie))


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
