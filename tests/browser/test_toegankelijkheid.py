"""Accessibility of every page: axe-core (WCAG 2.1 A and AA) in light and dark mode,
one h1, a Dutch lang, a skip link and landmarks, and a visible keyboard focus. The
standalone HTML documents (the Voorbeeldprotocol downloads, and the protocol and change
report the wizard writes) pass axe in light and dark mode too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from webserver import SiteServer

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_ANSWERS = ROOT / "examples" / "antwoorden-voorbeeld.yaml"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
THEMES = ["light", "dark"]


def axe_violations(page, axe_script) -> list[str]:
    # Evaluated through the browser's debugging protocol, which the page's Content-Security-Policy
    # does not govern (a script element added to the page would be blocked, as it should be).
    page.evaluate(axe_script.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node.get('failureSummary', '')}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("theme", THEMES)
def test_axe_finds_no_wcag_violations(visit, pages, axe_script, theme):
    found = {}
    for path in pages:
        page = visit(path, theme)
        assert page.evaluate("document.body.dataset.theme") == theme
        if violations := axe_violations(page, axe_script):
            found[path] = violations
        page.close()
    assert found == {}


def test_every_page_has_one_h1_and_dutch_lang(visit, pages):
    for path in pages:
        page = visit(path)
        assert page.locator("h1").count() == 1, path
        assert page.evaluate("document.documentElement.lang") == "nl", path
        page.close()


def test_every_page_has_a_skip_link_and_landmarks(visit, pages):
    for path in pages:
        page = visit(path)
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const a = document.activeElement;"
            " return {text: a.textContent.trim(), href: a.getAttribute('href'), visible: a.getBoundingClientRect().height > 0}; }"
        )
        assert focused["text"] == "Naar de inhoud", path
        assert focused["visible"], f"de overslaglink is niet zichtbaar als hij focus heeft: {path}"
        target = focused["href"].lstrip("#")
        assert page.locator(f"[id='{target}']").count() == 1, path
        assert page.locator("main, [role=main]").count() == 1, path
        assert page.locator("nav, [role=navigation]").count() >= 1, path
        page.close()


FOCUS_STYLE = """() => {
  const a = document.activeElement;
  const shown = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
    || (s.boxShadow && s.boxShadow !== 'none');
  const visible = [null, '::before', '::after'].some(pseudo => shown(getComputedStyle(a, pseudo)));
  return {tag: a.tagName, text: (a.textContent || '').trim().slice(0, 40), visible};
}"""


@pytest.mark.parametrize("theme", THEMES)
def test_keyboard_focus_is_visible(visit, pages, theme):
    invisible = []
    for path in pages:
        page = visit(path, theme)
        for _ in range(12):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STYLE)
            if state["tag"] != "BODY" and not state["visible"]:
                invisible.append((path, state["tag"], state["text"]))
        page.close()
    assert invisible == []


@pytest.fixture(scope="module")
def wizard_outputs(tmp_path_factory) -> Path:
    """The HTML the wizard writes for the example answers file."""
    folder = tmp_path_factory.mktemp("wizard") / "concept"
    subprocess.run([sys.executable, "-m", "protocolwizard", "maak", str(EXAMPLE_ANSWERS), "--uitvoer", str(folder),
                    "--formaat", "html"], check=True, capture_output=True)
    return folder


def documents_violations(browser, folder: Path, axe_script, theme: str) -> dict[str, list[str]]:
    """axe's findings for every HTML file in ``folder``, in a browser that prefers ``theme``."""
    files = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.html"))
    assert files, f"geen html in {folder}"
    context = browser.new_context(color_scheme=theme, locale="nl-NL")
    found = {}
    try:
        with SiteServer(folder) as server:
            for name in files:
                page = context.new_page()
                page.goto(server.url + name, wait_until="load")
                assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (theme == "dark")
                if violations := axe_violations(page, axe_script):
                    found[name] = violations
                page.close()
    finally:
        context.close()
    return found


@pytest.mark.parametrize("theme", THEMES)
def test_protocol_downloads_have_no_wcag_violations(browser, site, axe_script, theme):
    assert documents_violations(browser, site.outdir / "downloads", axe_script, theme) == {}


@pytest.mark.parametrize("theme", THEMES)
def test_wizard_html_outputs_have_no_wcag_violations(browser, wizard_outputs, axe_script, theme):
    names = {path.name for path in wizard_outputs.glob("*.html")}
    assert {"protocol.html", "wijzigingsverslag.html"} <= names
    assert documents_violations(browser, wizard_outputs, axe_script, theme) == {}
