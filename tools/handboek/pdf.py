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
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .loader import card_paths

ROOT = Path(__file__).resolve().parents[2]
INSTALL_HINT = "make tex"
TEX_PROGRAMS = ("latexmk", "pdflatex", "kpsewhich")
_NO_DUTCH = re.compile(r"No hyphenation patterns were (pre)?loaded for\s*(\(babel\)\s*)?the language\s*`Dutch'", re.S)


class PdfError(RuntimeError):
    """A PDF cannot be built; the message is one Dutch sentence for the user."""


@dataclass(frozen=True)
class Edition:
    """One Sphinx LaTeX build: its tag and the .tex files it should turn into PDFs."""

    tag: str
    tex_files: tuple[str, ...]


def check_tex() -> None:
    """Fail with one clear Dutch sentence when TeX or its Dutch support is missing."""
    missing = [program for program in TEX_PROGRAMS if shutil.which(program) is None]
    if missing:
        raise PdfError(
            f"TeX ontbreekt ({', '.join(missing)}), dus er kan geen pdf worden gemaakt: "
            f"installeer het met '{INSTALL_HINT}'."
        )
    found = subprocess.run(["kpsewhich", "dutch.ldf", "hyph-nl.tex"], capture_output=True, text=True).stdout
    if "dutch.ldf" not in found or "hyph-nl.tex" not in found:
        raise PdfError(
            "De Nederlandse taalondersteuning van TeX ontbreekt (Debian-pakket texlive-lang-european), "
            f"zonder die zou de pdf Engelse afbreking en kopjes krijgen: installeer het met '{INSTALL_HINT}'."
        )


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


def run_latexmk(texdir: Path, tex: str, timeout: float | None = None) -> Path:
    """Turn ``texdir/tex`` into a PDF and check that Dutch hyphenation was loaded."""
    command = ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-silent", tex]
    try:
        result = subprocess.run(command, cwd=texdir, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PdfError(f"pdflatex deed er te lang over (meer dan {timeout:.0f} s) voor {tex}.") from None
    log = texdir / tex.replace(".tex", ".log")
    if result.returncode:
        tail = log.read_text(encoding="latin-1")[-3000:] if log.exists() else result.stdout[-3000:]
        raise PdfError(f"pdflatex kon {tex} niet omzetten naar pdf. Laatste regels van het logboek:\n{tail}")
    if _NO_DUTCH.search(log.read_text(encoding="latin-1")):
        raise PdfError(
            f"{tex}: TeX heeft geen Nederlandse afbreekpatronen geladen (texlive-lang-european ontbreekt?); "
            f"installeer het met '{INSTALL_HINT}'."
        )
    return texdir / tex.replace(".tex", ".pdf")


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
        Edition("pdf", tuple(f"{card}-gespreksleider.tex" for card in ids)),
        Edition("deelnemers", tuple(f"{card}-deelnemers.tex" for card in ids)),
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
