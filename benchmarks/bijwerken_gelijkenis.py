"""How well the word similarity of ``protocolwizard bijwerken --basis`` separates a reworded rule from another rule.

Prints, for the threshold ``bijwerken.SIMILAR``: the highest similarity between two *different* rules (the model's
rules and the realistic school rules in tests/fixtures/eigen), and the similarities of the rules the model itself
reworded between its kept versions (change log ``gewijzigd``, old text -> new text). Run:
``.venv/bin/python benchmarks/bijwerken_gelijkenis.py``.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from protocol.model import MODELS_DIR, current_model, load_model  # noqa: E402
from protocolwizard.bijwerken import SIMILAR  # noqa: E402


def ratio(one: str, other: str) -> float:
    return difflib.SequenceMatcher(None, one.lower().split(), other.lower().split(), autojunk=False).ratio()


def main() -> None:
    model = current_model()
    texts = [f"{r.title} {r.text}" for r in model.rules()]
    for path in sorted((ROOT / "tests" / "fixtures" / "eigen").glob("*.yaml")):
        texts += [rule["tekst"] for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["regels"]]
    different = sorted((ratio(a, b), a[:50], b[:50]) for i, a in enumerate(texts) for b in texts[i + 1:])
    above = sum(1 for value, _, _ in different if value >= SIMILAR)
    print(f"drempel (SIMILAR): {SIMILAR}")
    print(f"verschillende regels: {len(texts)} regels, {len(different)} paren; hoogste gelijkenis "
          f"{different[-1][0]:.2f}; paren op of boven de drempel: {above}")
    for value, one, other in different[-3:][::-1]:
        print(f"  {value:.2f}: {one!r} / {other!r}")
    reworded = []
    for path in sorted(MODELS_DIR.glob("*.yaml")) + [None]:
        newer = current_model() if path is None else load_model(path)
        older_path = MODELS_DIR / f"{newer.previous_version}.yaml"
        if not newer.previous_version or not older_path.is_file():
            continue
        older = {r.id: r for r in load_model(older_path).rules()}
        for change in newer.changes:
            if change.kind == "gewijzigd" and change.rule_id in older:
                rule = newer.rule(change.rule_id)
                old = older[change.rule_id]
                reworded.append(ratio(f"{old.title} {old.text}", f"{rule.title} {rule.text}"))
    if reworded:
        reworded.sort()
        kept = sum(1 for value in reworded if value >= SIMILAR)
        print(f"door het model herschreven regels: {len(reworded)}; gelijkenis laagste {reworded[0]:.2f}, mediaan "
              f"{reworded[len(reworded) // 2]:.2f}; op of boven de drempel (gevolgd): {kept} van {len(reworded)}")


if __name__ == "__main__":
    main()
