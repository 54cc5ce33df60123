"""Re-apply a school's answers to a newer version of the model, rule by rule (``protocolwizard bijwerken``).

Pure functions over data: :func:`update` takes the answers (as the plain data of the answers file,
checked against the model they were made against), that old model and the new one, and returns the
updated answers and what happened to every rule. It reads no file and writes none; the command
(:mod:`protocolwizard.cli`) finds the models, checks the result and writes it with the report
(:mod:`protocol.bijwerkverslag`).

Per rule a three-way comparison between the old model text, the new model text and the team's decision.
Whether the model changed a rule is decided by fingerprints (:func:`fingerprint`): the one the answers
file recorded for the text the team decided on, or else that of the old model's text, against that of the
new text. So an answers file made against a model that is not kept here (a school board's own) still
updates correctly for every rule it recorded a fingerprint for.

- kept (or not discussed), the model changed it: the new text is taken (:data:`TAKEN`);
- changed by the team, the model did not: the team's text stays (:data:`OWN`);
- changed by both: a conflict (:data:`CONFLICT`), recorded in the decision's ``conflict`` block with the new
  text and the model's reason; ``maak`` refuses the file until the team decides (:func:`resolve`);
- removed by the team, changed by the model: a conflict as well (:data:`REMOVED_CHANGED`);
- kept or changed by the team, removed by the model (or no longer for the school's sector):
  nothing is lost, the rule becomes one of the team's own new rules, flagged for a decision (:data:`DROPPED`);
- new in the model: listed and included (:data:`NEW`); removed and not discussed: listed (:data:`GONE`);
- renamed or split rules (``vervangen`` in the change log, one old id to one or more new ids) are followed;
  a team's own text of a split rule goes with the first part (a conflict when the text changed), the other
  parts come from the model.

Every version of the model's change log between the two versions is used when the versions in between are
available (:func:`rename_map` over the chain); the old texts come from the old model (a version kept in
the package, ``protocol.model.MODELS_DIR``, or a file the school names), never from the internet or git.

**A school's own protocol** (answers with ``basis``, ``protocolwizard bijwerken --basis``) is updated the same
way, with the protocol the answers name as the old one and a newer import as the new one. An imported protocol
has no change log, and its ids are generated from the position (``regel-<hoofdstuk>-<n>``,
:mod:`protocol.import_blocks`): editing a rule's words keeps its id, but inserting or removing a paragraph shifts
the ids after it, so the same id may name another rule in the new import. :func:`align` therefore matches the
rules by their text, never by id: first the unchanged texts in their order (``difflib.SequenceMatcher`` over the
texts), then each remaining old rule with the most similar remaining new one whose word similarity
(``SequenceMatcher.ratio`` over the words, title and text) is at least :data:`SIMILAR` (a reworded rule); what is
left was removed or is new. The result is a rename map, so decisions follow their rule. An imported protocol has
no version number unless it names one (``modelversie``); its version is then a fingerprint of its rules
(:func:`protocol_version`), so confirming topics does not change it and any edit to a rule does.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, Sequence

from protocol.bijwerkverslag import (
    CASES, CONFLICT, CONFLICTS, DROPPED, GONE, MOVED, NEW, OWN, REMOVED_CHANGED, RENAMED, TAKEN, RuleUpdate, UpdateReport,
)
from protocol.model import SECTORS, Model

from . import answers_schema
from .answers import Decision

# How the team resolves a conflict (the wizard's choices).
KEEP_OURS, TAKE_MODEL, NEW_TEXT = "ons", "model", "nieuw"


def fingerprint(text: str) -> str:
    """A short fingerprint of a rule text; layout (spaces, line breaks) does not count."""
    digest = hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
    return f"sha256:{digest[:16]}"


#: Two rules of an own protocol whose words are at least this similar (``difflib.SequenceMatcher.ratio`` over
#: the words of title and text, lower case) are one rule reworded. Measured with benchmarks/bijwerken_gelijkenis.py
#: (101 rules: the model's and the school rules in tests/fixtures/eigen): of 5050 pairs of different rules one
#: scores 0.70 (two sector variants of one model rule), the next 0.54; of the 17 rules the model itself reworded
#: between its versions 16 score 0.6 or more (lowest 0.59, median 0.86). Exact matches are made first, and the
#: most similar pair wins, so a variant is only chosen when its own rule is gone.
SIMILAR = 0.6


#: How the version of an own protocol without ``modelversie`` starts (it is a :func:`fingerprint`).
OWN_VERSION_PREFIX = "sha256:"


def protocol_version(model: Model) -> str:
    """The version answers record for their base: the model's version, or for an imported protocol without one
    a fingerprint of its rules (ids, titles and texts in order; topics and layout do not count)."""
    if model.version:
        return model.version
    return fingerprint("\n".join(f"{rule.id}\t{rule.title}\t{rule.text}" for rule in model.rules()))


def _words(rule) -> list[str]:
    return f"{rule.title} {rule.text}".lower().split()


def align(old: Model, new: Model, threshold: float = SIMILAR) -> dict[str, tuple[str, ...]]:
    """Old rule id -> the id of the same rule in ``new`` (``()`` when it is gone), matched by text (see above)."""
    old_rules, new_rules = list(old.rules()), list(new.rules())
    old_keys = [" ".join(_words(rule)) for rule in old_rules]
    new_keys = [" ".join(_words(rule)) for rule in new_rules]
    pairs: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            pairs[block.a + offset] = block.b + offset
    left = [i for i in range(len(old_rules)) if i not in pairs]
    taken = set(pairs.values())
    right = [j for j in range(len(new_rules)) if j not in taken]
    words = {("o", i): _words(old_rules[i]) for i in left} | {("n", j): _words(new_rules[j]) for j in right}
    scored = []
    for i in left:
        compare = difflib.SequenceMatcher(None, autojunk=False)
        compare.set_seq2(words[("o", i)])
        for j in right:
            compare.set_seq1(words[("n", j)])
            if compare.real_quick_ratio() >= threshold and compare.quick_ratio() >= threshold:
                ratio = compare.ratio()
                if ratio >= threshold:
                    scored.append((-ratio, i, j))
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, i, j in sorted(scored):  # the most similar pair first; ties in document order
        if i not in used_old and j not in used_new:
            pairs[i] = j
            used_old.add(i)
            used_new.add(j)
    return {rule.id: ((new_rules[pairs[i]].id,) if i in pairs else ()) for i, rule in enumerate(old_rules)}


@dataclass(frozen=True)
class Update:
    """The updated answers (the data of an answers file) and the report of what happened to every rule."""

    data: dict
    report: UpdateReport
    up_to_date: bool = False  # the answers were already made against the new model


def base_version(data: dict) -> str:
    """The model version answers were made against (a file that names none: the first model)."""
    value = data.get("basisversie")
    return value.strip() if isinstance(value, str) and value.strip() else answers_schema.FIRST_MODEL_VERSION


def rename_map(chain: Sequence[Model]) -> dict[str, tuple[str, ...]]:
    """Old id -> the ids that replace it, following the change logs of ``chain`` (oldest change log first)."""
    current: dict[str, tuple[str, ...]] = {}
    for model in chain:
        replaced: dict[str, list[str]] = {}
        for change in model.changes:
            if change.kind == "vervangen":
                replaced.setdefault(change.old_id, []).append(change.rule_id)
        for old_id, ids in list(current.items()):
            current[old_id] = tuple(n for i in ids for n in replaced.get(i, [i]))
        for old_id, ids in replaced.items():
            current.setdefault(old_id, tuple(ids))
    return current


def _reason(chain: Sequence[Model], rule_id: str, old_id: str = "") -> str:
    """The newest change-log reason about ``rule_id`` (or, for a removed rule, about ``old_id``); a rule that
    stays but no longer applies to the school's sector has its reason under its own id."""
    for model in reversed(chain):
        for change in model.changes:
            if (rule_id and change.rule_id == rule_id) or (old_id and change.kind == "geschrapt" and change.old_id == old_id):
                return change.reason
    return ""


def _same(one: str, other: str) -> bool:
    return one.split() == other.split()


def _chapter_for(old_chapter: str, old: Model, new: Model, renames: dict[str, tuple[str, ...]], own: bool = False) -> str:
    """The chapter of the new model that holds most of an old chapter's rules (else the last chapter). In an own
    protocol chapter ids follow the position too: the chapter with the same title, else the one that holds most
    of its rules."""
    new_chapters = {c.id for c in new.chapters}
    if own:
        title = next((c.title for c in old.chapters if c.id == old_chapter), None)
        same = [c.id for c in new.chapters if title and c.title == title]
        if same:
            return same[0]
    elif old_chapter in new_chapters:
        return old_chapter
    new_ids = {r.id for r in new.rules()}
    votes: Counter[str] = Counter()
    try:
        rules = old.chapter(old_chapter).rules
    except KeyError:
        rules = ()
    for rule in rules:
        for target in renames.get(rule.id, (rule.id,)):
            if target in new_ids:
                votes[new.chapter_of(target).id] += 1
    if votes:
        return max(new.chapters, key=lambda c: votes[c.id]).id  # ties: the earlier chapter
    return new.chapters[-1].id if new.chapters else old_chapter


def _text_of(item: dict, key: str) -> str:
    value = item.get(key)
    return value.strip() if isinstance(value, str) else ""


def update(data: dict, old: Model, new: Model, chain: Sequence[Model] = (), *, basis: str | None = None) -> Update:
    """The answers ``data`` (made against ``old``) brought to ``new``; ``chain``: the models from the one after
    ``old`` up to ``new`` whose change logs lead there (default: ``new`` alone).

    With ``basis`` (the path of ``new`` as the updated answers name it), ``old`` and ``new`` are versions of the
    school's own protocol: rules are matched by text (:func:`align`) and the answers name ``new`` as their base."""
    chain = tuple(chain) or (new,)
    school = data.get("school") if isinstance(data.get("school"), dict) else {}
    name = _text_of(school, "naam")
    sector = school.get("sector") if school.get("sector") in SECTORS else None
    own_base = basis is not None
    version = protocol_version(old) if own_base else base_version(data)
    new_version = protocol_version(new) if own_base else new.version
    if version == new_version:  # an own protocol imported again unchanged: the answers name the new file
        same = {**copy.deepcopy(data), **({"basis": basis, "basisversie": new_version} if own_base else {})}
        return Update(same, UpdateReport(name, version, new_version, own=own_base), up_to_date=True)

    renames = align(old, new) if own_base else rename_map(chain)
    old_ids = {r.id: r for r in old.rules()}
    new_rules = {r.id: r for r in new.rules()}
    predecessors: dict[str, list[str]] = {}
    for old_id in old_ids:
        for target in renames.get(old_id, (old_id,)):
            predecessors.setdefault(target, []).append(old_id)

    def targets(old_id: str) -> list[str]:
        return [t for t in renames.get(old_id, (old_id,)) if t in new_rules and new_rules[t].applies_to(sector)]

    items: list[RuleUpdate] = []
    decisions: list[dict] = []
    own_rules: list[dict] = []
    handled: set[str] = set()
    decided: set[str] = set()
    for item in data.get("besluiten") or []:
        old_id, choice = item.get("regel"), item.get("besluit")
        decided.add(old_id)
        old_rule = old_ids.get(old_id)
        if old_rule is None:  # not a rule of the old model: kept as it is where the new model has it
            if old_id in new_rules:
                decisions.append(copy.deepcopy(item))
                handled.add(old_id)
            continue
        team_text, team_reason = _text_of(item, "tekst"), _text_of(item, "toelichting")
        found = targets(old_id)
        if not found:
            if choice in ("behouden", "wijzigen"):
                chapter = _chapter_for(old.chapter_of(old_id).id, old, new, renames, own_base)
                own_rules.append({key: value for key, value in (
                    ("hoofdstuk", chapter), ("titel", old_rule.title[:answers_schema.MAX_NAME]),
                    ("tekst", team_text if choice == "wijzigen" and team_text else old_rule.text),
                    ("toelichting", item.get("toelichting")), ("kwestie", item.get("kwestie")),
                ) if value not in (None, "")})
                items.append(RuleUpdate(DROPPED, "", old_id, old_rule.title, old_rule.text, "", team_text, choice,
                                        _reason(chain, old_id, old_id), team_reason, chapter))
            else:
                items.append(RuleUpdate(GONE, "", old_id, old_rule.title, old_rule.text, decision=choice or "",
                                        reason=_reason(chain, old_id, old_id), team_reason=team_reason))
            continue
        base = item.get("vingerafdruk") if isinstance(item.get("vingerafdruk"), str) else fingerprint(old_rule.text)
        split = len(found) > 1
        for index, target in enumerate(found):
            rule = new_rules[target]
            handled.add(target)
            changed = base != fingerprint(rule.text)
            renamed = target != old_id
            reason = _reason(chain, target)
            result = {key: value for key, value in copy.deepcopy(item).items() if key != "conflict"}
            result.update(regel=target, vingerafdruk=fingerprint(rule.text))
            entry = RuleUpdate("", target, old_id, rule.title, old_rule.text, rule.text, team_text, choice or "",
                               reason, team_reason, split=split)
            if choice == "wijzigen" and index > 0:  # the team's text goes with the first part of a split rule
                items.append(_with(entry, TAKEN, decision="", team_text=""))
                continue
            conflicting = changed and (choice == "schrappen" or (choice == "wijzigen" and not _same(team_text, rule.text)))
            if conflicting:
                result["conflict"] = {key: value for key, value in (
                    ("modelversie", new_version), ("modeltekst", rule.text), ("reden", reason),
                    ("vorige_modeltekst", old_rule.text)) if value}
                items.append(_with(entry, CONFLICT if choice == "wijzigen" else REMOVED_CHANGED))
            elif choice == "wijzigen":
                items.append(_with(entry, OWN))
            elif changed and choice != "schrappen":
                items.append(_with(entry, TAKEN))
            elif renamed:
                items.append(_with(entry, RENAMED))
            elif isinstance(item.get("conflict"), dict) and not changed:
                result["conflict"] = copy.deepcopy(item["conflict"])  # still open from an earlier update
            decisions.append(result)

    for rule in new.rules():
        if rule.id in handled or not rule.applies_to(sector):
            continue
        before = [old_ids[o] for o in predecessors.get(rule.id, []) if old_ids[o].applies_to(sector)]
        reason = _reason(chain, rule.id)
        if not before:
            items.append(RuleUpdate(NEW, rule.id, title=rule.title, new_text=rule.text, reason=reason))
            continue
        previous = before[0]
        if not _same(previous.text, rule.text):
            items.append(RuleUpdate(TAKEN, rule.id, previous.id, rule.title, previous.text, rule.text, reason=reason,
                                    split=len(renames.get(previous.id, ())) > 1))
        elif previous.id != rule.id:
            items.append(RuleUpdate(RENAMED, rule.id, previous.id, rule.title, previous.text, rule.text, reason=reason))

    for old_rule in old.rules():
        if old_rule.id not in decided and old_rule.applies_to(sector) and not targets(old_rule.id):
            items.append(RuleUpdate(GONE, "", old_rule.id, old_rule.title, old_rule.text,
                                    reason=_reason(chain, old_rule.id, old_rule.id)))

    result = {key: copy.deepcopy(value) for key, value in data.items()}
    result["versie"] = answers_schema.SCHEMA_VERSION
    result["basisversie"] = new_version
    if own_base:
        result["basis"] = basis
    if "besluiten" in data or decisions:
        result["besluiten"] = decisions
    chapters = {c.id for c in new.chapters}
    kept_rules = []
    for own in data.get("nieuwe_regels") or []:
        own = copy.deepcopy(own)
        moved_to = _chapter_for(own.get("hoofdstuk", ""), old, new, renames, own_base)
        if own.get("hoofdstuk") not in chapters or (own_base and moved_to != own.get("hoofdstuk")):
            chapter = moved_to
            items.append(RuleUpdate(MOVED, "", title=_text_of(own, "titel"), team_text=_text_of(own, "tekst"),
                                    team_reason=_text_of(own, "toelichting"), chapter=chapter,
                                    old_id=own.get("hoofdstuk", "")))
            own["hoofdstuk"] = chapter
        kept_rules.append(own)
    if "nieuwe_regels" in data or own_rules:
        result["nieuwe_regels"] = kept_rules + own_rules
    order = {case: index for index, case in enumerate(CASES)}
    ordered = sorted(items, key=lambda entry: order[entry.case])  # stable: model order within a case
    return Update(result, UpdateReport(name, version, new_version, tuple(ordered), own=own_base))


def _with(entry: RuleUpdate, case: str, **changes: Any) -> RuleUpdate:
    return replace(entry, case=case, **changes)


# Resolving a conflict ------------------------------------------------------------------------

def resolve(decision: Decision, choice: str, text: str = "") -> Decision:
    """The decision once the team chose: keep its own (``ons``), take the model's (``model``) or a new text."""
    if decision.conflict is None:
        return decision
    resolved = copy.copy(decision)
    resolved.conflict = None
    if choice == TAKE_MODEL:
        resolved.decision, resolved.text = "behouden", None
    elif choice == NEW_TEXT:
        resolved.decision, resolved.text = "wijzigen", text
    elif choice != KEEP_OURS:
        raise ValueError(choice)
    return resolved


CONFLICT_QUESTION = "Wat kiest het team?"


def conflict_lines(decision: Decision, model: Model) -> list[str]:
    """What the wizard shows about one conflict: the rule, both texts and the model's reason."""
    conflict = decision.conflict or {}
    try:
        title = model.rule(decision.rule).title
    except KeyError:
        title = ""
    team = "het team schrapte deze regel" if decision.decision == "schrappen" else (decision.text or "")
    own = model.is_imported
    against = "het nieuwe eigen protocol" if own else f"modelversie {conflict.get('modelversie', '')}"
    lines = [f"Conflict met {against}: regel {decision.rule}" + (f" ({title})" if title else ""),
             f"  Het team: {team}",
             f"  {'Het nieuwe eigen protocol' if own else 'Het nieuwe model'}: {conflict.get('modeltekst', '')}"]
    if conflict.get("reden"):
        lines.append(f"  Waarom het model veranderde: {conflict['reden']}")
    return lines


def conflict_choices(decision: Decision) -> list[tuple[str, str]]:
    ours = ("De regel geschrapt houden" if decision.decision == "schrappen"
            else "De tekst van het team houden")
    own = str((decision.conflict or {}).get("modelversie", "")).startswith(OWN_VERSION_PREFIX)
    theirs = "De tekst van het nieuwe eigen protocol overnemen" if own else "De tekst van het nieuwe model overnemen"
    return [(ours, KEEP_OURS), (theirs, TAKE_MODEL),
            ("Een nieuwe tekst schrijven", NEW_TEXT)]


def open_conflicts(decisions: Sequence[Decision]) -> list[Decision]:
    """The decisions with a model-update conflict the team has not resolved yet."""
    return [decision for decision in decisions if decision.conflict]


__all__ = [
    "CASES", "CONFLICT", "CONFLICTS", "DROPPED", "GONE", "MOVED", "NEW", "OWN", "REMOVED_CHANGED", "RENAMED", "TAKEN",
    "RuleUpdate", "UpdateReport", "Update", "align", "base_version", "fingerprint", "open_conflicts", "protocol_version", "rename_map", "resolve", "update",
]
