"""Run LaTeX: check that TeX and its Dutch support are installed, turn a .tex file into a PDF.

Two engines: pdflatex for the handbook's PDFs (``handboek.pdf``, Sphinx's LaTeX, Dutch
text only) and LuaLaTeX for the wizard's draft, whose text can be in any script
(``protocol/templates/protocolpdf.sty`` sets its fonts). Babel falls back to English
hyphenation without a word when ``texlive-lang-european`` is missing, so the log is
checked as well as the exit code.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


def _install_hint() -> str:
    """``make tex`` as a command that runs from any folder (the wizard prints it wherever it runs):
    with the checkout this code runs from, by its path; installed without one, as it is."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "Makefile").is_file() and (checkout / "tools" / "systeempakketten.sh").is_file():
        return f"make -C {shlex.quote(str(checkout))} tex"
    return "make tex"


#: How to install TeX, in the messages that say it is missing.
INSTALL_HINT = _install_hint()


@dataclass(frozen=True)
class Engine:
    """A TeX engine: its latexmk option, the programs and the files (found by kpsewhich) it needs."""

    name: str
    latexmk_option: str
    programs: tuple[str, ...]
    files: dict[str, str]  # file -> the Debian package that holds it


PDFLATEX = Engine(
    "pdflatex", "-pdf", ("latexmk", "pdflatex", "kpsewhich"),
    {"dutch.ldf": "texlive-lang-european", "hyph-nl.tex": "texlive-lang-european"},
)
LUALATEX = Engine(
    "lualatex", "-lualatex", ("latexmk", "lualatex", "kpsewhich"),
    {
        "hyph-nl.tex": "texlive-lang-european",
        "luaotfload.sty": "texlive-luatex",
        "fontspec.sty": "texlive-latex-recommended",
        "NotoSerif-Regular.ttf": "fonts-noto-core",
        "NotoSerifCJK-Regular.ttc": "fonts-noto-cjk",
        "NotoColorEmoji.ttf": "fonts-noto-color-emoji",
    },
)
# Whole lines in the log (so its messages can be read), and input lines as long as an escaped
# text field can make them (up to 20,000 characters of 16 bytes each).
TEX_ENV = {**os.environ, "max_print_line": "100000", "buf_size": "1000000"}

# pdflatex (classic babel) and LuaLaTeX (\babelprovide) say in different words that there
# are no Dutch patterns.
_NO_DUTCH = re.compile(
    r"No hyphenation patterns were (pre)?loaded for\s*(\(babel\)\s*)?the language\s*`Dutch'"
    r"|Hyphen rules for 'dutch' set to \\l@nil",
    re.S,
)
_MISSING_CHARACTER = re.compile(r"Missing character: There is no (.) \(U\+([0-9A-F]{4,6})\)")
_MISSING_FONT = re.compile(r'(?:font|Font) "([^"]+)" (?:cannot be found|not found)')


class PdfError(RuntimeError):
    """A PDF cannot be built; the message is one Dutch sentence for the user."""


def check_tex(*engines: Engine) -> None:
    """Fail with one clear Dutch sentence when TeX, its Dutch support or a font of ``engines``
    (pdflatex when none is named) is missing."""
    engines = engines or (PDFLATEX,)
    programs = list(dict.fromkeys(program for engine in engines for program in engine.programs))
    files = {name: package for engine in engines for name, package in engine.files.items()}
    missing = [program for program in programs if shutil.which(program) is None]
    if missing:
        raise PdfError(
            f"TeX ontbreekt ({', '.join(missing)}), dus er kan geen pdf worden gemaakt: "
            f"installeer het met '{INSTALL_HINT}'."
        )
    found = subprocess.run(["kpsewhich", *files], capture_output=True, text=True).stdout
    absent = [name for name in files if not re.search(rf"/{re.escape(name)}$", found, re.M)]
    if "dutch.ldf" in absent or "hyph-nl.tex" in absent:
        raise PdfError(
            "De Nederlandse taalondersteuning van TeX ontbreekt (Debian-pakket texlive-lang-european), "
            f"zonder die zou de pdf Engelse afbreking en kopjes krijgen: installeer het met '{INSTALL_HINT}'."
        )
    if absent:
        packages = sorted({files[name] for name in absent})
        raise PdfError(
            f"TeX mist {', '.join(absent)} (Debian: {', '.join(packages)}), "
            f"dus er kan geen pdf worden gemaakt: installeer het met '{INSTALL_HINT}'."
        )


def _failure(tex: str, engine: Engine, log: str) -> str:
    """What went wrong, in one Dutch sentence where the log says it plainly."""
    if character := _MISSING_CHARACTER.search(log):
        return (f"{engine.name} kon {tex} niet omzetten naar pdf: geen lettertype heeft het teken "
                f"'{character.group(1)}' (U+{character.group(2)}).")
    if font := _MISSING_FONT.search(log):
        return (f"{engine.name} kon {tex} niet omzetten naar pdf: het lettertype '{font.group(1)}' ontbreekt; "
                f"installeer het met '{INSTALL_HINT}'.")
    return f"{engine.name} kon {tex} niet omzetten naar pdf. Laatste regels van het logboek:\n{log[-3000:]}"


def run_latexmk(texdir: Path, tex: str, timeout: float | None = None, engine: Engine = PDFLATEX) -> Path:
    """Turn ``texdir/tex`` into a PDF and check that Dutch hyphenation was loaded."""
    command = ["latexmk", engine.latexmk_option, "-interaction=nonstopmode", "-halt-on-error", "-silent", tex]
    try:
        result = subprocess.run(command, cwd=texdir, capture_output=True, text=True, timeout=timeout, env=TEX_ENV)
    except subprocess.TimeoutExpired:
        raise PdfError(f"{engine.name} deed er te lang over (meer dan {timeout:.0f} s) voor {tex}.") from None
    logfile = texdir / tex.replace(".tex", ".log")
    log = logfile.read_text(encoding="utf-8", errors="replace") if logfile.exists() else result.stdout
    if result.returncode:
        raise PdfError(_failure(tex, engine, log))
    if _NO_DUTCH.search(log):
        raise PdfError(
            f"{tex}: TeX heeft geen Nederlandse afbreekpatronen geladen (texlive-lang-european ontbreekt?); "
            f"installeer het met '{INSTALL_HINT}'."
        )
    return texdir / tex.replace(".tex", ".pdf")
