"""Turn a seed text (text extracted from a card's PDF) into the sentences a card page must hold.

The same normalisation is applied to the seed and to the page: whitespace
folded, typographic quotes made plain. On the seed side, words broken at a
line end are joined again, bullets and headings are dropped, and the card's
documented corrections (front matter ``correcties``) are applied.
"""

from __future__ import annotations

import re

# Lines that are headings or page furniture in the PDFs, not sentences.
HEADING_LINES = re.compile(
    r"^(Kwestie \d+|Vragen|Voorbeeld \d+|Voorbeelden|Achtergrondinformatie|Aandachtspunten"
    r"|Tot slot|Verder lezen|Discussie - .*|Discussiekaart \d+:|Laat ict werken voor het onderwijs)$"
)
BULLETS = re.compile(r"^[•\uf0a7\u2022\t ]+")
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def squash(text: str) -> str:
    """Whitespace folded, quotes kept."""
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " "))
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    return re.sub(r"\(\s+", "(", text).strip()


def fold(text: str) -> str:
    """Whitespace and quotes folded the same way on both sides."""
    return squash(text.translate(QUOTES))


def _join_lines(lines: list[str]) -> str:
    """Join a block's lines, repairing words broken at a line end."""
    text = ""
    for line in lines:
        line = BULLETS.sub("", line.strip())
        if not line:
            continue
        if re.search(r"\w-\s*$", text) and line[:1].islower():
            text = re.sub(r"-\s*$", "", text) + line  # onderwijs-/professionals
        elif re.search(r"\w-\s*$", text):
            text = text.rstrip() + line  # klasse-/WhatsAppgroep keeps its hyphen
        else:
            text = f"{text} {line}" if text else line
    return text


def seed_blocks(seed: str, title: str = "") -> list[str]:
    """The seed's text between headings (and the card's title on a line of its own), each block as one line."""
    blocks: list[list[str]] = [[]]
    for raw in seed.splitlines():
        if HEADING_LINES.match(raw.strip()) or (title and raw.strip() == title):
            blocks.append([])
        else:
            blocks[-1].append(raw)
    return [joined for block in blocks if (joined := _join_lines(block))]


def split_sentences(text: str) -> list[str]:
    # A sentence ends at . ? ! (and a closing quote), or after "(Bron: ...)".
    parts = re.split(r'(?:(?<=[.?!])|(?<=[.?!]["\'])|(?<=\)))\s+(?=["\'(]?[A-Z0-9])', text)
    return [part.strip() for part in parts if part.strip()]


def seed_sentences(seed: str, corrections: list[dict], title: str = "") -> list[str]:
    """The sentences a card page must hold: the seed's, corrected; ``title`` is the card's title."""
    sentences = []
    for block in seed_blocks(seed, title):
        block = fold(block)
        for correction in corrections:
            block = block.replace(fold(correction["was"]), fold(correction["wordt"]))
        sentences += split_sentences(block)
    return sentences
