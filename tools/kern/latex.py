"""Run LaTeX: check that TeX and its Dutch support are installed, turn a .tex file into a PDF.

Used by the handbook's PDFs (``handboek.pdf``) and the wizard's PDF draft. Babel falls
back to English hyphenation without a word when ``texlive-lang-european`` is missing,
so the log is checked as well as the exit code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

INSTALL_HINT = "make tex"
TEX_PROGRAMS = ("latexmk", "pdflatex", "kpsewhich")
_NO_DUTCH = re.compile(r"No hyphenation patterns were (pre)?loaded for\s*(\(babel\)\s*)?the language\s*`Dutch'", re.S)


class PdfError(RuntimeError):
    """A PDF cannot be built; the message is one Dutch sentence for the user."""


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
