"""Text cleaning every writer shares: characters no document should hold, and whitespace folding."""

from __future__ import annotations

import re

from markupsafe import Markup

# C0 controls other than tab and newline (invalid in XML, so in Word), lone surrogates (not
# encodable), noncharacters, and bidirectional overrides, which can reorder what a reader sees.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")


def clean_text(value: object) -> object:
    """Remove invisible control characters from a text value (markup built by a writer stays as it is)."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return _INVISIBLE.sub("", value)


def fold(value: object) -> str:
    """Clean text with every run of whitespace (newlines included) as one space; linear in its length."""
    return _SPACE.sub(" ", str(clean_text(value)))
