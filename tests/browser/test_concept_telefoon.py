"""The wizard's HTML draft and change report on a 390 px phone in Chromium: no sideways scrolling, no word
broken in a title or heading, and the comparison of a changed rule readable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from browser.conftest import PHONE  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "antwoorden-voorbeeld.yaml"

#: Per page: how wide it is, and every word of a title, heading or table header that the browser broke over two lines.
MEASURE = """() => {
  const broken = [];
  for (const element of document.querySelectorAll('h1, h2, h3, th, dt')) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  const past = [...document.querySelectorAll('body *')]
    .filter(element => element.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map(element => element.tagName);
  return {width: document.documentElement.scrollWidth, broken, past};
}"""


def _made(folder: Path, answers: Path) -> Path:
    subprocess.run([sys.executable, "-m", "protocolwizard", "maak", str(answers), "--uitvoer", str(folder),
                    "--formaat", "html"], check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> dict[str, Path]:
    """The example's draft (every placeholder filled, a long e-mail address) and one with every placeholder open
    and a long school name."""
    base = tmp_path_factory.mktemp("telefoon")
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for key in ("functies", "systemen", "evaluatie"):
        data["school"].pop(key, None)
    data["school"]["naam"] = "Christelijke Scholengemeenschap voor Voortgezet Onderwijs Zuidwest-Nederland"
    open_answers = base / "open.yaml"
    open_answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return {"voorbeeld": _made(base / "voorbeeld", EXAMPLE), "open": _made(base / "open", open_answers)}


@pytest.mark.parametrize("answers", ["voorbeeld", "open"])
@pytest.mark.parametrize("name", ["protocol.html", "wijzigingsverslag.html"])
def test_draft_and_report_read_well_on_a_390_px_phone(browser, drafts, answers, name):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="nl-NL")
    try:
        page = context.new_page()
        page.goto((drafts[answers] / name).as_uri())
        measured = page.evaluate(MEASURE)
        assert measured["width"] <= PHONE["width"], measured
        assert measured["past"] == [], measured
        assert measured["broken"] == [], measured
        if name == "wijzigingsverslag.html":
            assert page.locator("del").count() and page.locator("ins").count()
            decoration = page.eval_on_selector("del", "e => getComputedStyle(e).textDecorationLine")
            assert "line-through" in decoration
    finally:
        context.close()
