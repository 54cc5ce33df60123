"""Propose topics of the model for a rule of a school's own protocol.

Two signals, both after Dutch stemming (snowballstemmer; it uses PyStemmer when that is installed)
and without Dutch stop words:

1. **Keywords** (the model's ``trefwoorden``, written by hand per topic). A keyword counts once per
   rule: a single word scores 1 when a word of the rule has the same stem, and 0.5 when it is part
   of a compound ("account" in "privéaccount", "groepsapp" in "klassengroepsapp"); a phrase of n
   words scores n when its stems occur in that order.
2. **Resemblance to the model's rules** (TF-IDF): every topic has a profile, its title plus the texts
   of the model's rules with that topic; the cosine between the rule and a profile, times
   :data:`TFIDF_WEIGHT`, is added to the keyword score. ``leave_out`` drops one model rule from the
   profiles, so the benchmark can measure a rule without having learned from its own text.

The topics are ranked by that sum; at most three are proposed, each with at least
:data:`MIN_SCORE` and at least :data:`RELATIVE_FLOOR` of the best score. No model weights, nothing
fetched: the whole method is this file and the keywords in the model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from .model import Model

TFIDF_WEIGHT = 4.0
COMPOUND_SCORE = 0.5
MIN_SCORE = 0.75
RELATIVE_FLOOR = 0.35
MAX_PROPOSALS = 3
#: A keyword shorter than this (after stemming) only counts as a whole word, never inside a compound.
MIN_COMPOUND_PART = 5

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)

STOP_WORDS = frozenset("""
aan al alle alles als altijd ander andere anders bij bijvoorbeeld binnen daar daarbij daarom dan dat de deze
die dit doen door dus een eigen en er ergens geen geldt gaat heeft hem hen het hier hij hoe hun iemand ieder
iets ik in is ja je kan kunnen maar meer met mogen moet moeten na naar niet niets nog nu of om onder ons ook
op over per te tegen tot u uit van veel voor vooraf waar wanneer wat welke wel worden wordt zal ze zelf zich
zij zijn zo zoals zonder zou zullen wij we jij jullie hun haar hen mijn onze uw ‘ ’ s
""".split())


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("dutch")


def words(text: str) -> list[str]:
    """The words of a text, lower case, apostrophes of "foto's" dropped."""
    return [w.replace("'", "").replace("’", "") for w in _WORD.findall(text.lower())]


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stop words), in order."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


@dataclass(frozen=True)
class TopicScore:
    topic: str
    score: float
    keywords: tuple[str, ...]  # the keywords that hit, for an explanation
    resemblance: float  # the cosine with the topic's profile


class TopicMatcher:
    """Ranks the topics of ``model`` for a text (see the module's description)."""

    def __init__(self, model: Model, leave_out: str | None = None) -> None:
        self.topics = list(model.topics)
        self.keywords = {
            topic: [(keyword, tuple(content_stems(keyword))) for keyword in model.keywords.get(topic, ())]
            for topic in self.topics
        }
        profiles = {topic: Counter(content_stems(title)) for topic, title in model.topics.items()}
        for rule in model.rules():
            if rule.id == leave_out:
                continue
            text = Counter(content_stems(f"{rule.title} {rule.text}"))
            for topic in rule.topics:
                if topic in profiles:
                    profiles[topic].update(text)
        documents = len(profiles)
        frequency = Counter(term for profile in profiles.values() for term in profile)
        self.idf = {term: math.log((1 + documents) / (1 + count)) + 1 for term, count in frequency.items()}
        self.profiles = {topic: self._unit(profile) for topic, profile in profiles.items()}

    def _unit(self, counts: Counter) -> dict[str, float]:
        vector = {term: (1 + math.log(n)) * self.idf.get(term, 0.0) for term, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {term: v / norm for term, v in vector.items()}

    def _keyword_score(self, stems: list[str], topic: str) -> tuple[float, tuple[str, ...]]:
        present = set(stems)
        total, hits = 0.0, []
        for keyword, parts in self.keywords[topic]:
            if not parts:
                continue
            if len(parts) == 1:
                part = parts[0]
                if part in present:
                    score = 1.0
                elif len(part) >= MIN_COMPOUND_PART and any(s != part and (s.endswith(part) or s.startswith(part)) for s in present):
                    score = COMPOUND_SCORE
                else:
                    continue
            elif any(tuple(stems[i:i + len(parts)]) == parts for i in range(len(stems) - len(parts) + 1)):
                score = float(len(parts))
            else:
                continue
            total += score
            hits.append(keyword)
        return total, tuple(hits)

    def rank(self, text: str) -> list[TopicScore]:
        """Every topic with its score, best first (ties in the model's order)."""
        stems = content_stems(text)
        vector = self._unit(Counter(stems)) if stems else {}
        ranked = []
        for topic in self.topics:
            keyword_score, hits = self._keyword_score(stems, topic)
            profile = self.profiles[topic]
            resemblance = sum(weight * profile.get(term, 0.0) for term, weight in vector.items())
            ranked.append(TopicScore(topic, keyword_score + TFIDF_WEIGHT * resemblance, hits, resemblance))
        order = {topic: index for index, topic in enumerate(self.topics)}
        return sorted(ranked, key=lambda s: (-s.score, order[s.topic]))

    def propose(self, text: str, limit: int = MAX_PROPOSALS) -> tuple[str, ...]:
        """Up to ``limit`` topics for a person to confirm; none when nothing scores enough."""
        ranked = self.rank(text)
        if not ranked or ranked[0].score < MIN_SCORE:
            return ()
        floor = max(MIN_SCORE, RELATIVE_FLOOR * ranked[0].score)
        return tuple(s.topic for s in ranked[:limit] if s.score >= floor)
