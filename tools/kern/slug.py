"""Safe names from Dutch text: for anchors (sources) and folder names (the wizard's drafts)."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """Lowercase ASCII letters and digits joined by hyphens: "Café Één" -> "cafe-een"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
