"""Which characters the PDF draft can show: the fonts of ``protocolpdf.sty``, as code point ranges.

The ranges are stored in ``templates/pdftekens.txt`` so that ``controleer`` gives the same
answer on every machine, with or without TeX. They are made from the fonts themselves
(fontconfig's ``fc-list`` and ``fc-query``, which count only glyphs that show something):

    python -m protocol.pdftekens            # compare with the installed fonts
    python -m protocol.pdftekens --schrijf  # write templates/pdftekens.txt anew

A character counts when every face of the text fonts (Noto Serif, Noto Sans) has it or a
fallback font has it; in the blocks of a script with its own fonts (Arabic, Hebrew,
Chinese), when every face of those fonts or a font of the script fallback list has it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import TEMPLATES_DIR
from .render import clean_text

STYLE = TEMPLATES_DIR / "protocolpdf.sty"
TABLE = TEMPLATES_DIR / "pdftekens.txt"
TEXT_FAMILIES = ("Noto Serif", "Noto Sans")
# The ISO 15924 script babel uses for each language the style gives its own fonts.
SCRIPTS = {"arabic": "Arab", "hebrew": "Hebr", "chinese": "Hans"}
# What never reaches a font: line breaks and tabs become spaces; the emoji presentation
# selectors and tag characters are ignored (see the style); render.clean_text removes the
# invisible controls.
NOT_TYPESET = frozenset("\t\n\r\ufe0e\ufe0f" + "".join(map(chr, range(0xE0020, 0xE0080))))
# Never text, whatever a font maps: controls (C0, DEL, C1), surrogates, private use, and U+FFFD
# (the sign of text that was decoded wrongly; LuaTeX takes it for an invalid input byte).
NOT_TEXT = (range(0x00, 0x20), range(0x7F, 0xA0), range(0xD800, 0xE000), range(0xE000, 0xF900),
            range(0xFFFD, 0xFFFE), range(0xE0020, 0xE0080), range(0xF0000, 0x110000))


@dataclass(frozen=True)
class StyleFonts:
    """The fonts ``protocolpdf.sty`` names: fallback fonts by PostScript name, the others by family."""

    fallback: list[str]  # after the text fonts
    script_fallback: list[str]  # after a script's own fonts
    scripts: dict[str, list[str]]  # language -> its own families


def style_fonts() -> StyleFonts:
    style = STYLE.read_text(encoding="utf-8")
    names = re.compile(r'"([A-Za-z0-9-]+):mode=harf;"')
    fallback = names.findall(re.search(r"local fallback = \{(.*?)\}", style, re.S).group(1))
    script_fallback = names.findall(re.search(r'add_fallback\("protocolpdfscript", \{(.*?)\}', style).group(1))
    scripts: dict[str, list[str]] = {}
    for language, family in re.findall(r"\\babelfont\[([a-z]+)\]\{[a-z]+\}\[[^\]]*\]\{([^}]+)\}", style):
        scripts.setdefault(language, []).append(family)
    return StyleFonts(fallback, script_fallback + fallback, scripts)


def _charsets(pattern: str) -> list[set[int]]:
    """The code points of each font file fontconfig finds for ``pattern`` (all faces of a collection)."""
    files = subprocess.run(["fc-list", pattern, "file"], capture_output=True, text=True, check=True).stdout
    paths = sorted({line.rstrip().rstrip(":") for line in files.splitlines() if line.strip()})
    if not paths:
        raise LookupError(f"lettertype niet gevonden: {pattern}")
    charsets = []
    for path in paths:
        out = subprocess.run(["fc-query", "-f", "%{charset}\n", path], capture_output=True, text=True, check=True).stdout
        points: set[int] = set()
        for part in out.split():
            first, _, last = part.partition("-")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
        charsets.append(points)
    return charsets


def _script_blocks() -> dict[str, set[int]]:
    """The code points babel gives to each script's font (``Babel.script_blocks`` in luababel.def)."""
    path = subprocess.run(["kpsewhich", "luababel.def"], capture_output=True, text=True, check=True).stdout.strip()
    source = Path(path).read_text(encoding="utf-8")
    blocks = {}
    for script, ranges in re.findall(r"\['(\w{4})'\] = \{((?:\{0x[0-9A-F]+, 0x[0-9A-F]+\},?\s*)+)\}", source):
        blocks[script] = {point for first, last in re.findall(r"\{0x([0-9A-F]+), 0x([0-9A-F]+)\}", ranges)
                          for point in range(int(first, 16), int(last, 16) + 1)}
    return blocks


def installed_coverage() -> set[int]:
    """The code points the installed fonts of the style can show (needs fontconfig, kpsewhich and the fonts).

    Babel sends the characters of a script's blocks (and combining marks after them) to that
    script's fonts, then to the script fallback list; every other character goes to the text
    fonts, then to the fallback list. Characters of the text fonts must be in every face.
    """
    fonts = style_fonts()

    def union(names: list[str]) -> set[int]:
        return set().union(*(points for name in names for points in _charsets(f":postscriptname={name}")))

    def every_face(families) -> set[int]:
        return set.intersection(*(points for family in families for points in _charsets(family)))

    covered = every_face(TEXT_FAMILIES) | union(fonts.fallback)
    script_fallback = union(fonts.script_fallback)
    blocks = _script_blocks()
    for language, families in fonts.scripts.items():
        block = blocks[SCRIPTS[language]]
        covered = (covered - block) | ((every_face(families) | script_fallback) & block)
    return covered.difference(*NOT_TEXT)


def to_ranges(points: set[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    return ranges


def format_table(points: set[int]) -> str:
    lines = ["# Code points the PDF draft can show (python -m protocol.pdftekens --schrijf)."]
    lines += [f"{first:X}-{last:X}" if first != last else f"{first:X}" for first, last in to_ranges(points)]
    return "\n".join(lines) + "\n"


def table_points() -> set[int]:
    """The code points in ``pdftekens.txt``."""
    points: set[int] = set()
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            first, _, last = line.partition("-")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


@lru_cache(maxsize=1)
def _unshowable() -> re.Pattern[str]:
    """A pattern that finds any character outside the table (a negated class: linear, in C)."""
    parts = [re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last != first else "")
             for first, last in to_ranges(table_points())]
    parts += [re.escape(character) for character in sorted(NOT_TYPESET)]
    return re.compile("[^" + "".join(parts) + "]")


def unshowable(text: str) -> list[str]:
    """The characters of ``text`` that the PDF cannot show, each once, in order of appearance
    (what the templates remove, :func:`protocol.render.clean_text`, never reaches it)."""
    return list(dict.fromkeys(_unshowable().findall(str(clean_text(text)))))


def pdf_problem(text: str) -> str | None:
    """The checker's question for every text value (``Checker(text_check=...)``)."""
    characters = unshowable(text)
    return refusal(characters) if characters else None


def describe(character: str) -> str:
    """``'\U00017000'`` -> ``'𗀀' (U+17000)``; one that does not show, by its code point only."""
    visible = character.isprintable() and not character.isspace()
    return f"'{character}' (U+{ord(character):04X})" if visible else f"U+{ord(character):04X}"


def refusal(characters: list[str], shown: int = 3) -> str:
    """One Dutch sentence saying which characters the PDF cannot show (the first ``shown`` of them)."""
    names = [describe(character) for character in characters[:shown]]
    if len(characters) > shown:
        names.append(f"nog {len(characters) - shown} andere")
    if len(names) == 1:
        return f"het teken {names[0]} kan niet in de pdf worden gezet; laat het weg of vervang het."
    listed = ", ".join(names[:-1]) + " en " + names[-1]
    return f"de tekens {listed} kunnen niet in de pdf worden gezet; laat ze weg of vervang ze."


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        table = format_table(installed_coverage())
    except (OSError, LookupError, subprocess.CalledProcessError) as error:
        print(f"Fout: de lettertypen van de pdf zijn niet te lezen ({error}); installeer ze met 'make tex'.", file=sys.stderr)
        return 1
    if argv == ["--schrijf"]:
        TABLE.write_text(table, encoding="utf-8")
        print(f"{TABLE} geschreven.")
        return 0
    if table != TABLE.read_text(encoding="utf-8"):
        print(f"{TABLE} past niet bij de geïnstalleerde lettertypen; maak het opnieuw met --schrijf.", file=sys.stderr)
        return 1
    print(f"{TABLE} past bij de geïnstalleerde lettertypen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
