"""How well the topic matcher proposes topics: top-1 and top-3 hit rates. Prints numbers, asserts nothing.

- the model's own rules, leave-one-out: each rule's topics predicted from its title and text, with its
  own text left out of the TF-IDF profiles (the keywords are hand-written and not learned from rules);
- the fixture rules in ``tests/fixtures/eigen/``: a tuning half (keywords were adjusted while looking at
  it) and a held-out half (only measured).

A prediction hits at k when one of the rule's own topics is among the first k proposals.

    .venv/bin/python benchmarks/onderwerpen.py [--details]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from protocol.model import load_model  # noqa: E402
from protocol.onderwerpen import TopicMatcher  # noqa: E402
from protocol.strict_yaml import load_yaml  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "eigen"


def hit_rates(cases: list[tuple[str, tuple[str, ...], tuple[str, ...]]]) -> tuple[float, float]:
    top1 = sum(1 for _, truth, proposed in cases if set(proposed[:1]) & set(truth))
    top3 = sum(1 for _, truth, proposed in cases if set(proposed[:3]) & set(truth))
    return top1 / len(cases), top3 / len(cases)


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--details", action="store_true", help="toon elke gemiste regel")
    details = arguments.parse_args().details
    model = load_model()
    sets: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = {}
    sets["voorbeeldprotocol (leave-one-out)"] = [
        (rule.id, rule.topics, TopicMatcher(model, leave_out=rule.id).propose(f"{rule.title} {rule.text}"))
        for rule in model.rules()
    ]
    matcher = TopicMatcher(model)
    for name, label in (("onderwerpen-afstemming.yaml", "fixtures, afstemmingshelft"),
                        ("onderwerpen-toets.yaml", "fixtures, achtergehouden helft")):
        rules = load_yaml(FIXTURES / name).data["regels"]
        sets[label] = [(r["tekst"], tuple(r["onderwerpen"]), matcher.propose(r["tekst"])) for r in rules]
    print(f"{'set':40} {'regels':>6} {'top-1':>6} {'top-3':>6}")
    for label, cases in sets.items():
        top1, top3 = hit_rates(cases)
        print(f"{label:40} {len(cases):>6} {top1:>6.2f} {top3:>6.2f}")
        if details:
            for text, truth, proposed in cases:
                if not set(proposed[:3]) & set(truth):
                    print(f"    mis: {text[:70]!r} verwacht {truth}, voorgesteld {proposed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
