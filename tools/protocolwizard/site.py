"""Where the handbook is published, for links from the wizard's change report."""

from __future__ import annotations

import os

#: Set HANDBOEK_URL to the address where the school reads the handbook.
DEFAULT_URL = "https://handboek.example/"


def handbook_url() -> str:
    url = os.environ.get("HANDBOEK_URL", DEFAULT_URL).strip()
    return url if url.endswith("/") else url + "/"
