"""Traceability between the cards' kwesties and the model's rules, through shared topics.

A kwestie names its protocol topics (``:onderwerpen:`` on the card page); a
rule touches a kwestie when they share a topic. Both directions are computed
here, once, for the handbook pages and the wizard alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from kern.loader import Card, Kwestie

from .model import Model, Rule


@dataclass(frozen=True)
class KwestieRef:
    """A kwestie as a rendering names it: "De populaire hiphopleraar, kwestie 3"."""

    id: str
    card_id: str
    card_title: str
    number: int
    anchor: str

    @property
    def name(self) -> str:
        """The kwestie within its card: "kwestie 3"."""
        return f"kwestie {self.number}"

    @property
    def label(self) -> str:
        return f"{self.card_title}, {self.name}"

    @property
    def page(self) -> str:
        """The handbook page of the kwestie, relative to the handbook's root."""
        return f"kaarten/{self.card_id}.html#{self.anchor}"


def kwestie_ref(card: Card, kwestie: Kwestie) -> KwestieRef:
    return KwestieRef(kwestie.id, card.id, card.title, kwestie.number, kwestie.anchor)


def rules_for_kwestie(model: Model, kwestie: Kwestie, sector: str | None = None) -> list[Rule]:
    """The rules that share a topic with the kwestie (optionally for one sector)."""
    topics = set(kwestie.topics)
    return [r for r in model.rules() if not topics.isdisjoint(r.topics) and r.applies_to(sector)]


def kwesties_for_rule(rule: Rule, cards: list[Card]) -> list[KwestieRef]:
    """The kwesties that discuss a rule, in card order."""
    return KwestieIndex(cards).for_rule(rule)


class KwestieIndex:
    """The kwesties of the cards by topic, for :func:`kwesties_for_rule` on many rules: a document of the model
    asks it for every rule, and going through every kwestie of every card for each rule costs rules x kwesties."""

    def __init__(self, cards: list[Card]):
        self._refs: list[KwestieRef] = []
        self._by_topic: dict[str, list[int]] = {}
        for card in cards:
            for kwestie in card.kwesties:
                for topic in set(kwestie.topics):
                    self._by_topic.setdefault(topic, []).append(len(self._refs))
                self._refs.append(kwestie_ref(card, kwestie))

    def for_rule(self, rule: Rule) -> list[KwestieRef]:
        """The kwesties that share a topic with the rule, each once, in card order."""
        found: set[int] = set()
        for topic in set(rule.topics):
            found.update(self._by_topic.get(topic, ()))
        return [self._refs[index] for index in sorted(found)]


def traceability_problems(model: Model, cards: list[Card]) -> list[str]:
    """Dutch descriptions of kwesties that touch no rule or name a topic no rule covers."""
    covered = {topic for rule in model.rules() for topic in rule.topics}
    problems = []
    for card in cards:
        for kwestie in card.kwesties:
            if not kwestie.topics:
                problems.append(f"kwestie {kwestie.id} noemt geen onderwerpen (:onderwerpen:).")
                continue
            for topic in kwestie.topics:
                if topic not in model.topics:
                    problems.append(f"kwestie {kwestie.id} noemt het onbekende onderwerp '{topic}'.")
                elif topic not in covered:
                    problems.append(f"het onderwerp '{topic}' van kwestie {kwestie.id} staat bij geen enkele regel.")
            if not rules_for_kwestie(model, kwestie):
                problems.append(f"kwestie {kwestie.id} raakt geen enkele regel van het modelprotocol.")
    return problems
