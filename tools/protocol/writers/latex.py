"""The LaTeX writer: a complete .tex file, from the shared preamble ``templates/latex-preamble.tex``.

The preamble (document class, fonts, language, page layout) is a file of its
own so that the TeX set-up can change without touching this writer. Every
text passes through :func:`latex_escape`; no macro here takes an argument from data.
"""

from __future__ import annotations

import re

from ..blocks import (
    Added, Block, Bullets, Definitions, Emph, FillIn, Heading, Inlines, KwestieLink, Link, Page, Paragraph, Removed,
    Rule, Section, Strong, Table, Text, Title,
)
from ..model import TEMPLATES_DIR
from .. import teksten
from ..cleantext import fold

EXTENSION = "tex"
PREAMBLE = TEMPLATES_DIR / "latex-preamble.tex"

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "^": r"\textasciicircum{}", "_": r"\_", "~": r"\textasciitilde{}", "%": r"\%",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", '"': "''",
    # "[" after \item or a table row's \\ would open an optional argument ("[vindplaats]" at the start of an item).
    "[": "{[}",
}
_LATEX = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIAL))


def _escape(value: object) -> str:
    return _LATEX.sub(lambda m: _LATEX_SPECIAL[m.group(0)], fold(value))


def latex_escape(value: object) -> str:
    """Text that LaTeX typesets literally."""
    return _escape(value).strip()


def _inline(item) -> str:
    if isinstance(item, Text):
        return _escape(item.text)
    if isinstance(item, Strong):
        return rf"\textbf{{{latex_escape(item.text)}}}"
    if isinstance(item, Emph):
        return rf"\emph{{{latex_escape(item.text)}}}"
    if isinstance(item, Link):
        return f"{latex_escape(item.text)} ({latex_escape(item.url)})"
    if isinstance(item, KwestieLink):
        return _escape(item.text)
    if isinstance(item, Added):  # commands of the preamble: coloured and underlined, or struck through
        return rf"\toegevoegd{{{latex_escape(item.text)}}}"
    if isinstance(item, Removed):
        return rf"\weggehaald{{{latex_escape(item.text)}}}"
    raise TypeError(f"unknown inline {item!r}")


def inlines(content: Inlines) -> str:
    return "".join(_inline(item) for item in content).strip()


def _table(table: Table) -> str:
    columns = "l" * (len(table.header) - 1) + r">{\raggedright\arraybackslash}X"  # no stretched spaces
    lines = [rf"\begin{{tabularx}}{{\textwidth}}{{@{{}}{columns}@{{}}}}",
             " & ".join(rf"\textbf{{{latex_escape(cell)}}}" for cell in table.header) + r" \\"]
    for row in table.rows:
        cells = [rf"\textbf{{{latex_escape(cell)}}}" if index == 0 and table.row_headers else latex_escape(cell)
                 for index, cell in enumerate(row)]
        lines.append(" & ".join(cells) + r" \\")
    return "\n".join(lines + [r"\end{tabularx}"])


def _small(text: str) -> str:
    return rf"{{\small\itshape {text}}}"


def _block(block: Block) -> str:
    if isinstance(block, Title):
        # Ragged, and no word of the title (the school's name) hyphenated.
        title = (rf"{{\sffamily\bfseries\huge\color{{accent}}\raggedright\hyphenpenalty=10000\exhyphenpenalty=10000 "
                 rf"{latex_escape(block.text)}\par}}")
        if block.subtitle:
            title += "\n\\medskip\n" + rf"{{\sffamily\large {inlines(block.subtitle)}\par}}"
        return title + "\n\\bigskip"
    if isinstance(block, Heading):
        badge = f" ({latex_escape(block.badge)})" if block.badge else ""
        command = "section" if block.level == 1 else "subsection"
        return rf"\{command}*{{{latex_escape(block.text)}{badge}}}"
    if isinstance(block, Paragraph):
        text = inlines(block.content)
        return _small(text) if block.style == "toelichting" else text
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Rule):
        heading = rf"\subsection*{{{latex_escape(block.heading)}}}" + "\n" if block.heading.strip() else ""
        parts = [heading + latex_escape(block.text)]
        if block.note:
            parts.append(_small(latex_escape(block.note)))
        if block.kwesties:
            parts.append(_small(inlines(block.kwesties)))
        return "\n\n".join(parts)
    if isinstance(block, FillIn):
        return latex_escape(block.label) + r" \rule{6cm}{0.4pt}"
    if isinstance(block, Definitions):
        return "\n\n".join(rf"\textbf{{{latex_escape(item.term)}:}} {inlines(item.content)}" for item in block.items)
    if isinstance(block, Bullets):
        return "\\begin{itemize}\n" + "\n".join(rf"\item {inlines(item)}" for item in block.items) + "\n\\end{itemize}"
    if isinstance(block, Section):
        return "\n\n".join(_block(child) for child in block.blocks)
    raise TypeError(f"unknown block {block!r}")


def render(page: Page) -> str:
    footer = latex_escape(page.footer)
    return "\n".join([
        PREAMBLE.read_text(encoding="utf-8").rstrip(),
        # A long school name wraps in its box instead of running into the page number.
        rf"\fancyfoot[L]{{\footnotesize\sffamily\parbox[b]{{0.8\textwidth}}{{\raggedright {footer}}}}}",
        rf"\fancyfoot[R]{{\footnotesize\sffamily {teksten.PAGE} \thepage}}",
        rf"\hypersetup{{pdftitle={{{latex_escape(page.title)}}}, pdfauthor={{{latex_escape(page.author)}}}, "
        rf"pdfsubject={{{latex_escape(page.subject)}}}, pdflang={{nl-NL}}}}",
        r"\begin{document}",
        "\n\n".join(_block(block) for block in page.blocks),
        r"\end{document}",
        "",
    ])
