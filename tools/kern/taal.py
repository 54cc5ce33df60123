"""Small helpers for correct Dutch in counts: "1 regel", "2 regels", "0 regels"."""

from __future__ import annotations


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """``n`` with the singular noun for exactly one, else the plural: ``aantal(1, "regel", "regels")`` -> "1 regel"."""
    return f"{n} {enkelvoud if n == 1 else meervoud}"
