"""The ``protocolwizard`` command: start (interactive), maak, controleer, leeg.

Exit codes: 0 done; 1 could not finish (an output file exists, no TeX for a
PDF-only request); 2 the input is wrong (answers file, options) or the output cannot be written
there (no permission, disk full, not a folder, not a regular file); 130 interrupted.
Messages are Dutch and never a Python traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kern.adres import check_url, handbook_url
from kern.kaartformaat import CardFormatError
from kern.taal import aantal
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError

from . import arguments_nl  # noqa: F401  (Dutch messages for argparse)
from .empty_file import empty_answers_file
from .files import FileProblem, atomic_write, describe, exists
from .output import FORMATS, OutputError, parse_formats
from .web.server import add_web_command, run_web
from .services import (
    EXIT_FAILED, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, context, load_checked as _load, make_outputs, say_error as _error,
    say_refusal,
)

DESCRIPTION = """\
Maak na een teamgesprek met de discussiekaarten een concept van het
socialemediaprotocol van je school: per regel van het modelprotocol
behouden, wijzigen of schrappen, en nieuwe regels toevoegen. Alles blijft op
deze computer; er wordt niets verstuurd.
"""

EPILOG = """\
voorbeelden:
  protocolwizard                                  de vragen stap voor stap beantwoorden
  protocolwizard start --hervat antwoorden.yaml   verdergaan waar je gebleven was
  protocolwizard leeg antwoorden.yaml             een leeg antwoordbestand om zelf in te vullen
  protocolwizard controleer antwoorden.yaml       alleen controleren
  protocolwizard maak antwoorden.yaml --uitvoer concept --formaat md,docx
  protocolwizard web                              de wizard in de browser (http://127.0.0.1:8765/)
"""


def _handbook(value: str) -> str:
    """``--handboek`` (or ``HANDBOEK_URL``, its default): only an http or https address goes into links."""
    try:
        return check_url(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{error} (--handboek of HANDBOEK_URL)") from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="protocolwizard", description=DESCRIPTION, epilog=EPILOG,
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
    start.add_argument("--handboek", type=_handbook, default=handbook_url(), metavar="URL",
                       help="adres van het handboek voor de links in het wijzigingsverslag")

    make = commands.add_parser(
        "maak", help="een concept maken uit een antwoordbestand, zonder vragen",
        description="Maak het conceptprotocol, het wijzigingsverslag en een genormaliseerd antwoordbestand.",
    )
    make.add_argument("antwoorden", type=Path, metavar="ANTWOORDEN", help="het antwoordbestand (YAML)")
    make.add_argument("--uitvoer", type=Path, required=True, metavar="MAP", help="map voor de bestanden (wordt zo nodig gemaakt)")
    make.add_argument("--formaat", default=",".join(FORMATS), metavar="LIJST",
                      help=f"formaten van het protocol, gescheiden door komma's (standaard: {','.join(FORMATS)})")
    make.add_argument("--overschrijven", action="store_true", help="bestaande bestanden in MAP vervangen")
    make.add_argument("--handboek", type=_handbook, default=handbook_url(), metavar="URL",
                      help="adres van het handboek voor de links in het wijzigingsverslag")

    check = commands.add_parser("controleer", help="een antwoordbestand alleen controleren",
                                description="Controleer een antwoordbestand en noem elke fout met regelnummer.")
    check.add_argument("antwoorden", type=Path, metavar="ANTWOORDEN", help="het antwoordbestand (YAML)")

    empty = commands.add_parser("leeg", help="een leeg antwoordbestand met uitleg schrijven",
                                description="Schrijf een leeg antwoordbestand met uitleg bij elk veld, om zelf in te vullen.")
    empty.add_argument("bestand", nargs="?", type=Path, default=Path("antwoorden.yaml"), metavar="BESTAND",
                       help="naam van het nieuwe bestand (standaard: antwoorden.yaml)")
    empty.add_argument("--overschrijven", action="store_true", help="een bestaand bestand vervangen")
    add_own_protocol_commands(commands)
    add_web_command(commands)
    return main


def run_check(args: argparse.Namespace) -> int:
    answers = _load(args.antwoorden, context())
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
    ctx = context()
    answers = _load(args.antwoorden, ctx)
    if answers is None:
        return EXIT_INPUT
    return make_outputs(answers, ctx, args.uitvoer, formats, args.overschrijven, args.handboek, source=args.antwoorden)


def run_empty(args: argparse.Namespace) -> int:
    target: Path = args.bestand
    if exists(target) and not args.overschrijven:
        _error(f"{target} bestaat al. Kies een andere naam of gebruik --overschrijven.")
        return EXIT_FAILED
    if not exists(target.parent):
        _error(f"de map {target.parent} bestaat niet.")
        return EXIT_FAILED
    atomic_write(target, empty_answers_file(context()))  # replaces a regular file only
    print(f"Geschreven: {target}. Vul het in en maak er een concept van met: protocolwizard maak {target} --uitvoer concept")
    return EXIT_OK


def run_start(args: argparse.Namespace) -> int:
    from .interview import run_interview  # questionary is only needed here

    return run_interview(args.hervat or args.antwoorden, resume=args.hervat is not None, handboek_url=args.handboek)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = args.opdracht or "start"
    if args.opdracht is None:
        args = parser().parse_args(["start", *(argv if argv is not None else sys.argv[1:])])
    handlers = {"start": run_start, "maak": run_make, "controleer": run_check, "leeg": run_empty, **OWN_PROTOCOL_HANDLERS, "web": run_web}
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
  protocolwizard importeer protocol.docx                          schrijft eigen-protocol.yaml
  protocolwizard importeer protocol.docx --uitvoer onze-regels.yaml
  protocolwizard importeer --bevestig eigen-protocol.yaml         de voorstellen worden onderwerpen
  protocolwizard vergelijk eigen-protocol.yaml --uitvoer vergelijking
"""


def add_own_protocol_commands(commands: argparse._SubParsersAction) -> None:
    """The subcommands ``importeer`` and ``vergelijk``."""
    own = commands.add_parser(
        "importeer", help="het eigen protocol van de school inlezen (.docx, .md of .yaml)",
        description=IMPORT_DESCRIPTION, epilog=IMPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
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
               f"protocolwizard importeer {path}")
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
    print(f"Controleer de voorgestelde onderwerpen in {target} en bevestig ze met: protocolwizard importeer --bevestig {target}")
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


if __name__ == "__main__":
    sys.exit(main())
