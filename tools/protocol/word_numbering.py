"""Word's list numbering as Word shows it ("2.", "2.1.", "b)", "•"), from ``numbering.xml``.

mammoth keeps lists but flattens numbering that comes from a list style beyond the first level, and
shows no numbers at all. This module reads the numbering definitions through python-docx's parts
(``w:abstractNum`` levels with ``w:start``, ``w:numFmt``, ``w:lvlText``; ``w:num`` instances with their
``w:lvlOverride``/``w:startOverride``; ``w:numStyleLink``) and the paragraph styles linked to a list
(a style's ``w:numPr``, or a level's ``w:pStyle``), then counts paragraphs in document order:
one counter set per ``numId`` (so a new ``numId`` restarts), a deeper level restarts when a higher
level moves on.
"""

from __future__ import annotations

from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVELS = 9
#: Bullet characters of the Symbol and Wingdings fonts (private use area) as a reader sees them.
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖", "\uf06e": "■", "\uf0a8": "•"}


@dataclass(frozen=True)
class Level:
    start: int = 1
    format: str = "decimal"
    text: str = "%1."
    legal: bool = False  # w:isLgl: show higher levels as decimals


def _val(element, tag: str) -> str | None:
    child = element.find(W + tag) if element is not None else None
    return child.get(W + "val") if child is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(element) -> Level:
    return Level(
        start=_int(_val(element, "start"), 1),
        format=_val(element, "numFmt") or "decimal",
        text=_val(element, "lvlText") if _val(element, "lvlText") is not None else "",
        legal=element.find(W + "isLgl") is not None and _val(element, "isLgl") not in ("0", "false"),
    )


def _letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter)."""
    if number < 1:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)
    result = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            result, number = result + letters, number - value
    return result


def format_number(number: int, number_format: str) -> str:
    if number_format == "lowerLetter":
        return _letters(number)
    if number_format == "upperLetter":
        return _letters(number).upper()
    if number_format == "lowerRoman":
        return _roman(number)
    if number_format == "upperRoman":
        return _roman(number).upper()
    if number_format == "decimalZero":
        return f"{number:02d}"
    if number_format == "ordinal":
        return f"{number}e"
    if number_format == "none":
        return ""
    return str(number)


class Numbering:
    """The numbering definitions of one document and the counters while reading it in order."""

    def __init__(self, document) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.abstract_style_links: dict[str, str] = {}
        self.instances: dict[str, tuple[str, dict[int, Level]]] = {}
        self.level_styles: dict[str, tuple[str, int]] = {}  # paragraph style -> (abstractNumId, ilvl)
        self.styles: dict[str, tuple[str | None, int | None, str | None]] = {}  # style -> numId, ilvl, basedOn
        self.counters: dict[str, list[int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        for style in document.styles.element.findall(W + "style"):
            properties = style.find(W + "pPr")
            numbering = properties.find(W + "numPr") if properties is not None else None
            num_id = _val(numbering, "numId") if numbering is not None else None
            ilvl = _val(numbering, "ilvl") if numbering is not None else None
            self.styles[style.get(W + "styleId")] = (num_id, _int(ilvl, 0) if ilvl is not None else None, _val(style, "basedOn"))
        if root is None:
            return
        for abstract in root.findall(W + "abstractNum"):
            key = abstract.get(W + "abstractNumId")
            levels = {}
            for level in abstract.findall(W + "lvl"):
                ilvl = _int(level.get(W + "ilvl"), 0)
                levels[ilvl] = _level(level)
                style = _val(level, "pStyle")
                if style:
                    self.level_styles[style] = (key, ilvl)
            self.abstract[key] = levels
            link = _val(abstract, "numStyleLink")
            if link:
                self.abstract_style_links[key] = link
        for instance in root.findall(W + "num"):
            overrides: dict[int, Level] = {}
            abstract_id = _val(instance, "abstractNumId")
            for override in instance.findall(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                level = override.find(W + "lvl")
                start = _val(override, "startOverride")
                if level is not None:
                    overrides[ilvl] = _level(level)
                if start is not None:
                    base = overrides.get(ilvl) or self.abstract.get(abstract_id, {}).get(ilvl, Level())
                    overrides[ilvl] = Level(_int(start, 1), base.format, base.text, base.legal)
            self.instances[instance.get(W + "numId")] = (abstract_id, overrides)

    def list_styles(self) -> set[str]:
        """The paragraph styles that carry list numbering (their own ``w:numPr`` or a level's ``w:pStyle``)."""
        return {style for style, (num_id, _, _) in self.styles.items() if num_id} | set(self.level_styles)

    def _levels(self, num_id: str) -> dict[int, Level]:
        abstract_id, overrides = self.instances.get(num_id, (None, {}))
        link = self.abstract_style_links.get(abstract_id or "")
        if link and self.styles.get(link, (None,))[0] in self.instances:  # w:numStyleLink -> the real list
            abstract_id = self.instances[self.styles[link][0]][0]
        return {**self.abstract.get(abstract_id or "", {}), **overrides}

    def _resolve(self, paragraph) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph: its own w:numPr, else its style's (following basedOn)."""
        properties = paragraph.find(W + "pPr")
        numbering = properties.find(W + "numPr") if properties is not None else None
        num_id = _val(numbering, "numId") if numbering is not None else None
        ilvl_text = _val(numbering, "ilvl") if numbering is not None else None
        ilvl = _int(ilvl_text, 0) if ilvl_text is not None else None
        style = _val(properties, "pStyle") if properties is not None else None
        seen = set()
        while style and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)
            style_num, style_ilvl, based_on = self.styles.get(style, (None, None, None))
            if num_id is None and style_num is not None:
                num_id = style_num
            if ilvl is None and style_ilvl is not None:
                ilvl = style_ilvl
            if ilvl is None and style in self.level_styles:
                ilvl = self.level_styles[style][1]
            style = based_on
        if num_id is None or num_id == "0" or num_id not in self.instances:
            return None
        return num_id, min(max(ilvl or 0, 0), MAX_LEVELS - 1)

    def label(self, paragraph) -> tuple[str, int] | None:
        """The number Word shows before this paragraph and its list level (0 = top); counts it.

        Call once per paragraph, in document order. ``None`` for a paragraph outside a list.
        """
        resolved = self._resolve(paragraph)
        if resolved is None:
            return None
        num_id, ilvl = resolved
        levels = self._levels(num_id)
        counters = self.counters.setdefault(num_id, [None] * MAX_LEVELS)
        level = levels.get(ilvl, Level())
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            counters[deeper] = None
        if level.format == "bullet":
            return "".join(_BULLETS.get(c, c) for c in level.text).strip() or "•", ilvl
        text = level.text
        for index in range(MAX_LEVELS - 1, -1, -1):  # %10 does not exist; replace %9 before %1
            placeholder = f"%{index + 1}"
            if placeholder in text:
                other = levels.get(index, Level())
                value = counters[index] if counters[index] is not None else other.start
                number_format = "decimal" if level.legal and index < ilvl else other.format
                text = text.replace(placeholder, format_number(value, number_format))
        return text.strip(), ilvl
