"""A school year, one draft: several team sessions (one answers file each) combined into one set of answers.

A team rarely discusses every card in one meeting; it takes a card per meeting and updates the protocol
once. ``protocolwizard maak S1.yaml S2.yaml ... --uitvoer MAP`` reads every file with the full check,
then :func:`combine` merges them:

- The sessions are taken in date order (files of the same date in the order given).
- They must be about the same school (name and sector) and start from the same base (the model, or the
  same own protocol named by ``basis``); otherwise a Dutch error names the files and lines.
- Decisions: a rule decided in one session keeps that decision. The same decision in a later session
  (the same choice, and for ``wijzigen`` the same text) confirms it. A different decision about the same
  rule is a conflict, reported with both files and lines, unless the later decision says ``herzien: true``:
  then the later session deliberately revises the earlier one and its decision counts. A rule a session
  left undecided (any state other than behouden, wijzigen or schrappen) conflicts with nothing.
- New rules of every session are added, in session order. Private notes are used by nothing.

Every decision and new rule of the result remembers the session(s) behind it, so the change report can
name the session (date, cards, file) behind each change.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from protocol.document import SessionView
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlDocument, YamlError, load_yaml

from . import steps
from .answers import Answers, Context, Decision, check
from .answers_schema import DISCUSSED

#: What counts as a decision when sessions are combined; any other state of a rule (such as "not discussed")
#: neither conflicts with a decision nor overrides one.
DECIDED = ("behouden", "wijzigen", "schrappen")
#: The normalised copy of each session's answers in the output folder: antwoorden-1-2026-09-14.yaml.
SESSION_FILE = "antwoorden-{nummer}-{datum}.yaml"


@dataclass(frozen=True)
class Session:
    """One answers file, checked, with the lines of its fields."""

    path: Path
    document: YamlDocument
    answers: Answers

    @property
    def day(self) -> str:
        return str(self.answers.session.get("datum") or "")

    def line(self, *field: str | int) -> str:
        """"sessie-2.yaml, regel 14": where a field of this file is, for a message."""
        line = self.document.line(tuple(field))
        return f"{self.path}, regel {line}" if line else str(self.path)

    def view(self, context: Context) -> SessionView:
        titles = {card.id: card.title for card in context.cards}
        return SessionView(
            day=self.day, leader=str(self.answers.session.get("gespreksleider") or "").strip(),
            cards=tuple(titles[c] for c in self.answers.cards if c in titles), file=self.path.name,
        )


class SessionProblem(ValueError):
    """The sessions cannot be combined (another school, another base, conflicting decisions); Dutch lines."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def load_session(path: Path, context: Context) -> Session:
    """Read and check one answers file (``ValidationError``/``YamlError`` as for ``maak`` with one file)."""
    document = load_yaml(path)
    return Session(Path(path), document, check(document, context))


def load_sessions(paths: list[Path], context: Context) -> list[Session]:
    """Every file checked; the errors of all files are raised together, each naming its file and line."""
    sessions, errors = [], []
    for index, path in enumerate(paths):
        if any(_same_file(path, earlier) for earlier in paths[:index]):
            raise SessionProblem([f"{path} staat twee keer in de lijst van antwoordbestanden."])
        try:
            sessions.append(load_session(path, context))
        except ValidationError as error:
            errors += error.errors
        except YamlError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return sessions


def _same_file(one: Path | None, other: Path | None) -> bool:
    if one is None or other is None:
        return one is other
    try:
        return os.path.samefile(one, other)
    except OSError:
        return Path(one).resolve() == Path(other).resolve()


def _school_key(answers: Answers) -> tuple[str, str]:
    name = " ".join(str(answers.school.get("naam") or "").split()).casefold()
    return name, str(answers.school.get("sector") or "")


def _check_same_school_and_base(sessions: list[Session]) -> list[str]:
    first, problems = sessions[0], []
    for other in sessions[1:]:
        if _school_key(other.answers) != _school_key(first.answers):
            problems.append(
                f"{other.line('school', 'naam')}: een andere school of sector "
                f"('{other.answers.school.get('naam')}', {other.answers.school.get('sector')}) dan in "
                f"{first.line('school', 'naam')} ('{first.answers.school.get('naam')}', "
                f"{first.answers.school.get('sector')}). Combineer alleen teamgesprekken van één school."
            )
        mine = first.answers.base.source if first.answers.base else None
        theirs = other.answers.base.source if other.answers.base else None
        if not _same_file(mine, theirs):
            problems.append(
                f"{_base_said(other)}, maar {_base_said(first)}. Alle teamgesprekken van één concept gaan uit van "
                "hetzelfde protocol (het veld 'basis')."
            )
        if other.answers.base_version != first.answers.base_version:
            problems.append(
                f"{other.line('basisversie')}: gemaakt met modelversie {other.answers.base_version or '?'}, maar "
                f"{first.line('basisversie')}: modelversie {first.answers.base_version or '?'}. Breng eerst alle "
                f"teamgesprekken naar dezelfde modelversie met: protocolwizard bijwerken BESTAND"
            )
    return problems


def _base_said(session: Session) -> str:
    """"sessie-2.yaml, regel 2: basis /pad/eigen-protocol.yaml", or that the file starts from the model."""
    base = session.answers.base
    if base is None:
        return f"{session.path}: het modelprotocol als basis"
    return f"{session.line('basis')}: basis {base.source}"


def _same(one: Decision, other: Decision) -> bool:
    if one.decision != other.decision:
        return False
    return one.decision != "wijzigen" or (one.text or "").split() == (other.text or "").split()


def _describe(decision: Decision) -> str:
    if decision.decision == "wijzigen":
        text = " ".join((decision.text or "").split())
        return f"wijzigen in '{text if len(text) <= 60 else text[:59] + '…'}'"
    return decision.decision


@dataclass
class _Decided:
    decision: Decision
    session: Session
    index: int  # its place in the session's list of decisions (for the line)


def combine(sessions: list[Session], context: Context) -> Answers:
    """The sessions' answers as one, in date order; raises :class:`SessionProblem` when they cannot be combined."""
    if not sessions:
        raise SessionProblem(["noem minstens één antwoordbestand."])
    ordered = sorted(sessions, key=lambda s: s.day)  # stable: the same date keeps the order given
    problems = _check_same_school_and_base(ordered)
    views = {id(s): s.view(context) for s in ordered}
    decided: dict[str, _Decided] = {}
    warnings: list[str] = [w for s in ordered for w in s.answers.warnings]
    for session in ordered:
        for index, decision in enumerate(session.answers.decisions):
            earlier = decided.get(decision.rule)
            here = views[id(session)]
            if earlier is not None and decision.decision not in DECIDED:
                continue  # a later session that did not decide leaves the earlier decision as it is
            if earlier is not None and earlier.decision.decision not in DECIDED:
                earlier = None  # an earlier session that did not decide: this decision is the first
            if earlier is None:
                if decision.revised and decision.rule not in decided:
                    warnings.append(f"{session.line('besluiten', index, 'herzien')}: 'herzien' staat bij regel "
                                    f"'{decision.rule}', maar geen eerder teamgesprek besloot over die regel.")
                decided[decision.rule] = _Decided(replace(decision, sessions=(here,)), session, index)
            elif _same(earlier.decision, decision):
                merged = earlier.decision
                decided[decision.rule] = _Decided(replace(
                    merged, sessions=merged.sessions + (here,), reason=merged.reason or decision.reason,
                    kwestie=merged.kwestie or decision.kwestie,
                ), earlier.session, earlier.index)
            elif decision.revised:
                decided[decision.rule] = _Decided(
                    replace(decision, sessions=(here,), revises=earlier.decision.sessions), session, index)
            else:
                problems.append(
                    f"tegenstrijdige besluiten over regel '{decision.rule}': "
                    f"{earlier.session.line('besluiten', earlier.index, 'besluit')}: {_describe(earlier.decision)}; "
                    f"{session.line('besluiten', index, 'besluit')}: {_describe(decision)}. Maak ze gelijk, of zet "
                    f"bij het latere besluit 'herzien: true' als het team het eerdere besluit bewust herziet."
                )
    if problems:
        raise SessionProblem(problems)
    latest = ordered[-1].answers
    cards = list(dict.fromkeys(card for s in ordered for card in s.answers.cards))
    # A kwestie discussed in any session is discussed; the state of each kwestie as each session gives it.
    states: dict[str, str] = {}
    for s in ordered:
        for kwestie_id in set(s.answers.kwesties) | set(s.answers.notes) | {
                d.kwestie for d in s.answers.decisions if d.kwestie} | {
                r.kwestie for r in s.answers.new_rules or [] if r.kwestie}:
            state = steps.kwestie_state(s.answers, kwestie_id)
            if state and states.get(kwestie_id) != DISCUSSED:
                states[kwestie_id] = state
    handboek = next((s.answers.handboek for s in reversed(ordered) if s.answers.handboek), None)
    return Answers(
        school=_school(ordered),
        session={**latest.session, "kaarten": cards},
        decisions=[entry.decision for entry in decided.values()],
        new_rules=[replace(rule, sessions=(views[id(s)],)) for s in ordered for rule in s.answers.new_rules or []],
        notes={},
        warnings=warnings,
        handboek=handboek,
        kwesties=states,
        base_version=latest.base_version,
        basis=latest.basis,
        base=latest.base,
        sessions=tuple(views[id(s)] for s in ordered),
    )


def _school(ordered: list[Session]) -> dict:
    """The school's particulars: what the latest session says, and what only an earlier one says."""
    school: dict = {}
    for session in ordered:
        school.update({key: value for key, value in session.answers.school.items() if value not in (None, "", {})})
    return school


def session_files(sessions: list[Session]) -> list[tuple[str, Answers]]:
    """The name of each session's normalised copy in the output folder, with its answers, in date order."""
    ordered = sorted(sessions, key=lambda s: s.day)
    return [(SESSION_FILE.format(nummer=n, datum=s.day), s.answers) for n, s in enumerate(ordered, 1)]
