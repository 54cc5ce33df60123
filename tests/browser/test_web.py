"""The browser wizard in Debian's Chromium: the real command (``protocolwizard web``) on 127.0.0.1.

A whole session with the keyboard alone (JavaScript on) and one without JavaScript, both ending in a Word
draft; a closed tab continued from the start page; the example uploaded; hostile text; axe-core on every
page in light and dark, and at 390 px. Every test also checks that no page asked another host for anything.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from docx import Document

from browser.conftest import PHONE, Server
from browser.test_toegankelijkheid import axe_violations
from webwizard import EXAMPLE, HOSTILE, hostile_answers

ROOT = Path(__file__).resolve().parents[2]
TYPED = "Met het toetsenbord aangepast."


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def wizard_log(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("wizard") / "server.log"


@pytest.fixture(scope="module")
def server(wizard_log):
    """``protocolwizard web`` as a user starts it, on a free port; its log kept for inspection."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tools"), "HANDBOEK_URL": "https://handboek.example/"}
    with wizard_log.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "protocolwizard", "web", "--port", str(port)],
                                   stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "gezond", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError(wizard_log.read_text())
        yield Server(url)
    finally:
        process.terminate()
        process.wait(10)


def quiet(watch) -> None:
    """Nothing went elsewhere, and the only console errors are the statuses of refusals the test asked for."""
    assert watch.foreign == []
    assert [e for e in watch.errors if "status of 4" not in e] == []


def tab_to(page, selector: str, limit: int = 600) -> None:
    """Press Tab until the focus is on an element matching ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"met Tab niet bereikt: {selector} op {page.url}")


def submit(page) -> None:
    """Enter on the focused button, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def step(page) -> str:
    return page.locator("body").get_attribute("data-stap")


def rule_groups(page) -> list[str]:
    return page.evaluate("""() => [...new Set([...document.querySelectorAll('input[type=radio][name^="besluit."]')]
                                .map(e => e.name.slice(8)))]""")


def test_a_whole_session_with_the_keyboard_alone(page, server, watch):
    page.goto(server())
    tab_to(page, 'button[name="naar"][value="volgende"]')
    submit(page)
    tab_to(page, "#veld-school-naam")
    page.keyboard.type("Toetsenbordschool")
    tab_to(page, 'input[name="school.sector"]')
    page.keyboard.press("Space")
    tab_to(page, 'button[value="volgende"]')
    submit(page)
    tab_to(page, 'input[name="sessie.kaarten"]')
    page.keyboard.press("Space")
    tab_to(page, 'button[value="volgende"]')
    submit(page)
    changed = False
    for _ in range(100):
        if not step(page).startswith(("kwestie:", "verschil:")):
            break
        if step(page).startswith("kwestie:"):
            tab_to(page, "#veld-notitie")
            page.keyboard.type("Notitie met het toetsenbord.")
            for rule in rule_groups(page):
                tab_to(page, f'input[name="besluit.{rule}"]')
                page.keyboard.press("Space")  # the first choice: keep
                if not changed:  # the first rule of the session: change it
                    page.keyboard.press("ArrowDown")
                    tab_to(page, f'textarea[name="tekst.{rule}"]')
                    page.keyboard.press("Control+End")
                    page.keyboard.type(" " + TYPED)
                    changed = True
        tab_to(page, 'button[value="volgende"]')
        submit(page)
    assert changed and step(page) == "nieuw"
    tab_to(page, 'button[value="volgende"]')
    submit(page)
    assert page.locator("h1").inner_text() == "Controleer je antwoorden"
    assert TYPED in " ".join(page.locator("ins").all_inner_texts())
    tab_to(page, 'button[value="resultaat"]')
    submit(page)
    tab_to(page, 'button[formaction="/download/protocol.docx"]')
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    word = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(p.text for p in word.paragraphs)
    assert "Toetsenbordschool" in text and TYPED in text
    quiet(watch)


def test_a_whole_session_without_javascript(browser, server, watch):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    watch.attach(page)
    try:
        page.goto(server())
        assert page.locator("[data-verder]").is_hidden()  # the offer to continue needs the script
        page.get_by_role("button", name="Beginnen", exact=True).click()
        page.fill("#veld-school-naam", "School zonder script")
        page.check("#veld-school-sector")
        page.get_by_role("button", name="Opslaan en verder").click()
        for box in page.locator('input[name="sessie.kaarten"]').all():
            box.check()
        page.get_by_role("button", name="Opslaan en verder").click()
        kwesties = 0
        while step(page).startswith(("kwestie:", "verschil:")):
            if step(page).startswith("kwestie:"):
                kwesties += 1
                for rule in rule_groups(page):
                    page.locator(f'input[name="besluit.{rule}"][value="schrappen"]').check()
            page.locator('button[value="volgende"]').click()
        from kern.loader import load_cards

        assert kwesties == sum(len(card.kwesties) for card in load_cards())
        page.locator('button[value="volgende"]').click()  # no new rule
        assert page.locator("h1").inner_text() == "Controleer je antwoorden"
        with page.expect_download() as saved:
            page.get_by_role("button", name="Antwoorden downloaden").click()
        assert "School zonder script" in Path(saved.value.path()).read_text(encoding="utf-8")
        page.get_by_role("button", name="Concept maken").click()
        with page.expect_download() as download:
            page.locator('button[formaction="/download/protocol.docx"]').click()
        text = " ".join(p.text for p in Document(download.value.path()).paragraphs)
        assert "School zonder script" in text
    finally:
        context.close()
    quiet(watch)


def test_a_closed_tab_continues_where_it_was(context, server, watch):
    page = context.new_page()
    watch.attach(page)
    page.goto(server())
    page.get_by_role("button", name="Beginnen", exact=True).click()
    page.fill("#veld-school-naam", "Onderbroken school")
    page.check("#veld-school-sector")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.locator('input[name="sessie.kaarten"]').first.check()
    page.get_by_role("button", name="Opslaan en verder").click()
    where = step(page)
    assert where.startswith("kwestie:")
    page.fill("#veld-notitie", "Getypt maar niet verstuurd")  # the tab closes before it is sent
    first_rule = rule_groups(page)[0]
    page.locator(f'input[name="besluit.{first_rule}"][value="schrappen"]').check()
    page.close()

    again = context.new_page()
    watch.attach(again)
    again.goto(server())
    assert again.locator("[data-verder]").is_visible()
    again.get_by_role("button", name="Verder waar je was").click()
    assert step(again) == where
    assert again.input_value("#veld-notitie") == "Getypt maar niet verstuurd"
    assert again.locator(f'input[name="besluit.{first_rule}"][value="schrappen"]').is_checked()
    assert "Onderbroken school" in again.locator("input[name=antwoorden]").input_value()
    quiet(watch)


def test_uploading_the_example_goes_to_the_review(page, server, watch):
    page.goto(server())
    page.set_input_files("#veld-bestand", str(EXAMPLE))
    page.get_by_role("button", name="Uploaden en verdergaan").click()
    assert page.locator("h1").inner_text() == "Controleer je antwoorden"
    assert "Oeverlicht" in page.locator("main").inner_text() or page.locator("dd").count() > 0
    quiet(watch)


def test_hostile_text_stays_literal_and_no_script_runs(browser, context, server, watch, tmp_path, wizard_log):
    dialogs = []
    page = context.new_page()
    watch.attach(page)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = tmp_path / "vijandig.yaml"
    hostile.write_text(hostile_answers(), encoding="utf-8")
    page.goto(server())
    page.set_input_files("#veld-bestand", str(hostile))
    page.get_by_role("button", name="Uploaden en verdergaan").click()
    shown = [page.locator("main").inner_text()]
    page.locator("button", has_text="Wijzig").first.click()  # the school
    shown.append(page.input_value("#veld-school-naam"))
    page.locator('button[value="volgende"]').click()
    page.locator('button[value^="regel:"]').first.click()
    shown.append(page.locator("main").inner_text())
    page.locator('button[value="volgende"]').click()
    page.get_by_role("button", name="Concept maken").click()
    assert page.locator("h1").inner_text() == "Je concept downloaden"
    documents = {}
    for name in ("protocol.html", "wijzigingsverslag.html"):
        with page.expect_download() as download:
            page.locator(f'button[formaction="/download/{name}"]').click()
        documents[name] = Path(download.value.path()).read_text(encoding="utf-8")
    text = "\n".join(shown)
    assert HOSTILE[0] in text and HOSTILE[3] in text and HOSTILE[1] in text
    assert page.evaluate("document.scripts.length") == 1 and page.evaluate("document.images.length") == 0
    # The downloads opened in a page without this server's Content-Security-Policy: still no script runs.
    for name, html in documents.items():
        opened = browser.new_page()
        opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        opened.set_content(html)
        assert opened.evaluate("document.scripts.length") == 0 and opened.evaluate("document.images.length") == 0, name
        assert HOSTILE[0] in opened.locator("body").inner_text()
        opened.close()
    assert dialogs == []
    quiet(watch)
    log = wizard_log.read_text(encoding="utf-8")
    assert "POST /stap" in log and not any(value in log for value in HOSTILE[:4])


def every_page(page, server, check) -> None:
    """Visit every kind of page of the wizard (with and without errors) and ``check`` each."""
    page.goto(server())
    check(page, "start")
    page.set_input_files("#veld-bestand", {"name": "kapot.yaml", "mimeType": "application/yaml",
                                            "buffer": b"versie: 1\nschool: [\n"})
    page.get_by_role("button", name="Uploaden en verdergaan").click()
    check(page, "start met fouten")
    page.get_by_role("button", name="Beginnen", exact=True).click()
    check(page, "school")
    page.get_by_role("button", name="Opslaan en verder").click()
    check(page, "school met fouten")
    page.fill("#veld-school-naam", "Axe-school")
    page.check("#veld-school-sector")
    page.get_by_role("button", name="Opslaan en verder").click()
    check(page, "sessie")
    page.locator('input[name="sessie.kaarten"]').first.check()
    page.get_by_role("button", name="Opslaan en verder").click()
    check(page, "kwestie")
    rules = rule_groups(page)
    for index, rule in enumerate(rules):
        page.locator(f'input[name="besluit.{rule}"][value="{"wijzigen" if index == 0 else "behouden"}"]').check()
    if rules:
        page.fill(f'textarea[name="tekst.{rules[0]}"]', "Een nieuwe tekst voor deze regel.")
    page.locator('button[value="volgende"]').click()
    check(page, "verschil" if rules else "volgende kwestie")
    page.locator('button[value="volgende"]').click()
    page.locator('button[value="overzicht"]').first.click()
    check(page, "overzicht")
    if rules:
        page.locator('button[value^="regel:"]').first.click()
        check(page, "regel")
        page.locator('button[value="volgende"]').click()
    page.get_by_role("button", name="Een nieuwe regel toevoegen").click()
    check(page, "nieuw")
    page.locator('button[value="nieuw-opslaan"]').click()
    check(page, "nieuw met fouten")
    page.locator('button[value="volgende"]').click()
    page.get_by_role("button", name="Concept maken").click()
    check(page, "resultaat")
    page.goto(server("bestaat-niet"))
    check(page, "niet gevonden")
    page.goto(server("kwestie/" + first_kwestie()))
    check(page, "kwestie uit het handboek")


def first_kwestie() -> str:
    from kern.loader import load_cards

    return load_cards()[0].kwesties[0].id


@pytest.mark.parametrize("theme,viewport", [("light", {"width": 1280, "height": 900}), ("dark", PHONE)],
                         ids=["licht", "donker-telefoon"])
def test_axe_on_every_page(browser, server, watch, axe_script, theme, viewport):
    context = browser.new_context(viewport=viewport, color_scheme=theme, locale="nl-NL")
    page = context.new_page()
    watch.attach(page)
    found, seen = {}, []

    def check(page, name):
        page.wait_for_load_state()
        seen.append(name)
        if violations := axe_violations(page, axe_script):
            found[name] = violations
        assert page.locator("h1").count() == 1, name
        assert page.evaluate("document.documentElement.lang") == "nl", name
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (theme == "dark")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name}: {overflow} px breder dan het scherm"

    try:
        every_page(page, server, check)
    finally:
        context.close()
    assert len(seen) >= 14 and found == {}
    quiet(watch)
