"""The ``protocolwizard`` command: start (interactive), maak, controleer, leeg.

Exit codes: 0 done; 1 could not finish (an output file exists, no TeX for a
PDF-only request); 2 the input is wrong (answers file, options) or the output cannot be written
there (no permission, disk full, not a folder, not a regular file); 130 interrupted.
Messages are Dutch and never a Python traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

import yaml

from kern.adres import LOCAL_URL, check_url, handbook_url
from kern.kaartformaat import CardFormatError
from kern.taal import aantal
from protocol import teksten
from protocol.bijwerkverslag import CASES, render_update
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError, load_yaml

from . import arguments_nl  # noqa: F401  (Dutch messages for argparse)
from .empty_file import empty_answers_file
from .files import FileProblem, atomic_write, describe, exists, same_file, write_all
from .opdracht import command, shell_command
from .output import FORMATS, OutputError, parse_formats
from .answers import base_path, check, load_answers, parse_answers, to_data
from .bijwerken import OWN_VERSION_PREFIX, base_version, protocol_version, update
from .modelversies import chain, kept_version, version_key, versions_folder
from .web.server import add_web_command, run_web
from .services import (
    EXIT_FAILED, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, combined_sessions, context, load_checked as _load,
    load_model_checked, make_from_sessions, make_outputs, readable_answers, say_error as _error, say_refusal,
)

DESCRIPTION = """\
Maak na een teamgesprek met de discussiekaarten een concept van het
socialemediaprotocol van je school: per regel van het modelprotocol
behouden, wijzigen of schrappen, en nieuwe regels toevoegen. Alles blijft op
deze computer; er wordt niets verstuurd.
"""

#: The examples under ``--help``; ``{pw}`` is how to call the wizard here (:func:`opdracht.command`).
EPILOG = """\
voorbeelden:
  {pw}                                  de vragen stap voor stap beantwoorden
  {pw} start --hervat antwoorden.yaml   verdergaan waar je gebleven was
  {pw} leeg antwoorden.yaml             een leeg antwoordbestand om zelf in te vullen
  {pw} controleer antwoorden.yaml       alleen controleren
  {pw} maak antwoorden.yaml --uitvoer concept --formaat md,docx
  {pw} maak sessie-1.yaml sessie-2.yaml --uitvoer concept   meer teamgesprekken, één concept
  {pw} bijwerken antwoorden.yaml        de antwoorden naar de nieuwste versie van het model brengen
  {pw} web                              de wizard in de browser (http://127.0.0.1:8765/)
"""

MODEL_HELP = ("een ander model dan het meegeleverde, bijvoorbeeld het eigen model van het schoolbestuur "
              "(YAML in de vorm van het modelprotocol)")


def _handbook(value: str) -> str:
    """``--handboek`` (or ``HANDBOEK_URL``, its default): only an http or https address goes into links."""
    if not value.strip():
        return ""  # no address: the change report names each kwestie without a link
    try:
        return check_url(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{error} (--handboek of HANDBOEK_URL)") from None


def _published() -> str:
    """HANDBOEK_URL as it is set (checked by ``_handbook``), or '' when none is: never this computer's address."""
    address = handbook_url()
    return "" if address == LOCAL_URL else address


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="protocolwizard", description=DESCRIPTION, epilog=EPILOG.format(pw=command()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = main.add_subparsers(dest="opdracht", metavar="OPDRACHT", title="opdrachten")

    start = commands.add_parser(
        "start", help="de vragen stap voor stap beantwoorden (standaard)",
        description="Beantwoord de vragen over school, gesprek en elke kwestie. Na elk antwoord wordt alles "
        "bewaard; met Ctrl-C stop je en ga je later verder met --hervat.",
    )
    start.add_argument("--antwoorden", type=Path, default=Path("antwoorden.yaml"), metavar="BESTAND",
                       help="waar de antwoorden worden bewaard (standaard: antwoorden.yaml in deze map)")
    start.add_argument("--hervat", type=Path, metavar="BESTAND", help="verdergaan met een eerder bewaard antwoordbestand")
    start.add_argument("--handboek", type=_handbook, default=_published(), metavar="URL",
                       help="adres van het handboek voor de links in het wijzigingsverslag (de wizard vraagt het, "
                       "met dit adres of HANDBOEK_URL als voorstel)")
    begin = start.add_mutually_exclusive_group()
    begin.add_argument("--basis", type=Path, metavar="PROTOCOL",
                       help="het eigen protocol van de school als basis (.docx of .md wordt eerst ingelezen naar "
                       "eigen-protocol.yaml naast het antwoordbestand; of een .yaml van 'importeer')")
    begin.add_argument("--vanaf", type=Path, metavar="BESTAND",
                       help="een nieuw teamgesprek van dezelfde school: schoolgegevens en basis uit dit eerdere "
                       "antwoordbestand, besluiten niet")
    start.add_argument("--model", type=Path, metavar="MODEL.yaml", help=MODEL_HELP)

    make = commands.add_parser(
        "maak", help="een concept maken uit een antwoordbestand (of uit meer), zonder vragen",
        description="Maak het conceptprotocol, het wijzigingsverslag en een genormaliseerd antwoordbestand. Noem je "
        "meer antwoordbestanden (één per teamgesprek, van één school en met dezelfde basis), dan wordt het één "
        "concept: de teamgesprekken tellen op volgorde van datum, en het wijzigingsverslag noemt bij elke wijziging "
        "het teamgesprek. Besluiten twee teamgesprekken verschillend over dezelfde regel, dan is dat een fout, tenzij "
        "bij het latere besluit 'herzien: true' staat.",
    )
    make.add_argument("antwoorden", type=Path, nargs="+", metavar="ANTWOORDEN",
                      help="het antwoordbestand (YAML), of één per teamgesprek")
    make.add_argument("--uitvoer", type=Path, required=True, metavar="MAP", help="map voor de bestanden (wordt zo nodig gemaakt)")
    make.add_argument("--formaat", default=",".join(FORMATS), metavar="LIJST",
                      help=f"formaten van het protocol, gescheiden door komma's (standaard: {','.join(FORMATS)})")
    make.add_argument("--overschrijven", action="store_true", help="bestaande bestanden in MAP vervangen")
    make.add_argument("--handboek", type=_handbook, default=None, metavar="URL",
                      help="adres van het handboek voor de links in het wijzigingsverslag (standaard: het adres in "
                      "het antwoordbestand, anders HANDBOEK_URL; zonder adres noemt het verslag de kwesties zonder link)")
    make.add_argument("--model", type=Path, metavar="MODEL.yaml", help=MODEL_HELP)

    check = commands.add_parser("controleer", help="een antwoordbestand (of meer) alleen controleren",
                                description="Controleer een antwoordbestand en noem elke fout met regelnummer. Met meer "
                                "antwoordbestanden: ook of de teamgesprekken samen één concept kunnen worden.")
    check.add_argument("antwoorden", type=Path, nargs="+", metavar="ANTWOORDEN",
                       help="het antwoordbestand (YAML), of één per teamgesprek")
    check.add_argument("--model", type=Path, metavar="MODEL.yaml", help=MODEL_HELP)

    empty = commands.add_parser("leeg", help="een leeg antwoordbestand met uitleg schrijven",
                                description="Schrijf een leeg antwoordbestand met uitleg bij elk veld, om zelf in te vullen.")
    empty.add_argument("bestand", nargs="?", type=Path, default=Path("antwoorden.yaml"), metavar="BESTAND",
                       help="naam van het nieuwe bestand (standaard: antwoorden.yaml)")
    empty.add_argument("--overschrijven", action="store_true", help="een bestaand bestand vervangen")
    add_own_protocol_commands(commands)
    add_update_command(commands)
    add_web_command(commands)
    return main


def run_check(args: argparse.Namespace) -> int:
    model = load_model_checked(args.model)
    if model is None:
        return EXIT_INPUT
    if len(args.antwoorden) > 1:
        if combined_sessions(args.antwoorden, context(model)) is None:
            return EXIT_INPUT
        print("De teamgesprekken zijn in orde en kunnen samen één concept worden.")
        return EXIT_OK
    args.antwoorden = args.antwoorden[0]
    answers = _load(args.antwoorden, context(model))
    if answers is None:
        return EXIT_INPUT
    print(f"{args.antwoorden} is in orde: {aantal(len(answers.decisions), 'besluit', 'besluiten')}, "
          f"{aantal(len(answers.new_rules or []), 'nieuwe regel', 'nieuwe regels')}.")
    return EXIT_OK


def run_make(args: argparse.Namespace) -> int:
    try:
        formats = parse_formats(args.formaat)
    except OutputError as error:
        _error(str(error))
        return EXIT_INPUT
    model = load_model_checked(args.model)
    if model is None:
        return EXIT_INPUT
    ctx = context(model)
    if len(args.antwoorden) > 1:
        return make_from_sessions(args.antwoorden, ctx, args.uitvoer, formats, args.overschrijven, args.handboek)
    answers = _load(args.antwoorden[0], ctx)
    if answers is None:
        return EXIT_INPUT
    return make_outputs(answers, ctx, args.uitvoer, formats, args.overschrijven, args.handboek, source=args.antwoorden[0])


def run_empty(args: argparse.Namespace) -> int:
    target: Path = args.bestand
    if exists(target) and not args.overschrijven:
        _error(f"{target} bestaat al. Kies een andere naam of gebruik --overschrijven.")
        return EXIT_FAILED
    if not exists(target.parent):
        _error(f"de map {target.parent} bestaat niet.")
        return EXIT_FAILED
    atomic_write(target, empty_answers_file(context(), target.name, command()))  # replaces a regular file only
    print(f"Geschreven: {target}. Vul het in en maak er een concept van met:\n"
          f"    {shell_command('maak', target, '--uitvoer', 'concept')}")
    return EXIT_OK


def run_start(args: argparse.Namespace) -> int:
    from .begin import EARLIER, OWN, Start
    from .interview import run_interview  # questionary is only needed here

    model = load_model_checked(args.model)
    if model is None:
        return EXIT_INPUT
    start = Start(OWN, args.basis) if args.basis else Start(EARLIER, args.vanaf) if args.vanaf else None
    if start and args.hervat:
        _error("--basis en --vanaf horen bij een nieuw antwoordbestand, niet bij --hervat.")
        return EXIT_INPUT
    return run_interview(args.hervat or args.antwoorden, resume=args.hervat is not None, handboek_url=args.handboek,
                         start=start, context=context(model) if args.model else None)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = args.opdracht or "start"
    if args.opdracht is None:
        args = parser().parse_args(["start", *(argv if argv is not None else sys.argv[1:])])
    handlers = {"start": run_start, "maak": run_make, "controleer": run_check, "leeg": run_empty, **OWN_PROTOCOL_HANDLERS,
                **UPDATE_HANDLERS, "web": run_web}
    try:
        return handlers[command](args)
    except KeyboardInterrupt:
        print("\nOnderbroken.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (YamlError, ValidationError, CardFormatError) as error:
        _error(str(error))
        return EXIT_INPUT
    except FileProblem as error:
        _error(str(error))
        return EXIT_INPUT
    except OSError as error:  # a fault no step above expected: still Dutch, still no traceback
        _error(describe(error, error.filename or "een bestand"))
        return EXIT_INPUT


# --- The school's own protocol: importeer and vergelijk (Tip 1 of the cards) ---

IMPORT_DESCRIPTION = """\
Lees het eigen socialemediaprotocol van de school in: een Word-bestand (.docx), Markdown (.md) of
YAML in de vorm van het modelprotocol. Koppen worden hoofdstukken; alinea's, lijstpunten en
tabellen worden regels, met de nummering zoals Word die toont. Bij elke regel stelt de wizard tot
drie onderwerpen van het modelprotocol voor (onderwerpen_voorstel). Controleer die in het
bestand en bevestig ze daarna met --bevestig: dan worden het onderwerpen. Wat niet kon worden
overgenomen (afbeeldingen, opmerkingen, voetnoten) wordt genoemd.
"""

IMPORT_EPILOG = """\
voorbeelden:
  {pw} importeer protocol.docx                          schrijft eigen-protocol.yaml
  {pw} importeer protocol.docx --uitvoer onze-regels.yaml
  {pw} importeer --bevestig eigen-protocol.yaml         de voorstellen worden onderwerpen
  {pw} vergelijk eigen-protocol.yaml --uitvoer vergelijking
"""


def add_own_protocol_commands(commands: argparse._SubParsersAction) -> None:
    """The subcommands ``importeer`` and ``vergelijk``."""
    own = commands.add_parser(
        "importeer", help="het eigen protocol van de school inlezen (.docx, .md of .yaml)",
        description=IMPORT_DESCRIPTION, epilog=IMPORT_EPILOG.format(pw=command()), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    own.add_argument("bestand", nargs="?", type=Path, metavar="BESTAND", help="het protocol van de school (.docx, .md of .yaml)")
    own.add_argument("--uitvoer", type=Path, default=Path("eigen-protocol.yaml"), metavar="BESTAND",
                     help="waar het ingelezen protocol komt (standaard: eigen-protocol.yaml in deze map)")
    own.add_argument("--overschrijven", action="store_true", help="een bestaand uitvoerbestand vervangen")
    own.add_argument("--bevestig", type=Path, metavar="BESTAND",
                     help="in een ingelezen protocol alle voorgestelde onderwerpen bevestigen (na controle in het bestand); "
                     "regels die al onderwerpen hebben, blijven zoals ze zijn")
    compare = commands.add_parser(
        "vergelijk", help="het eigen protocol vergelijken met het modelprotocol en de kaarten",
        description="Schrijf een verslag (Markdown en HTML) met de onderwerpen van het modelprotocol die het eigen "
        "protocol niet behandelt, de eigen regels zonder onderwerp, en per kwestie van elke kaart of het eigen "
        "protocol erover gaat, met links naar het handboek.",
    )
    compare.add_argument("protocol", type=Path, metavar="PROTOCOL", help="het ingelezen protocol (eigen-protocol.yaml)")
    compare.add_argument("--uitvoer", type=Path, default=Path("vergelijking"), metavar="MAP",
                         help="map voor vergelijking.md en vergelijking.html (standaard: vergelijking)")
    compare.add_argument("--overschrijven", action="store_true", help="bestaande bestanden in MAP vervangen")
    compare.add_argument("--handboek", type=_handbook, default=handbook_url(), metavar="URL", help="adres van het handboek voor de links")


def _load_own_protocol(path: Path):
    from protocol.model import current_model, load_model

    try:
        protocol = load_model(path, topics_from=current_model())
    except (ValidationError, YamlError) as error:
        say_refusal(path, error)
        return None
    if not protocol.is_imported:
        _error(f"{path} is geen ingelezen protocol (het veld 'bron' ontbreekt). Lees het eerst in met: "
               f"{shell_command('importeer', path)}")
        return None
    return protocol


def run_import(args: argparse.Namespace) -> int:
    from protocol.eigen_protocol import ImportProblem, confirm_proposals, dump_protocol, import_protocol, protocol_data
    from protocol.model import current_model

    if args.bevestig is not None:
        if args.bestand is not None:
            _error("noem óf een bestand om in te lezen, óf --bevestig met een ingelezen protocol, niet allebei.")
            return EXIT_INPUT
        protocol = _load_own_protocol(args.bevestig)
        if protocol is None:
            return EXIT_INPUT
        data = protocol_data(protocol, args.bevestig)
        count = confirm_proposals(data)
        atomic_write(args.bevestig, dump_protocol(data, args.bevestig.name))
        open_rules = sum(1 for rule in protocol.rules() if not rule.topics and not rule.proposed_topics)
        print(f"Bevestigd: onderwerpen bij {aantal(count, 'regel', 'regels')} in {args.bevestig}.")
        if open_rules:
            print(f"{aantal(open_rules, 'regel heeft', 'regels hebben')} nog geen onderwerp; vul die zo nodig zelf in "
                  "onder 'onderwerpen'.")
        return EXIT_OK
    if args.bestand is None:
        _error("noem het protocol van de school (.docx, .md of .yaml), of gebruik --bevestig BESTAND.")
        return EXIT_INPUT
    target: Path = args.uitvoer
    if target.exists() and not args.overschrijven:
        _error(f"{target} bestaat al. Kies een andere naam met --uitvoer of gebruik --overschrijven.")
        return EXIT_FAILED
    if target.is_dir():
        _error(f"{target} is een map; noem een bestand, bijvoorbeeld {target / 'eigen-protocol.yaml'}.")
        return EXIT_INPUT
    if not target.parent.exists():
        _error(f"de map {target.parent} bestaat niet.")
        return EXIT_FAILED
    try:
        imported = import_protocol(args.bestand, current_model())
    except ImportProblem as error:
        _error(str(error))
        return EXIT_INPUT
    atomic_write(target, dump_protocol(imported.data, target.name))
    proposed = sum(1 for c in imported.data["hoofdstukken"] for r in c["regels"] if r.get("onderwerpen_voorstel"))
    print(f"Ingelezen: {args.bestand} -> {target}: {aantal(imported.chapter_count, 'hoofdstuk', 'hoofdstukken')}, "
          f"{aantal(imported.rule_count, 'regel', 'regels')}; bij {proposed} daarvan zijn onderwerpen voorgesteld.")
    for note in imported.notes:
        print(f"Let op: {note}")
    print(f"Controleer de voorgestelde onderwerpen in {target} en bevestig ze met:\n"
          f"    {shell_command('importeer', '--bevestig', target)}")
    return EXIT_OK


def run_compare(args: argparse.Namespace) -> int:
    from kern.loader import load_cards
    from protocol.model import current_model
    from protocol.vergelijking import REPORT_NAMES, compare, render_comparison

    protocol = _load_own_protocol(args.protocol)
    if protocol is None:
        return EXIT_INPUT
    folder: Path = args.uitvoer
    if folder.exists() and not folder.is_dir():
        _error(f"{folder} is een bestand, geen map.")
        return EXIT_FAILED
    existing = [name for name in REPORT_NAMES if (folder / name).exists()]
    if existing and not args.overschrijven:
        _error(f"in {folder} staan al {', '.join(existing)}. Kies een andere map of gebruik --overschrijven.")
        return EXIT_FAILED
    comparison = compare(protocol, current_model(), load_cards())
    folder.mkdir(parents=True, exist_ok=True)
    url = args.handboek.strip().rstrip("/") + "/"
    for name, text in render_comparison(comparison, url).items():
        atomic_write(folder / name, text)
    print(f"Geschreven: {', '.join(str(folder / name) for name in REPORT_NAMES)}.")
    print(f"{aantal(len(comparison.missing_topics), 'onderwerp', 'onderwerpen')} van het modelprotocol zonder eigen regel; "
          f"{aantal(len(comparison.unmatched), 'eigen regel', 'eigen regels')} zonder onderwerp.")
    if comparison.next_card:
        print(f"Volgende kaart om te bespreken: {comparison.next_card.title} "
              f"({comparison.next_card.open_count} van de {len(comparison.next_card.kwesties)} kwesties niet besproken).")
    return EXIT_OK


OWN_PROTOCOL_HANDLERS = {"importeer": run_import, "vergelijk": run_compare}


# --- Model updates: bijwerken ---

UPDATE_DESCRIPTION = """\
Breng een antwoordbestand naar een nieuwere versie van het model, regel voor regel. Wat het team
behield en het model veranderde, wordt overgenomen; wat het team veranderde en het model niet,
blijft staan; waar het team en het model dezelfde regel veranderden, beslist het team zelf (een
conflict, in de wizard of in het bestand). Er komt een nieuw antwoordbestand en een bijwerkverslag
(Markdown en HTML). Het oorspronkelijke antwoordbestand blijft zoals het is.

Met --basis werkt het net zo voor het eigen protocol van de school: lees de nieuwe versie (bijvoorbeeld
na een besluit van het bestuur) in met 'importeer' onder een nieuwe naam, en breng de antwoorden
daarnaartoe. De regels worden op hun tekst herkend, ook als hun nummer veranderde; een licht
herschreven regel wordt gevolgd.
"""


def add_update_command(commands: argparse._SubParsersAction) -> None:
    """The subcommand ``bijwerken``."""
    update = commands.add_parser(
        "bijwerken", help="een antwoordbestand naar de nieuwste versie van het model brengen",
        description=UPDATE_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    update.add_argument("antwoorden", type=Path, metavar="ANTWOORDEN", help="het antwoordbestand (YAML)")
    target = update.add_mutually_exclusive_group()
    target.add_argument("--basis", type=Path, metavar="NIEUW-eigen-protocol.yaml",
                        help="de nieuwe versie van het eigen protocol van de school (een .yaml van 'importeer'); de "
                        "antwoorden noemen de oude versie in 'basis'")
    target.add_argument("--model", type=Path, metavar="NIEUW.yaml",
                        help="het nieuwe model (standaard: het meegeleverde); eerdere versies ervan staan in de map "
                        "'modellen' ernaast, als <versie>.yaml")
    update.add_argument("--basismodel", type=Path, metavar="OUD.yaml",
                        help="het model waarmee de antwoorden zijn gemaakt, als het niet bij de andere versies staat; "
                        "met --basis: de oude versie van het eigen protocol, als 'basis' in de antwoorden er niet "
                        "meer naar wijst")
    update.add_argument("--uitvoer", type=Path, metavar="NIEUWE-ANTWOORDEN.yaml",
                        help="het bijgewerkte antwoordbestand (standaard: naast het oude, met de nieuwe modelversie "
                        "in de naam); het bijwerkverslag komt ernaast")
    update.add_argument("--overschrijven", action="store_true", help="bestaande uitvoerbestanden vervangen")


def _base_model(version: str, args: argparse.Namespace, folder: Path):
    """The model the answers were made against: --basismodel, or the kept version; None after saying why."""
    if args.basismodel is not None:
        model = load_model_checked(args.basismodel)
        if model is not None and model.version and model.version != version:
            _error(f"{args.basismodel} is modelversie {model.version}, maar de antwoorden zijn gemaakt met "
                   f"modelversie {version}.")
            return None
        return model
    try:
        model = kept_version(version, folder)
    except (ValidationError, YamlError) as error:
        say_refusal(folder / f"{version}.yaml", error)
        return None
    if model is None:
        _error(f"modelversie {version}, waarmee de antwoorden zijn gemaakt, is niet gevonden in {folder}. "
               "Noem dat model met --basismodel OUD.yaml.")
    return model


def run_update(args: argparse.Namespace) -> int:
    if args.basis is not None:
        return run_update_own(args)
    new_model = load_model_checked(args.model)
    if new_model is None:
        return EXIT_INPUT
    new_ctx = context(new_model)
    raw = load_yaml(args.antwoorden).data
    if not isinstance(raw, dict):  # the checker says what is wrong, with file and line
        _load(args.antwoorden, new_ctx, partial=True, notice=False)
        return EXIT_INPUT
    version = base_version(raw)
    if not new_model.version:
        _error(f"het model {args.model} heeft geen modelversie; vul 'modelversie' in, zoals \"2026.2\".")
        return EXIT_INPUT
    if version == new_model.version:
        if _load(args.antwoorden, new_ctx, partial=True) is None:
            return EXIT_INPUT
        print(f"{args.antwoorden} is al gemaakt met modelversie {new_model.version}: niets bij te werken.")
        return EXIT_OK
    old_key, new_key = version_key(version), version_key(new_model.version)
    if old_key and new_key and old_key > new_key:
        _error(f"{args.antwoorden} is gemaakt met modelversie {version}, nieuwer dan het model ({new_model.version}).")
        return EXIT_INPUT
    folder = versions_folder(args.model)
    old_model = _base_model(version, args, folder)
    if old_model is None:
        return EXIT_INPUT
    old_ctx = context(old_model)
    answers = _load(args.antwoorden, old_ctx, partial=True, notice=False)
    if answers is None:
        return EXIT_INPUT
    try:  # a file the wizard is still filling in is updated as well, and stays one
        load_answers(args.antwoorden, old_ctx)
        partial = False
    except (ValidationError, YamlError):
        partial = True
    models, complete = chain(new_model, version, folder)
    if not complete:
        print(f"Let op: niet elke modelversie tussen {version} en {new_model.version} is gevonden in {folder}; "
              "regels die in een tussenliggende versie een andere id kregen, worden niet gevolgd.", file=sys.stderr)
    result = update(to_data(answers, keep_asked=True), old_model, new_model, models)
    target: Path = args.uitvoer or args.antwoorden.with_name(f"{args.antwoorden.stem}-{new_model.version}.yaml")
    return _write_update(args, result, target, partial, new_ctx,
                         f"Bijgewerkt van modelversie {version} naar {new_model.version}")


def _write_update(args: argparse.Namespace, result, target: Path, partial: bool, new_ctx, done: str, **report_names: str) -> int:
    """Write the updated answers (checked against the new model or own protocol first) and the report."""
    reports = {fmt: target.with_name(f"{target.stem}-bijwerkverslag.{fmt}") for fmt in ("md", "html")}
    names = [target, *reports.values()]
    for name in names:
        if same_file(name, args.antwoorden):
            _error(f"{name} is het antwoordbestand dat wordt gelezen; dat wordt nooit overschreven. Kies met --uitvoer "
                   "een andere naam.")
            return EXIT_INPUT
    existing = [str(name) for name in names if exists(name)]
    if existing and not args.overschrijven:
        _error(f"{', '.join(existing)} {'bestaat' if len(existing) == 1 else 'bestaan'} al. Kies met --uitvoer een andere naam of gebruik --overschrijven.")
        return EXIT_FAILED
    partial = partial or result.report.open_conflicts > 0  # the team decides them, in the wizard or the file
    try:
        updated = parse_answers(yaml.safe_dump(result.data, allow_unicode=True, sort_keys=False), new_ctx, str(target),
                                partial=partial)
        previous = args.antwoorden.read_text(encoding="utf-8")  # its comments and layout are kept where they fit
        text = readable_answers(updated, new_ctx, keep_asked=True, partial=partial, source=str(target), previous=previous)
    except (ValidationError, YamlError, ValueError) as error:
        base = "het nieuwe eigen protocol" if result.report.own else "het nieuwe model"
        _error(f"de bijgewerkte antwoorden zijn niet geschreven, want ze kloppen niet met {base}: {error}")
        return EXIT_FAILED
    report = replace(result.report, answers_file=str(target), **report_names)
    rendered = render_update(report)
    write_all({target: text, **{path: rendered[fmt] for fmt, path in reports.items()}})
    print(f"{done}: {target}, met het bijwerkverslag in {reports['md']} en {reports['html']}.")
    counts = report.counts()
    labels = teksten.BW_OWN_PROTOCOL_CASES if report.own else teksten.BW_CASES
    for case in CASES:
        if counts[case]:
            print(f"  {aantal(counts[case], 'regel', 'regels')}: {labels[case][1]}")
    if report.open_conflicts:
        print(f"Nog te beslissen: {aantal(report.open_conflicts, 'conflict', 'conflicten')}. Los ze op met: "
              f"{shell_command('start', '--hervat', target)} (of in het bestand); maak daarna het concept.")
    else:
        print(f"Maak het concept met: {shell_command('maak', target, '--uitvoer', 'concept')}")
    return EXIT_OK


def _new_own_protocol(path: Path):
    """``--basis``: the new version of the school's own protocol, checked (Dutch errors with file, line and field);
    None after saying why."""
    from protocol.model import check_model_document, current_model
    from protocol.strict_yaml import YamlError as _YamlError

    if path.suffix.lower() not in (".yaml", ".yml"):
        _error(f"{path}: noem bij --basis het ingelezen protocol (.yaml). Lees het eerst in met: "
               f"{shell_command('importeer', path, '--uitvoer', path.with_suffix('.yaml').name)}")
        return None
    try:
        document = load_yaml(path)
        protocol = check_model_document(document, path, topics_from=current_model())
    except (ValidationError, YamlError) as error:
        say_refusal(path, error)
        return None
    if not protocol.is_imported:
        _error(str(_YamlError(str(path), document.line(("modelversie",)) or document.line(("titel",)) or 1,
                              "dit is geen ingelezen protocol van een school (het veld 'bron' ontbreekt). Noem bij "
                              "--basis een bestand van 'protocolwizard importeer'; een nieuw model noem je met --model.")))
        return None
    return protocol


def _check_document(document, ctx, path: Path, *, partial: bool):
    """The answers of a parsed file, or None after every problem with its file and line."""
    try:
        return check(document, ctx, partial=partial)
    except (ValidationError, YamlError) as error:
        say_refusal(path, error)
        return None


def _is_version(path: Path, version: str) -> bool:
    """Whether the own protocol at ``path`` is still ``version``; a file that cannot be read counts as such (the
    answers' check names its problem with file and line)."""
    from protocol.model import load_model

    try:
        return protocol_version(load_model(path)) == version
    except (ValidationError, YamlError, OSError):
        return True


def run_update_own(args: argparse.Namespace) -> int:
    """``bijwerken --basis``: answers on the school's own protocol brought to a new version of it, rule by rule.
    The old version is the protocol the answers name in ``basis`` (or ``--basismodel``); the updated answers name
    the new one, relative to where they are written."""
    new_base = _new_own_protocol(args.basis)
    if new_base is None:
        return EXIT_INPUT
    document = load_yaml(args.antwoorden)
    raw = document.data
    ctx = context()
    if not isinstance(raw, dict):
        _load(args.antwoorden, ctx, partial=True, notice=False)
        return EXIT_INPUT
    basis = raw.get("basis")
    if not isinstance(basis, str) or not basis.strip():
        line = document.line(("basisversie",)) or document.line(("versie",)) or 1
        _error(f"{args.antwoorden}, regel {line}: deze antwoorden hebben het modelprotocol als basis, niet het eigen "
               "protocol (het veld 'basis' ontbreekt). Breng ze naar een nieuw model met --model, of begin een "
               f"teamgesprek op het eigen protocol met: {shell_command('start', '--basis', args.basis)}")
        return EXIT_INPUT
    if args.basismodel is not None:  # the old version elsewhere: read the answers against it (lines stay the same)
        document.data = {**raw, "basis": str(args.basismodel.resolve())}
    old_path = args.basismodel or base_path(basis, str(args.antwoorden))
    recorded = raw.get("basisversie") if isinstance(raw.get("basisversie"), str) else ""
    if recorded.startswith(OWN_VERSION_PREFIX) and args.basismodel is None and not _is_version(old_path, recorded):
        line = document.line(("basis",)) or 1
        _error(f"{args.antwoorden}, regel {line}: het eigen protocol {old_path} is veranderd sinds deze antwoorden zijn "
               f"gemaakt (toen versie {recorded}); misschien is de nieuwe versie eroverheen ingelezen. Noem de versie "
               "waarmee de antwoorden zijn gemaakt met --basismodel OUD.yaml, bijvoorbeeld een eerder ingelezen "
               "bestand of een reservekopie.")
        return EXIT_INPUT
    answers = _check_document(document, ctx, args.antwoorden, partial=True)
    if answers is None:
        return EXIT_INPUT
    partial = False
    try:
        check(document, ctx)
    except (ValidationError, YamlError):
        partial = True
    old_base = answers.base
    old_version, new_version = protocol_version(old_base), protocol_version(new_base)
    if old_version == new_version and same_file(old_path, args.basis):
        print(f"{args.antwoorden} is al gemaakt met deze versie van het eigen protocol ({args.basis}): niets bij te werken.")
        return EXIT_OK
    if recorded.startswith(OWN_VERSION_PREFIX) and recorded != old_version:
        _error(f"{old_path} is niet de versie van het eigen protocol waarmee {args.antwoorden} is gemaakt (die had "
               f"versie {recorded}, dit bestand {old_version}). Noem die oude versie met --basismodel OUD.yaml.")
        return EXIT_INPUT
    target: Path = args.uitvoer or args.antwoorden.with_name(f"{args.antwoorden.stem}-{args.basis.stem}.yaml")
    try:
        relative = os.path.relpath(args.basis.resolve(), target.resolve().parent)
    except ValueError:  # another drive: no relative path
        relative = str(args.basis.resolve())
    result = update(to_data(answers, keep_asked=True), old_base, new_base, basis=Path(relative).as_posix())
    return _write_update(args, result, target, partial, ctx,
                         f"Bijgewerkt van het eigen protocol {old_path} naar {args.basis}",
                         old_name=old_path.name, new_name=args.basis.name)


UPDATE_HANDLERS = {"bijwerken": run_update}


if __name__ == "__main__":
    sys.exit(main())
