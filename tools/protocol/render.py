"""Render a :class:`ProtocolDocument` through the Jinja2 templates in ``tools/protocol/templates/``.

Templates run in a ``SandboxedEnvironment`` with ``StrictUndefined``. Data is
never template: it is passed in as values and escaped for each format:
HTML by autoescaping, Markdown/MyST by :func:`markdown_escape` (and :func:`markdown_block_escape` at a line start), LaTeX by
:func:`latex_escape`.
"""

from __future__ import annotations

import re

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from .document import ProtocolDocument, format_day
from .model import TEMPLATES_DIR

# Characters with a meaning anywhere in CommonMark or MyST inline text.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~&$%!])")
# What starts a block (list, heading, quote, MyST target/comment/fence) at a line start.
_MD_LINE_START = re.compile(r"^(\s*)([-+=:>(%]|\d+(?=[.)]))")
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "^": r"\textasciicircum{}", "_": r"\_", "~": r"\textasciitilde{}", "%": r"\%",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", '"': "''",
}
_LATEX = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIAL))
# Characters no document should hold: C0 controls other than tab and newline (invalid in
# XML, so in Word), and bidirectional overrides, which can reorder what a reader sees.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


def clean_text(value: object) -> object:
    """Remove invisible control characters from a text value (Jinja's ``finalize``)."""
    return _INVISIBLE.sub("", value) if isinstance(value, str) else value


_LINE_BREAKS = re.compile(r"[\r\n]+")


def _one_line(value: object) -> str:
    """Line breaks, with the spaces around them, folded into one space: linear, however long the runs."""
    parts = (part.strip() for part in _LINE_BREAKS.split(str(clean_text(value))))
    return " ".join(part for part in parts if part)


def one_line_text(value: object) -> object:
    """Text on one line, tabs as spaces (Word's ``finalize``): each line break or tab would become its own
    element there, and lxml moves many such elements in quadratic time."""
    return _one_line(value).replace("\t", " ") if isinstance(value, str) else value


def markdown_escape(value: object) -> str:
    """Text that Markdown and MyST show literally inside a line (no markup)."""
    return _MD_INLINE.sub(r"\\\1", _one_line(value))


def markdown_block_escape(value: object) -> str:
    """Like :func:`markdown_escape`, for text that starts a line: no list, heading or target either."""
    text = markdown_escape(value)
    match = _MD_LINE_START.match(text)
    if not match:
        return text
    if match.group(2).isdigit():  # "1. tekst" -> "1\. tekst"
        end = match.end()
        return text[:end] + "\\" + text[end:]
    return match.group(1) + "\\" + text[match.end(1):]


def latex_escape(value: object) -> str:
    """Text that LaTeX typesets literally."""
    return _LATEX.sub(lambda m: _LATEX_SPECIAL[m.group(0)], _one_line(value))


def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=clean_text,
    )
    env.filters["md"] = markdown_escape
    env.filters["mdblock"] = markdown_block_escape
    env.filters["tex"] = latex_escape
    env.filters["datum"] = format_day
    return env


def render_template(name: str, document: ProtocolDocument, **extra: object) -> str:
    return environment().get_template(name).render(doc=document, **extra)


def render_markdown(document: ProtocolDocument, *, myst: bool = False) -> str:
    """Plain Markdown, or (``myst=True``) MyST for the handbook with anchors and kwestie links."""
    return render_template("protocol.md.j2", document, myst=myst)


def render_html(document: ProtocolDocument) -> str:
    """One self-contained HTML file: inline styles, no scripts, nothing loaded from elsewhere."""
    return render_template("protocol.html.j2", document)
