"""Build the PDFs: the handbook (``make pdf``) and the handouts per card (``make kaarten``).

    python -m handboek.pdf handboek [--uitvoer _build/pdf]
    python -m handboek.pdf kaarten  [--uitvoer _build/pdf/kaarten]

Sphinx writes LaTeX (``-t pdf``: handbook and leaders' editions; ``-t
deelnemers``: participants' editions), latexmk runs pdflatex, and the logs
are checked: Dutch hyphenation must really be loaded (babel falls back to
English without a word when ``texlive-lang-european`` is missing).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kern.latex import PdfError, check_tex, run_latexmk
from kern.loader import card_paths

from .edities import HANDOUTS, handout_name

ROOT = Path(__file__).resolve().parents[2]

@dataclass(frozen=True)
class Edition:
    """One Sphinx LaTeX build: its tag and the .tex files it should turn into PDFs."""

    tag: str
    tex_files: tuple[str, ...]


def _say(message: str) -> None:
    print(message, flush=True)


def _sphinx_latex(tag: str, builddir: Path, docs: Path) -> Path:
    outdir = builddir / f"latex-{tag}"
    command = [
        sys.executable, "-m", "sphinx", "-b", "latex", "-t", tag, "-c", str(ROOT),
        "-W", "--keep-going", "-n", "-q", "-d", str(builddir / f"doctrees-{tag}"), str(docs), str(outdir),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise PdfError(f"Sphinx kon de LaTeX-bron niet maken:\n{result.stderr.strip()}")
    return outdir


def build(editions: list[Edition], output: Path, builddir: Path, docs: Path) -> list[Path]:
    """Run every edition's Sphinx build and latexmk runs; copy the PDFs to ``output``."""
    check_tex()
    output.mkdir(parents=True, exist_ok=True)
    results: list[Path] = []
    for step, edition in enumerate(editions, 1):
        started = time.monotonic()
        _say(f"[{step}/{len(editions)}] LaTeX maken ({edition.tag})...")
        texdir = _sphinx_latex(edition.tag, builddir, docs)
        _say(f"      pdflatex voor {len(edition.tex_files)} bestand(en)...")
        with ThreadPoolExecutor(max_workers=2) as pool:
            pdfs = list(pool.map(lambda tex: run_latexmk(texdir, tex), edition.tex_files))
        for pdf in pdfs:
            target = output / pdf.name
            shutil.copyfile(pdf, target)
            results.append(target)
            _say(f"      {target}")
        _say(f"      klaar in {time.monotonic() - started:.0f} s")
    return results


def card_ids(docs: Path) -> list[str]:
    return [path.stem for path in card_paths(docs / "kaarten")]


def handbook_editions(docs: Path) -> list[Edition]:
    return [Edition("pdf", ("handboek.tex",))]


def handout_editions(docs: Path) -> list[Edition]:
    ids = card_ids(docs)
    return [
        Edition(tag, tuple(handout_name(card, edition, ".tex") for card in ids))
        for edition, (tag, _) in HANDOUTS.items()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m handboek.pdf",
        description="Maak de pdf van het handboek of de uitdraaien per kaart.",
    )
    parser.add_argument("wat", choices=["handboek", "kaarten"], help="handboek: _build/pdf/handboek.pdf; kaarten: per kaart een editie voor deelnemers en voor de gespreksleider")
    parser.add_argument("--uitvoer", type=Path, help="map voor de pdf's (standaard _build/pdf of _build/pdf/kaarten)")
    parser.add_argument("--bouwmap", type=Path, default=ROOT / "_build", help="map voor tussenbestanden (standaard _build)")
    parser.add_argument("--bron", type=Path, default=ROOT / "docs", help="map met de pagina's (standaard docs)")
    args = parser.parse_args(argv)
    if args.wat == "handboek":
        editions, output = handbook_editions(args.bron), args.uitvoer or ROOT / "_build" / "pdf"
    else:
        editions, output = handout_editions(args.bron), args.uitvoer or ROOT / "_build" / "pdf" / "kaarten"
    try:
        build(editions, output, args.bouwmap, args.bron)
    except PdfError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
