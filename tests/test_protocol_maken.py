"""The handbook leads to the wizard: the pages "Protocol maken" and "De protocolwizard op een server",
linked from the landing page, Tip 2 on every card and Gespreksleiding; with ``WIZARD_URL`` every
kwestie links to its page in the browser wizard, without it none does; the model protocol page
shows the rule and chapter ids a hand-written answers file needs; the commands and the answers
file on the pages are ones the wizard accepts."""

from __future__ import annotations

import os
import re
import runpy
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.util.tags import Tags

from conftest import DOCS, ROOT, copy_docs
from kern.adres import AddressError, wizard_kwestie_url, wizard_url
from protocol.model import current_model
from protocolwizard.answers import parse_answers
from protocolwizard.cli import parser
from protocolwizard.services import context

#: The wizard's address in the ``wizard_site`` build (tests/conftest.py): below the host's root.
from conftest import WIZARD_ADDRESS

PAGE = "protocol-maken.html"
SERVER_PAGE = "protocolwizard-server.html"
LINK_TEXT = "Besluiten vastleggen"
#: Where commands and answers files are shown to readers.
SOURCES = [DOCS / "protocol-maken.md", DOCS / "protocolwizard-server.md", ROOT / "README.md"]


def conf(monkeypatch, tags: tuple[str, ...] = (), **environment: str) -> dict:
    monkeypatch.delenv("WIZARD_URL", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "conf.py"), init_globals={"tags": Tags(list(tags))})


# The setting -------------------------------------------------------------------------


def test_the_wizard_address_comes_from_one_setting(monkeypatch):
    assert conf(monkeypatch, WIZARD_URL="https://protocol.example.nl")["handboek_wizard_url"] == "https://protocol.example.nl/"
    assert conf(monkeypatch)["handboek_wizard_url"] == ""
    assert wizard_url() is None
    # The print editions have no links to a website's wizard.
    assert conf(monkeypatch, ("pdf",), WIZARD_URL="https://protocol.example.nl/")["handboek_wizard_url"] == ""


@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://example.org/", "https://", "example.org",
                                     "https://example.org/a b", 'https://example.org/"'])
def test_a_wizard_address_that_is_no_web_address_is_left_out(monkeypatch, address):
    assert conf(monkeypatch, WIZARD_URL=address)["handboek_wizard_url"] == ""
    with pytest.raises(AddressError, match="WIZARD_URL moet een webadres zijn"):
        wizard_url()


def test_a_wizard_address_that_is_no_web_address_stops_make_html(tmp_path):
    docs = copy_docs(tmp_path / "docs")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-c", str(docs), "-W", "-q", "-b", "html", str(docs), str(tmp_path / "html")],
        capture_output=True, text=True, env={**os.environ, "WIZARD_URL": "javascript:alert(1)"},
    )
    assert result.returncode != 0
    assert "WIZARD_URL moet een webadres zijn" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("address", "kwestie", "expected"), [
    ("https://w.example.nl/", "populaire-hiphopleraar/3", "https://w.example.nl/kwestie/populaire-hiphopleraar/3"),
    ("https://w.example.nl/wizard/", "a/1", "https://w.example.nl/wizard/kwestie/a/1"),
    ("https://w.example.nl/wizard", "a/1", "https://w.example.nl/wizard/kwestie/a/1"),
    ("https://w.example.nl/", "kaart met é?#/2", "https://w.example.nl/kwestie/kaart%20met%20%C3%A9%3F%23/2"),
])
def test_a_kwestie_page_of_the_wizard_is_its_address_and_the_loaders_id(address, kwestie, expected):
    assert wizard_kwestie_url(address, kwestie) == expected


# The links under each kwestie -------------------------------------------------------------


def test_with_a_wizard_address_every_kwestie_links_to_its_page_in_the_wizard(wizard_site, cards):
    for card in cards:
        article = wizard_site.article(f"kaarten/{card.id}.html")
        assert len(article.find_all(string=LINK_TEXT)) == len(card.kwesties), card.id
        for kwestie in card.kwesties:
            section = article.find("section", id=kwestie.anchor)
            links = [a for a in section.find_all("a") if a.get_text().startswith(LINK_TEXT)]
            assert [a["href"] for a in links] == [wizard_kwestie_url(WIZARD_ADDRESS, kwestie.id)], kwestie.id
            # After the rules the kwestie touches, and named for a screen reader's list of links.
            rules = section.select(".kwestie-regels")
            assert not rules or links[0].find_previous(class_="kwestie-regels") in rules
            assert f"kwestie {kwestie.number}" in links[0].get_text()
    assert wizard_site.warnings.getvalue() == ""


def test_without_a_wizard_address_there_is_no_such_link(site, cards):
    for card in cards:
        page = (site.outdir / "kaarten" / f"{card.id}.html").read_text(encoding="utf-8")
        assert LINK_TEXT not in page and "kwestie-wizard" not in page, card.id
    assert site.article(PAGE).select(".protocolwizard-adres") == []


def test_with_a_wizard_address_protocol_maken_says_where_the_wizard_is(wizard_site):
    [sentence] = wizard_site.article(PAGE).select(".protocolwizard-adres")
    assert [a["href"] for a in sentence.find_all("a")] == [WIZARD_ADDRESS]
    # In the section on the browser, before the command for one's own computer.
    assert sentence.find_parent("section").find("h2").get_text().startswith("In de browser")


# Where the handbook leads to "Protocol maken" ------------------------------------------------


def _links_to(html, page: str) -> list:
    return [a for a in html.find_all("a", href=True) if a["href"].split("#")[0].endswith(page)]


def test_the_landing_page_and_gespreksleiding_lead_to_protocol_maken(site):
    assert _links_to(site.article("index.html"), PAGE)
    assert _links_to(site.article("gespreksleiding.html"), PAGE)
    assert _links_to(site.article(PAGE), SERVER_PAGE)
    navigation = site.html("index.html").select(".sidebar-tree a")
    assert {PAGE, SERVER_PAGE} <= {a["href"] for a in navigation}


def test_tip_2_on_every_card_leads_to_protocol_maken(site, cards):
    for card in cards:
        article = site.article(f"kaarten/{card.id}.html")
        tip_2 = next(tip for tip in article.select(".kaart-tip") if tip.get_text().strip().startswith("Tip 2"))
        note = tip_2.find_next(class_="handboek-noot")
        assert note is not None and _links_to(note, PAGE), card.id


def test_the_print_editions_build_without_the_web_pages_and_their_links(tmp_path):
    """The PDF handbook leaves the wizard's pages out; links to them from its pages do not break it."""
    docs = copy_docs(tmp_path / "docs")
    for tag in ("pdf", "deelnemers"):
        out = tmp_path / tag
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-c", str(docs), "-W", "-n", "-q", "-b", "latex", "-t", tag, str(docs), str(out)],
            capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stderr
        for tex in out.glob("*.tex"):
            text = tex.read_text(encoding="utf-8")
            assert "Protocol maken" not in text and "protocol-maken" not in text, tex.name


# The ids on the model protocol page ------------------------------------------------------


def test_the_model_protocol_page_shows_every_rule_and_chapter_id(site):
    model = current_model()
    article = site.article("voorbeeldprotocol.html")
    for chapter in model.chapters:
        for rule in chapter.rules:
            paragraph = article.find(id=f"regel-{rule.id}")
            label = paragraph.select_one(".protocol-id")
            assert label is not None and label.find("code").get_text() == rule.id, rule.id
            section = paragraph.find_parent("section")
            chapter_label = section.select_one(":scope > p.protocol-hoofdstuk-id .protocol-id code")
            assert chapter_label is not None and chapter_label.get_text() == chapter.id, chapter.id
    labels = [code.get_text() for code in article.select("p.protocol-hoofdstuk-id code")]
    assert sorted(labels) == sorted(chapter.id for chapter in model.chapters if chapter.rules)


def test_the_ids_are_small_and_muted():
    css = (DOCS / "_static" / "handboek.css").read_text(encoding="utf-8")
    rule = re.search(r"\.protocol-id \{([^}]*)\}", css).group(1)
    assert "font-size: 0.8em" in rule and "--color-foreground-secondary" in rule


# What the pages tell a reader to type ----------------------------------------------------------


def _code_blocks(path: Path, language: str) -> list[str]:
    fence = re.compile(rf"^(`{{3,}}|~{{3,}}){re.escape(language)}\n(.*?)^\1$", re.MULTILINE | re.DOTALL)
    return [match.group(2) for match in fence.finditer(path.read_text(encoding="utf-8"))]


def _wizard_commands(path: Path) -> list[list[str]]:
    """Every ``protocolwizard`` command in a shell block, as arguments: without its optional parts
    (``[...]``) and with all of them."""
    commands = []
    for block in _code_blocks(path, "sh"):
        for line in block.replace("\\\n", " ").splitlines():
            line = re.sub(r"\s+#.*$", "", line)
            for variant in (re.sub(r"\[[^\]]*\]", "", line), re.sub(r"\[([^\]]*)\]", r"\1", line)):
                words = shlex.split(variant)
                words = words[1:] if words[:1] == ["sudo"] else words
                if words and Path(words[0]).name == "protocolwizard" and words[1:] not in commands:
                    commands.append(words[1:])
    return commands


SUBCOMMANDS = set(parser()._subparsers._group_actions[0].choices)  # noqa: SLF001 (argparse keeps them here)
COMMANDS = [(path.name, arguments) for path in SOURCES for arguments in _wizard_commands(path)]


def test_the_pages_show_the_three_routes():
    shown = {arguments[0] if arguments else "start" for name, arguments in COMMANDS if name == "protocol-maken.md"}
    assert {"web", "start", "leeg", "controleer", "maak"} <= shown


@pytest.mark.parametrize(("source", "arguments"), COMMANDS, ids=[f"{n}:{' '.join(a)}" for n, a in COMMANDS])
def test_every_command_on_the_pages_is_one_the_wizard_accepts(source, arguments):
    if arguments and arguments[0] == "web" and "web" not in SUBCOMMANDS:
        pytest.skip("'protocolwizard web' (de wizard in de browser) is er op deze tak nog niet")
    try:
        parser().parse_args(arguments)
    except SystemExit as stop:
        pytest.fail(f"{source}: 'protocolwizard {' '.join(arguments)}' wordt geweigerd (code {stop.code})")


def test_the_answers_file_on_the_page_passes_the_check():
    blocks = _code_blocks(DOCS / "protocol-maken.md", "yaml")
    assert blocks
    for text in blocks:
        answers = parse_answers(text, context(), "protocol-maken.md")
        assert answers.decisions and answers.new_rules
        assert not answers.warnings
