"""The structure shared by the importers: blocks in reading order -> chapters and rules.

Every reader (``import_docx``, ``import_markdown``) turns a file into a list of :class:`Block` s in
reading order; :func:`build_protocol` makes chapters and rules of them:

- the document's title: a paragraph in Word's *Title* style, or a single top-level heading that comes
  before every other heading; otherwise the file name;
- a chapter per heading of the highest remaining level; content before the first such heading goes
  into a chapter without a title;
- a heading of a lower level becomes the title of the rule that follows it (or a rule of its own when
  no paragraph follows);
- a rule per paragraph, list item and table (a table as text: one line per row, cells between " | ").

**Ids** follow the position, so importing the same document again gives the same ids: the n-th chapter
is ``hoofdstuk-n``, the m-th rule in it ``regel-n-m`` (counting paragraphs, list items and tables;
empty paragraphs do not count). Inserting a paragraph shifts the ids after it in that chapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .schema import has_visible_text


class ImportProblem(ValueError):
    """The file cannot be imported; ``str()`` is a Dutch message naming the file."""


@dataclass(frozen=True)
class Block:
    kind: str  # "titel", "kop", "alinea", "item", "tabel"
    text: str
    level: int = 1  # heading level, or list level (1 = top)
    number: str = ""  # the number Word shows, e.g. "2.1." or "•"


@dataclass
class Imported:
    data: dict
    notes: list[str] = field(default_factory=list)  # Dutch: what was not taken over, and why

    @property
    def rule_count(self) -> int:
        return sum(len(chapter["regels"]) for chapter in self.data["hoofdstukken"])

    @property
    def chapter_count(self) -> int:
        return len(self.data["hoofdstukken"])




def one_line(text: str) -> str:
    return " ".join(text.split())


def _title_from_name(path: Path) -> str:
    return one_line(re.sub(r"[_-]+", " ", path.stem)) or "Eigen protocol"


def build_protocol(blocks: list[Block], source: Path, file_format: str) -> dict:
    """Chapters and rules from blocks (see the module's description), as model data."""
    blocks = [b for b in blocks if has_visible_text(b.text)]  # an empty or invisible paragraph is no rule
    title = next((b.text for b in blocks if b.kind == "titel"), None)
    blocks = [b for b in blocks if b.kind != "titel"] if title is not None else blocks
    headings = [b for b in blocks if b.kind == "kop"]
    if title is None and len(headings) > 1:
        top = min(h.level for h in headings)
        if sum(1 for h in headings if h.level == top) == 1 and headings[0].level == top:
            title = headings[0].text
            blocks = [b for b in blocks if b is not headings[0]]
            headings = headings[1:]
    chapter_level = min((h.level for h in headings), default=1)
    chapters: list[dict] = []
    pending: Block | None = None

    def chapter() -> dict:
        if not chapters:
            chapters.append({"id": "hoofdstuk-1", "regels": []})
        return chapters[-1]

    def add_rule(block: Block, heading: Block | None) -> None:
        current = chapter()
        rule: dict = {"id": f"regel-{len(chapters)}-{len(current['regels']) + 1}"}
        if block.number:
            rule["nummer"] = block.number
        if block.level > 1 and block.kind == "item":
            rule["niveau"] = min(block.level, 9)
        if heading is not None:
            rule["titel"] = one_line(heading.text)
            if heading.number and not block.number:
                rule["nummer"] = heading.number
        rule["tekst"] = block.text.strip() if block.kind == "tabel" else one_line(block.text)
        rule["onderwerpen"] = []
        current["regels"].append(rule)

    for block in blocks:
        if block.kind == "kop" and block.level <= chapter_level:
            if pending is not None:
                add_rule(pending, None)
                pending = None
            new = {"id": f"hoofdstuk-{len(chapters) + 1}", "titel": one_line(block.text)}
            if block.number:
                new["nummer"] = block.number
            new["regels"] = []
            chapters.append(new)
        elif block.kind == "kop":
            if pending is not None:
                add_rule(pending, None)
            pending = block
        else:
            add_rule(block, pending)
            pending = None
    if pending is not None:
        add_rule(pending, None)
    chapters = [c for c in chapters if c["regels"] or c.get("titel")]
    return {
        "versie": 1,
        "titel": one_line(title) if title else _title_from_name(source),
        "bron": {"bestand": source.name, "formaat": file_format},
        "hoofdstukken": chapters,
    }
