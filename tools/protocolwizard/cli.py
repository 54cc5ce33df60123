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

from kern.adres import checked_url, handbook_url
from protocol.model import TEMPLATES_DIR
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError

from . import arguments_nl  # noqa: F401  (Dutch messages for argparse)
from .files import FileProblem, atomic_write, describe, exists
from .output import FORMATS, OutputError, parse_formats
from .services import (
    EXIT_FAILED, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, context, load_checked as _load, make_outputs, say_error as _error,
)

EMPTY_TEMPLATE = TEMPLATES_DIR / "antwoorden-leeg.yaml"

DESCRIPTION = """\
Maak na een teamgesprek met de discussiekaarten een concept van het
socialemediaprotocol van je school: per regel van het voorbeeldprotocol
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
"""


def _handbook(value: str) -> str:
    """``--handboek`` (or ``HANDBOEK_URL``, its default): only an http or https address goes into links."""
    try:
        return checked_url(value)
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
        description="Maak het concept-protocol, het wijzigingsverslag en een genormaliseerd antwoordbestand.",
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
    return main


def run_check(args: argparse.Namespace) -> int:
    answers = _load(args.antwoorden, context())
    if answers is None:
        return EXIT_INPUT
    print(f"{args.antwoorden} is in orde: {len(answers.decisions)} besluiten, "
          f"{len(answers.new_rules or [])} nieuwe regels.")
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
    atomic_write(target, EMPTY_TEMPLATE.read_text(encoding="utf-8"))  # replaces a regular file only
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
    handlers = {"start": run_start, "maak": run_make, "controleer": run_check, "leeg": run_empty}
    try:
        return handlers[command](args)
    except KeyboardInterrupt:
        print("\nOnderbroken.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (YamlError, ValidationError) as error:
        _error(str(error))
        return EXIT_INPUT
    except FileProblem as error:
        _error(str(error))
        return EXIT_INPUT
    except OSError as error:  # a fault no step above expected: still Dutch, still no traceback
        _error(describe(error, error.filename or "een bestand"))
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
