"""A word-level comparison of two texts (stdlib difflib), for the change report.

:func:`compare` turns the model's text of a rule and the team's new text into
inline content: unchanged words as :class:`~protocol.blocks.Text`, removed words
as :class:`~protocol.blocks.Removed`, added words as :class:`~protocol.blocks.Added`.
Long unchanged stretches are shortened to a few words on either side of each
change, so that a one-sentence change in a long rule stands out; the full new
text is in the report next to it.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from .blocks import Added, Inline, Inlines, Removed, Text

#: Unchanged words kept on either side of a change; a longer unchanged stretch is shortened to "…".
CONTEXT_WORDS = 8
#: An unchanged stretch of at most this many words between two changes is shown as part of them.
JOIN_WORDS = 2
#: Above this many word pairs (old words times new words) the texts are not compared word by word: difflib's
#: time grows with that product (about 0.1 s here at this limit), and a rule rewritten that much is shown as
#: removed and added whole.
MAX_PAIRS = 1_000_000
ELLIPSIS = "…"


def _same(words: list[str], first: bool, last: bool, context: int) -> str:
    """An unchanged stretch: in full when short, else its ends next to the changes around it."""
    if first and last:  # nothing changed
        return " ".join(words)
    keep_start = 0 if first else context  # no change before the first stretch: only its end counts
    keep_end = 0 if last else context
    if len(words) <= keep_start + keep_end + 1:
        return " ".join(words)
    head, tail = words[:keep_start], words[len(words) - keep_end:] if keep_end else []
    return " ".join(head + [ELLIPSIS] + tail)


def _segments(old_words: list[str], new_words: list[str]) -> list[tuple[bool, list[str], list[str]]]:
    """(unchanged?, old words, new words) per stretch; an unchanged word or two between two changes joins them,
    so that a rewritten phrase reads as one removal and one addition rather than a patchwork."""
    if len(old_words) * len(new_words) > MAX_PAIRS:
        return [(False, old_words, new_words)]
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    segments: list[tuple[bool, list[str], list[str]]] = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        same = tag == "equal"
        inner = 0 < index < len(opcodes) - 1
        if same and inner and i2 - i1 <= JOIN_WORDS:
            same = False  # a short unchanged stretch between two changes
        if segments and not same and not segments[-1][0]:
            _, old, new = segments.pop()
            segments.append((False, old + old_words[i1:i2], new + new_words[j1:j2]))
        else:
            segments.append((same, old_words[i1:i2], new_words[j1:j2]))
    return segments


def compare(old: str, new: str, context: int = CONTEXT_WORDS) -> Inlines:
    """The words of ``old`` and ``new`` as inline content with what was removed and added marked;
    ``context`` unchanged words are kept on either side of a change."""
    segments = _segments(old.split(), new.split())
    pieces: list[Inline] = []
    for index, (same, old_words, new_words) in enumerate(segments):
        if same:
            pieces.append(Text(_same(old_words, index == 0, index == len(segments) - 1, context)))
            continue
        if old_words:
            pieces.append(Removed(" ".join(old_words)))
        if new_words:
            pieces.append(Added(" ".join(new_words)))
    spaced: list[Inline] = []
    for piece in pieces:
        if spaced:
            spaced.append(Text(" "))
        spaced.append(piece)
    return _merge(spaced)


def _merge(pieces: list[Inline]) -> Inlines:
    """Neighbouring plain texts as one."""
    merged: list[Inline] = []
    for piece in pieces:
        if merged and isinstance(piece, Text) and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return tuple(merged)

