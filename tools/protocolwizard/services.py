"""What the terminal wizard (and any other interface) does, apart from asking: the cards and model it
works with, loading an answers file with Dutch errors, and making the outputs. ``cli`` and
``interview`` both call these; neither imports the other.

Answers made against an older model version (``basisversie``): ``maak`` and ``controleer`` read them against the
current model as long as every rule id they name still exists there, and say (``Let op``) that ``bijwerken`` shows
per rule what the newer model changed; a file naming an id the current model no longer has is refused with a hint
to run ``bijwerken``. Rendering with the old version instead would keep the team's exact base, but it would also
refuse the many files (hand-written, or of schema version 1, which counts as 2026.1) that already use the current
model's rules. The normalised answers ``maak`` writes keep the version the team decided against; only answers made
against the current model get their fingerprints filled in (:func:`stamp`). Answers with an open model-update
conflict are refused by the full check (``controleer`` and ``maak``, exit 2 with file, line and field); the
wizard's partial check reads them, to ask the team.

Exit codes: 0 done; 1 could not finish (an output file exists, no TeX for a PDF-only request, TeX failed);
2 the input is wrong (answers file, options) or the output cannot be written there; 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from kern.adres import check_url, published_url
from kern.loader import load_cards
from kern.taal import aantal
from protocol.model import Model, current_model, load_model
from protocol.schema import ValidationError, quote
from protocol.strict_yaml import YamlError, load_yaml

from .answers import Answers, Context, answers_text, base_path, dump_answers, load_answers, parse_answers
from .bijwerken import OWN_VERSION_PREFIX, base_version, fingerprint, protocol_version
from .draft import build_draft
from .files import FileProblem
from .opdracht import shell_command
from .output import ANSWERS_FILE, OutputError, shareable, write_outputs
from .sessies import Session, SessionProblem, combine, load_sessions, session_files

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130


def context(model: Model | None = None) -> Context:
    """The model that ships (or ``model``, a school board's own) and the card pages (HANDBOEK_KAARTEN or the
    shipped ones)."""
    return Context(model or current_model(), load_cards())


def load_model_checked(path: Path | None) -> Model | None:
    """``--model``: a model file checked like the one that ships (Dutch errors with file, line and field);
    ``None`` after saying why. Without a path: the model that ships."""
    if path is None:
        return current_model()
    try:
        model = load_model(path)
    except (ValidationError, YamlError) as error:
        say_refusal(path, error)
        return None
    except OSError as error:
        say_error(f"kan het model {path} niet lezen: {error.strerror or error}.")
        return None
    if model.is_imported:
        say_error(f"{path} is een ingelezen protocol van een school, geen model (het heeft een veld 'bron').")
        return None
    return model


def stamp(answers: Answers, model: Model) -> None:
    """Record the model version the answers are made against and, per decision, the fingerprint of the model
    text decided on (what ``bijwerken`` compares with a newer model). Answers made against an older version
    keep what they recorded: that is what the team decided on.

    Answers with a base (the school's own protocol, ``basis``) record the base's version and texts, never the
    model's: its ``modelversie`` if it names one, else a fingerprint of its rules (``sha256:…``,
    :func:`bijwerken.protocol_version`). A model version recorded for such answers before (a version 1 file, or a
    file written before this rule) is replaced: the base the answers name is the best knowledge of what they were
    made against."""
    if answers.base is not None:
        model = answers.base
    version = protocol_version(model) if answers.base is not None else model.version
    if not answers.base_version or (answers.base is not None and not model.version
                                    and not answers.base_version.startswith(OWN_VERSION_PREFIX)):
        answers.base_version = version
    if answers.base_version != version:
        return
    rules = {rule.id: rule for rule in model.rules()}
    for decision in answers.decisions:
        if decision.rule in rules:
            decision.fingerprint = fingerprint(rules[decision.rule].text)


def base_notice(answers: Answers, ctx: Context, path: Path) -> None:
    """Answers made against an older model: they are read with the current one (their rule ids all still exist);
    ``bijwerken`` shows per rule what the newer model changed. Answers on the school's own protocol: a note when
    that protocol changed since they were made (its rules are known by their position, so a decision may now
    name another rule); ``bijwerken --basis`` brings them to it."""
    if answers.base is not None:
        if answers.base_version.startswith(OWN_VERSION_PREFIX) and answers.base_version != protocol_version(answers.base):
            print(f"Let op: het eigen protocol {answers.basis} is veranderd sinds {path} is gemaakt. De besluiten noemen "
                  f"de regels bij hun plaats in het protocol; breng ze regel voor regel naar de nieuwe versie met: "
                  f"{shell_command('bijwerken', path, '--basis', 'NIEUW.yaml', '--basismodel', 'OUD.yaml')}",
                  file=sys.stderr)
        return
    if answers.base_version and ctx.model.version and answers.base_version != ctx.model.version:
        print(f"Let op: {path} is gemaakt met modelversie {answers.base_version}; het concept volgt modelversie "
              f"{ctx.model.version}. Wat het nieuwe model per regel veranderde, en waar dat botst met de besluiten "
              f"van het team, zie je met: {shell_command('bijwerken', path)}", file=sys.stderr)


def say_error(message: str) -> None:
    print(f"Fout: {message}", file=sys.stderr)


def say_refusal(path: Path, error: ValidationError | YamlError, note: str = "") -> None:
    """A file the checker refused: every problem with its file, line and field, in Dutch (``note`` after the count)."""
    if isinstance(error, YamlError):
        say_error(str(error))
        return
    say_error(f"{path} bevat {aantal(len(error.errors), 'fout', 'fouten')}{note}:")
    for problem in error.errors:
        print(f"  {problem}", file=sys.stderr)


def load_checked(path: Path, ctx: Context, *, partial: bool = False, notice: bool = True) -> Answers | None:
    try:
        answers = load_answers(path, ctx, partial=partial)
    except (ValidationError, YamlError) as error:
        say_refusal(path, error, _older_base_hint(path, ctx) if isinstance(error, ValidationError) else "")
        return None
    for warning in answers.warnings:
        print(f"Let op: {warning}", file=sys.stderr)
    if notice:
        base_notice(answers, ctx, path)
    return answers


def _older_base_hint(path: Path, ctx: Context) -> str:
    """For a refused file made against another model version (its rule ids may be that version's): how to
    bring it to the current one."""
    try:
        data = load_yaml(path).data
    except (YamlError, OSError):
        return ""
    if isinstance(data, dict) and isinstance(data.get("basis"), str) and data["basis"].strip():
        return _changed_base_hint(path, data)
    if isinstance(data, dict) and isinstance(data.get("versie"), int):
        version = base_version(data)
        if ctx.model.version and version != ctx.model.version:
            return (f" (het is gemaakt met modelversie {version}; breng het eerst naar modelversie "
                    f"{ctx.model.version} met: {shell_command('bijwerken', path)})")
    return ""


def _changed_base_hint(path: Path, data: dict) -> str:
    """For a refused file on an own protocol that changed since the file was made (its rule ids are the old
    version's): how to bring it to the new version."""
    recorded = data.get("basisversie")
    if not isinstance(recorded, str) or not recorded.startswith(OWN_VERSION_PREFIX):
        return ""
    try:
        current = protocol_version(load_model(base_path(data["basis"], str(path))))
    except (ValidationError, YamlError, OSError):
        return ""
    if current == recorded:
        return ""
    return (f" (het eigen protocol {quote(data['basis'])} is veranderd sinds dit bestand is gemaakt; breng het regel "
            f"voor regel naar de nieuwe versie met: "
            f"{shell_command('bijwerken', path, '--basis', 'NIEUW.yaml', '--basismodel', 'OUD.yaml')})")


class UnreadableAnswers(ValueError):
    """The answers would be written in a form the checker refuses (too large, say); Dutch message."""


def readable_answers(answers: Answers, ctx: Context, *, keep_asked: bool, partial: bool, source: str,
                     previous: str | None = None) -> str:
    """The answers as YAML, read back through the full check first: never write a file we would refuse.

    With ``keep_asked`` (the wizard's own file) and ``previous`` (that file as it stands, perhaps edited by
    hand), its comments and layout are kept (:func:`answers.answers_text`).
    """
    stamp(answers, ctx.model)
    text = answers_text(answers, previous) if keep_asked else dump_answers(answers, keep_asked=False)
    try:
        parse_answers(text, ctx, source, partial=partial)
    except (ValidationError, YamlError) as error:
        first = error.errors[0] if isinstance(error, ValidationError) else error
        raise UnreadableAnswers(
            f"{source} wordt niet geschreven, want het zou niet meer te lezen zijn ({first.message})"
        ) from None
    return text


def report_address(url: str | None, answers: Answers) -> str:
    """The handbook address for the change report's links: ``url`` (``--handboek``) if given, else the answers'
    ``handboek``, else the published address (HANDBOEK_URL); '' for none. Never this computer's own
    address (``make serve``) by default: the report goes to the (G)MR."""
    if url:
        return check_url(url)
    if answers.handboek:
        return check_url(answers.handboek)
    return published_url() or ""


def combined_sessions(paths: list[Path], ctx: Context) -> tuple[list[Session], Answers] | None:
    """Several sessions' answers files read and combined (:mod:`sessies`), or None after saying every problem
    with its file and line."""
    try:
        sessions = load_sessions(paths, ctx)
        answers = combine(sessions, ctx)
    except ValidationError as error:
        say_error(f"de antwoordbestanden bevatten {aantal(len(error.errors), 'fout', 'fouten')}:")
        for problem in error.errors:
            print(f"  {problem}", file=sys.stderr)
        return None
    except YamlError as error:
        say_error(str(error))
        return None
    except SessionProblem as error:
        say_error(f"de teamgesprekken kunnen niet samen één concept worden "
                  f"({aantal(len(error.problems), 'probleem', 'problemen')}):")
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return None
    for warning in answers.warnings:
        print(f"Let op: {warning}", file=sys.stderr)
    print(f"{aantal(len(sessions), 'teamgesprek', 'teamgesprekken')} samen: "
          f"{aantal(len(answers.decisions), 'besluit', 'besluiten')}, "
          f"{aantal(len(answers.new_rules or []), 'nieuwe regel', 'nieuwe regels')}.")
    return sessions, answers


def make_from_sessions(paths: list[Path], ctx: Context, folder: Path, formats: tuple[str, ...], overwrite: bool,
                       url: str) -> int:
    """Several sessions' answers files into one draft (:mod:`sessies`); every problem with its file and line."""
    combined = combined_sessions(paths, ctx)
    if combined is None:
        return EXIT_INPUT
    sessions, answers = combined
    return make_outputs(answers, ctx, folder, formats, overwrite, url, sessions=session_files(sessions),
                        sources=tuple(paths))


def relocated(answers: Answers, folder: Path) -> Answers:
    """The answers as they read from ``folder``: ``basis`` (relative to the answers file) points to the same file."""
    if answers.base is None:
        return answers
    base = answers.base.source.resolve()
    try:
        basis = os.path.relpath(base, Path(folder).resolve())
    except ValueError:  # another drive: no relative path
        basis = str(base)
    return replace(answers, basis=Path(basis).as_posix())


def make_outputs(answers: Answers, ctx: Context, folder: Path, formats: tuple[str, ...], overwrite: bool, url: str | None,
                 source: Path | None = None, sessions: list[tuple[str, Answers]] | None = None,
                 sources: tuple[Path, ...] = ()) -> int:
    """Write the draft; ``source`` is the answers file it came from, which is never overwritten.

    Several sessions combined (:mod:`sessies`): ``answers`` are the combined answers, ``sessions`` the name of each
    session's normalised copy with its answers, ``sources`` their files. The folder gets no private notes: they
    stay in ``source``.
    """
    texts: dict[str, str] = {}
    try:
        url = report_address(url, answers)
        for name, one in sessions or [(ANSWERS_FILE, answers)]:
            texts[name] = readable_answers(shareable(relocated(one, folder)), ctx, keep_asked=False, partial=False,
                                           source=str(Path(folder) / name))
    except ValueError as error:
        say_error(str(error))
        return EXIT_INPUT
    draft = build_draft(answers, ctx)
    print(f"Concept maken in {folder} ...")
    try:
        result = write_outputs(draft, answers, folder, formats, overwrite=overwrite, handboek_url=url, progress=print,
                               source=source, answers_texts=texts, sources=sources)
    except FileProblem as error:
        say_error(f"{error} Er is niets geschreven.")
        return EXIT_INPUT
    except OutputError as error:
        say_error(str(error))
        return EXIT_FAILED
    print(f"Klaar: {aantal(len(result.written), 'bestand', 'bestanden')} in {folder}.")
    if answers.notes and source is not None:
        print(f"Je notities staan niet in {folder}; ze blijven alleen in {source}.")
    if result.pdf_problem:
        print(f"Let op: {result.pdf_problem}")
        return EXIT_FAILED if formats == ("pdf",) or result.pdf_failed else EXIT_OK
    return EXIT_OK
