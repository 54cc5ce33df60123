"""Where a new session starts: the model, the school's own protocol (Tip 1), or an earlier session.

The terminal wizard calls :func:`start_step` once, before its first question, for a new answers file:

- **eigen protocol gebruiken**: a Word (.docx) or Markdown file is imported with the existing import
  code (``protocol.eigen_protocol``) to a YAML file next to the answers file; a YAML file made by
  ``importeer`` is used as it is. Proposed topics can be confirmed right away (they decide which of the
  school's rules the wizard shows per kwestie). The answers then name it as ``basis``.
- **verder vanaf een eerdere sessie**: a new answers file for the same school, with the school's
  particulars and the base copied from an earlier answers file; the decisions are not copied (each
  session file holds its own; ``protocolwizard maak S1.yaml S2.yaml`` combines them).

The choice is offered when the answers file's folder holds something to start from (a Word file, an
imported protocol, an earlier answers file), or comes from ``protocolwizard start --basis`` / ``--vanaf``.
"""

from __future__ import annotations

import copy
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kern.taal import aantal
from protocol.eigen_protocol import (
    ImportProblem, confirm_proposals, dump_protocol, import_protocol, protocol_data,
)
from protocol.model import load_model
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError, parse_yaml, read_limited

from .answers import Answers, Context, load_answers
from .files import FileProblem, atomic_write, exists
from .opdracht import shell_command

OWN, EARLIER = "eigen", "eerder"
IMPORTED_NAME = "eigen-protocol.yaml"
#: More files than this in the folder are not looked into for a start (a download folder, say).
MAX_CANDIDATES = 40

QUESTION = "Waarmee begint dit teamgesprek?"
FROM_MODEL = "Met het modelprotocol van het handboek"


def hint() -> str:
    return ("Heeft de school een eigen protocol, of is er al een eerder teamgesprek? Begin dan met: "
            f"{shell_command('start', '--basis', 'ons-protocol.docx')}, of: "
            f"{shell_command('start', '--vanaf', 'sessie-1.yaml')}")


@dataclass(frozen=True)
class Start:
    kind: str  # MODEL, OWN or EARLIER
    path: Path | None  # None: ask for the path


MODEL = "model"


class StartProblem(FileProblem):
    """The chosen file cannot be a start; the message is Dutch."""


def relative(target: Path, answers_path: Path) -> str:
    """``target`` as ``basis`` in the answers file at ``answers_path`` says it: relative to that file's folder."""
    try:
        return Path(os.path.relpath(Path(target).resolve(), Path(answers_path).parent.resolve())).as_posix()
    except ValueError:  # another drive
        return str(Path(target).resolve())


def _free_name(folder: Path) -> Path:
    target = folder / IMPORTED_NAME
    number = 2
    while exists(target):
        target = folder / f"eigen-protocol-{number}.yaml"
        number += 1
    return target


def _open_proposals(data: dict) -> int:
    return sum(1 for chapter in data["hoofdstukken"] for rule in chapter["regels"]
               if rule.get("onderwerpen_voorstel") and not rule.get("onderwerpen"))


def use_own_protocol(source: Path, answers_path: Path, context: Context,
                     confirm: Callable[[str], bool], say: Callable[[str], None]) -> Answers:
    """New answers whose base is the school's own protocol at ``source`` (.docx or .md imported first)."""
    source = Path(source)
    if source.suffix.lower() in (".yaml", ".yml"):
        try:
            protocol = load_model(source, topics_from=context.model)
        except (ValidationError, YamlError) as error:
            raise StartProblem(str(error)) from None
        if not protocol.is_imported:
            raise StartProblem(f"{source} is geen ingelezen protocol (het veld 'bron' ontbreekt). Kies het Word-bestand "
                               f"zelf, of lees het eerst in met: {shell_command('importeer', source)}")
        target, data = source, protocol_data(protocol, source)
    else:
        try:
            imported = import_protocol(source, context.model)
        except ImportProblem as error:
            raise StartProblem(str(error)) from None
        target, data = _free_name(answers_path.parent), imported.data
        say(f"Ingelezen: {source} -> {target} ({aantal(imported.rule_count, 'regel', 'regels')}).")
        for note in imported.notes:
            say(f"Let op: {note}")
        atomic_write(target, dump_protocol(data, target.name))
    proposals = _open_proposals(data)
    if proposals and confirm(
        f"Bij {aantal(proposals, 'regel', 'regels')} stelt de wizard onderwerpen van het modelprotocol voor; daarmee "
        "toont hij per kwestie de regels van de school die erbij horen. Voorstellen nu bevestigen? (Je kunt ze later "
        f"in {target.name} aanpassen.)"
    ):
        confirm_proposals(data)
        atomic_write(target, dump_protocol(data, target.name))
    elif proposals:
        say(f"Bevestig de onderwerpen later met: {shell_command('importeer', '--bevestig', target)}")
    base = load_model(target, topics_from=context.model)
    return Answers(basis=relative(target, answers_path), base=base)


def continue_from(earlier: Path, answers_path: Path, context: Context) -> Answers:
    """New answers for the same school as ``earlier``: its school particulars and base, no decisions."""
    try:
        previous = load_answers(earlier, context, partial=True)
    except (ValidationError, YamlError) as error:
        raise StartProblem(str(error)) from None
    return Answers(
        school=copy.deepcopy(previous.school),
        basis=relative(previous.base.source, answers_path) if previous.base else None,
        base=previous.base,
    )


def make_start(start: Start, answers_path: Path, context: Context, confirm: Callable[[str], bool],
               say: Callable[[str], None]) -> Answers:
    if start.path is None or not Path(start.path).is_file():
        raise StartProblem(f"{start.path} bestaat niet of is geen bestand.")
    if start.kind == OWN:
        return use_own_protocol(start.path, answers_path, context, confirm, say)
    return continue_from(start.path, answers_path, context)


def _kind_of(path: Path) -> str | None:
    """OWN for a Word file or an imported protocol, EARLIER for an answers file, None for anything else."""
    suffix = path.suffix.lower()
    if suffix == ".docx" and not path.name.startswith("~$"):  # "~$..." is Word's lock file
        return OWN
    if suffix not in (".yaml", ".yml"):
        return None
    try:
        data = parse_yaml(read_limited(path), str(path)).data
    except (YamlError, OSError, ValueError):
        return None
    if isinstance(data, dict) and "bron" in data and "hoofdstukken" in data:
        return OWN
    if isinstance(data, dict) and "school" in data and "sessie" in data:
        return EARLIER
    return None


def candidates(answers_path: Path) -> list[tuple[str, Start]]:
    """What the answers file's folder offers to start from, as (label, start) for the wizard's question."""
    folder = answers_path.parent
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".docx", ".yaml", ".yml"))
    except OSError:
        return []
    if len(files) > MAX_CANDIDATES:
        return []
    options = []
    for path in files:
        if path.name == answers_path.name:
            continue
        kind = _kind_of(path)
        if kind == OWN:
            options.append((f"Met het eigen protocol van de school: {path.name}", Start(OWN, path)))
        elif kind == EARLIER:
            options.append((f"Verder vanaf een eerder teamgesprek: {path.name} (schoolgegevens en basis overnemen)",
                            Start(EARLIER, path)))
    return options


def start_step(interview) -> bool:
    """Before the first question of a new answers file: ask where it starts (see the module); True when the
    answers now start from an own protocol or an earlier session (they are saved)."""
    if interview.text is not None or interview.answers.school or interview.answers.basis:
        return False  # resuming, or already started
    prompts = interview.prompts
    start = getattr(interview, "start", None)
    if start is None:
        options = candidates(interview.path)
        if not options:
            prompts.say(hint())
            return False
        options += [("Met het eigen protocol van de school uit een ander bestand (.docx of .yaml)", Start(OWN, None)),
                    ("Verder vanaf een ander eerder antwoordbestand", Start(EARLIER, None))]
    while True:
        if start is None:
            start = prompts.select(QUESTION, [(FROM_MODEL, Start(MODEL, None))] + options, default=Start(MODEL, None))
            if start.kind == MODEL:
                return False
        if start.path is None:
            typed = prompts.text("Pad van het bestand:", required=True)
            start = Start(start.kind, Path(typed).expanduser())
        try:
            answers = make_start(start, interview.path, interview.context,
                                 lambda question: prompts.yes_no(question, default=True), prompts.say)
        except StartProblem:
            if getattr(interview, "start", None) is not None:
                raise  # named on the command line: the wizard stops with the error (code 2)
            prompts.say(f"Fout: {sys.exc_info()[1]}")
            start = None
            continue
        interview.answers = answers
        interview.save()
        what = "het eigen protocol" if answers.base else "het modelprotocol"
        prompts.say(f"De besluiten van dit teamgesprek gaan over {what}"
                    + (f" ({answers.basis})." if answers.basis else "."))
        return True
