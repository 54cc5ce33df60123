"""The browser wizard over HTTP, without a browser: every step, the review, downloads, refusals and safety.

Expectations come from the loader and the model (every kwestie of every card, every rule the pages ask
about), never from today's cards.
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document
from markdown_it import MarkdownIt
from starlette.testclient import TestClient

from protocol.strict_yaml import MAX_BYTES
from protocol.trace import kwestie_ref
from protocolwizard.answers import parse_answers, to_data
from protocolwizard.services import context as wizard_context
from protocolwizard.web import downloads
from protocolwizard.web.app import create_app
from protocolwizard.web.security import CSP, MAX_BODY
from webwizard import EXAMPLE, HOSTILE, fill, hostile_answers, multipart, read_form

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = wizard_context()
ADDED = "Het team voegt hier een zin aan toe."


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(CONTEXT), base_url="http://127.0.0.1")


def post(client: TestClient, values: dict, path: str = "/stap"):
    return client.post(path, files=multipart(values))


def heading(response) -> str:
    return BeautifulSoup(response.text, "html.parser").h1.get_text(" ", strip=True)


def step_errors(response) -> list[str]:
    soup = BeautifulSoup(response.text, "html.parser")
    return [p.get_text(" ", strip=True) for p in soup.select(".veldfout, .foutoverzicht li")]


def walk_session(client: TestClient, until: str = "overzicht") -> tuple[list[str], object]:
    """A whole session as a leader without JavaScript does it: every step filled in and sent on."""
    response = post(client, {"antwoorden": "", "stap": "start", "naar": "volgende"})
    visited = []
    for number in range(200):
        assert response.status_code == 200, step_errors(response)
        form = read_form(response.text)
        visited.append(form.step)
        if form.step == until:
            return visited, response
        values = fill(form, number)
        if form.step == "nieuw":
            chapters = [o["value"] for o in form.soup.select('select[name="nieuw.hoofdstuk"] option') if o["value"]]
            values.update({"nieuw.hoofdstuk": chapters[-1], "nieuw.titel": "Eigen regel",
                           "nieuw.tekst": "Een regel die het team zelf toevoegt."})
        response = post(client, {**values, "naar": "volgende"})
        assert not step_errors(response), (form.step, step_errors(response))
    raise AssertionError(f"de wizard bleef doorgaan: {visited[-5:]}")


def download(client: TestClient, name: str, text: str):
    return post(client, {"antwoorden": text}, f"/download/{name}")


@pytest.fixture(scope="module")
def session(client):
    visited, review = walk_session(client)
    return visited, review, read_form(review.text).values["antwoorden"]


def test_a_session_visits_every_kwestie_of_the_chosen_cards_in_order(session):
    visited, review, text = session
    kwesties = [f"kwestie:{k.id}" for card in CONTEXT.cards for k in card.kwesties]
    assert [step for step in visited if step.startswith("kwestie:")] == kwesties
    assert visited[:2] == ["school", "sessie"] and visited[-2:] == ["nieuw", "overzicht"]
    assert heading(review) == "Controleer je antwoorden"
    # A kwestie where a rule was changed is followed by the difference with the model.
    for index, step in enumerate(visited[:-1]):
        if step.startswith("verschil:"):
            assert visited[index - 1] == "kwestie:" + step.partition(":")[2]


def test_the_answers_that_travel_are_the_answers_file_and_hold_every_decision(session):
    visited, review, text = session
    answers = parse_answers(text, CONTEXT, partial=False)
    assert answers.school["naam"] and answers.cards == [card.id for card in CONTEXT.cards]
    assert set(answers.notes) == {k.id for card in CONTEXT.cards for k in card.kwesties}
    changed = [d for d in answers.decisions if d.decision == "wijzigen"]
    assert changed and all(d.text.endswith(ADDED) for d in changed)
    assert answers.new_rules and answers.new_rules[0].text == "Een regel die het team zelf toevoegt."


def test_review_groups_decisions_like_the_draft_and_shows_changes(session, client):
    from protocolwizard import steps

    visited, review, text = session
    answers = parse_answers(text, CONTEXT, partial=False)
    soup = BeautifulSoup(review.text, "html.parser")
    chapters = [h.get_text(strip=True) for h in soup.select("h3")]
    assert chapters == [f"{c.number}. {c.title}" for c, _ in steps.decisions_by_chapter(answers, CONTEXT)]
    assert len(soup.select("ins")) >= len([d for d in answers.decisions if d.decision == "wijzigen"])
    wijzig = [b["value"] for b in soup.select("button[name=naar]") if b.get_text(strip=True).startswith("Wijzig")]
    assert {f"regel:{d.rule}" for d in answers.decisions} <= set(wijzig)


def test_wijzig_on_the_review_returns_to_the_review(session, client):
    visited, review, text = session
    answers = parse_answers(text, CONTEXT, partial=False)
    rule = answers.decisions[0].rule
    page = post(client, {"antwoorden": text, "stap": "overzicht", "naar": f"regel:{rule}"})
    form = read_form(page.text)
    assert form.step == f"regel:{rule}" and form.values["terug"] == "overzicht"
    values = {**form.values, f"besluit.{rule}": "schrappen", f"toelichting.{rule}": "Toch weg.", "naar": "volgende"}
    back = post(client, values)
    assert heading(back) == "Controleer je antwoorden"
    changed = parse_answers(read_form(back.text).values["antwoorden"], CONTEXT)
    assert changed.decision_for(rule).decision == "schrappen" and changed.decision_for(rule).reason == "Toch weg."
    # School data too: the step opens with its values and returns to the review.
    school = post(client, {"antwoorden": text, "stap": "overzicht", "naar": "school"})
    assert read_form(school.text).values["school.naam"] == answers.school["naam"]
    assert heading(post(client, {**read_form(school.text).values, "naar": "volgende"})) == "Controleer je antwoorden"


def test_a_field_the_answers_file_would_refuse_is_refused_on_the_page_with_a_summary(client):
    start = post(client, {"antwoorden": "", "stap": "start", "naar": "volgende"})
    values = {**read_form(start.text).values, "school.naam": "x" * 5000, "school.sector": "hbo",
              "school.vertrouwenspersoon.email": "geen-adres", "naar": "volgende"}
    page = post(client, values)
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.title.get_text().startswith("Fout: ")
    links = [a["href"] for a in soup.select(".foutoverzicht a")]
    assert links == ["#veld-school-naam", "#veld-school-sector", "#veld-school-vertrouwenspersoon-email"]
    for link in links:  # each link leads to its field, which says what is wrong next to it
        field = soup.find(id=link[1:])
        assert field is not None
        described = field.get("aria-describedby") or field.find_parent("fieldset").get("aria-describedby")
        assert any(soup.find(id=i, class_="veldfout") for i in described.split())
    assert read_form(page.text).values["school.naam"] == "x" * 5000  # what was typed stays
    assert read_form(page.text).values["antwoorden"] == read_form(start.text).values["antwoorden"]


def test_a_kwestie_opened_from_the_handbook_starts_there_with_its_card_chosen(client):
    for card in CONTEXT.cards:
        for kwestie in card.kwesties:
            page = client.get(f"/kwestie/{kwestie.id}")
            assert page.status_code == 200
            form = read_form(page.text)
            assert form.step == f"kwestie:{kwestie.id}"
            assert parse_answers(form.values["antwoorden"], CONTEXT, partial=True).cards == [card.id]
            soup = BeautifulSoup(page.text, "html.parser")
            assert card.title in soup.h1.get_text() and kwestie.questions[0].text.split()[0] in soup.get_text()
            link = soup.find("a", string="Deze kwestie in het handboek")
            assert link["href"].endswith(kwestie_ref(card, kwestie).page)
    missing = client.get("/kwestie/bestaat-niet/1")
    assert missing.status_code == 404 and "Pagina niet gevonden" in missing.text


def test_the_handbook_link_follows_the_setting(monkeypatch):
    monkeypatch.setenv("HANDBOEK_URL", "https://handboek.example/")
    kwestie = CONTEXT.cards[0].kwesties[0]
    page = TestClient(create_app(CONTEXT), base_url="http://127.0.0.1").get(f"/kwestie/{kwestie.id}")
    link = BeautifulSoup(page.text, "html.parser").find("a", string="Deze kwestie in het handboek")
    assert link["href"] == "https://handboek.example/" + kwestie_ref(CONTEXT.cards[0], kwestie).page


def test_uploading_the_example_goes_to_the_review(client):
    answers = parse_answers(EXAMPLE.read_text(encoding="utf-8"), CONTEXT)
    page = client.post("/upload", files={"bestand": (EXAMPLE.name, EXAMPLE.read_bytes(), "application/yaml")})
    assert page.status_code == 200 and heading(page) == "Controleer je antwoorden"
    text = BeautifulSoup(page.text, "html.parser").get_text(" ")
    assert answers.school["naam"] in text
    from protocolwizard import steps

    numbered = steps.numbered_rules(answers, CONTEXT)
    for decision in answers.decisions:
        assert numbered[decision.rule].title in text
    # Its values travel on with every form (its comments do not: the wizard writes the file plainly).
    assert parse_answers(read_form(page.text).values["antwoorden"], CONTEXT) == answers


INVALID = {
    "geen YAML": ("versie: 1\nschool: [\n", 3, None),
    "dubbel veld": ("versie: 1\nschool:\n  naam: a\n  naam: b\n", 4, None),
    "onbekend veld": ("versie: 1\nschool:\n  naamm: a\n", 3, "school.naamm"),
    "verkeerd soort": ("versie: 1\nschool: 3\n", 2, "school"),
    "onbekende regel": ("versie: 1\nbesluiten:\n  - regel: bestaat-niet\n    besluit: behouden\n", 3, "besluiten.1.regel"),
    "onbekende kwestie": ("versie: 1\nnotities:\n  geen-kaart/9: x\n", 3, "notities"),
    "geen datum": ("versie: 1\nsessie:\n  datum: 2026-13-45\n", 3, "sessie.datum"),
    "geen e-mailadres": ("versie: 1\nschool:\n  vertrouwenspersoon:\n    email: geen\n", 4,
                         "school.vertrouwenspersoon.email"),
    "onbekende keuze": ("versie: 1\nschool:\n  sector: hbo\n", 3, "school.sector"),
    "onbekende versie": ("versie: 99\n", 1, "versie"),
    "YAML-tag": ("versie: 1\nschool: !!python/object:os.system x\n", 2, None),
    "geen UTF-8": (b"versie: 1\nschool:\n  naam: \xff\xfe\n", 3, None),
    "lijst in plaats van blok": ("- a\n", 1, None),
    "tekst te lang": ("versie: 1\nschool:\n  naam: " + "x" * 300 + "\n", 3, "school.naam"),
    "twee besluiten over een regel": (None, None, "besluiten.2.regel"),
}


def _two_decisions() -> str:
    rule = next(iter(CONTEXT.rule_ids))
    return f"versie: 1\nbesluiten:\n  - regel: {rule}\n    besluit: behouden\n  - regel: {rule}\n    besluit: behouden\n"


@pytest.mark.parametrize("kind", INVALID)
def test_every_kind_of_invalid_answers_file_gets_a_dutch_error_with_line_and_field(client, kind):
    text, line, field = INVALID[kind]
    if text is None:
        text, line = _two_decisions(), 5
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    page = client.post("/upload", files={"bestand": ("mijn.yaml", raw, "application/yaml")})
    assert page.status_code == 400
    soup = BeautifulSoup(page.text, "html.parser")
    problems = [li.get_text(" ", strip=True) for li in soup.select(".foutoverzicht li")]
    assert problems, page.text
    assert any(f"mijn.yaml, regel {line}" in p for p in problems), problems
    if field:
        assert any(field in p for p in problems), problems
    assert all(a["href"] == "#veld-bestand" for a in soup.select(".foutoverzicht a"))
    assert "Traceback" not in page.text


def test_a_file_over_the_size_cap_is_refused_in_dutch(client):
    page = client.post("/upload", files={"bestand": ("groot.yaml", b"x: " + b"y" * MAX_BYTES, "application/yaml")})
    assert page.status_code == 400 and "te groot" in page.text


def test_incomplete_answers_give_no_draft_but_say_what_is_missing(client):
    start = post(client, {"antwoorden": "", "stap": "start", "naar": "volgende"})
    text = read_form(start.text).values["antwoorden"]
    page = download(client, "protocol.docx", text)
    assert page.status_code == 400 and heading(page) == "Je concept downloaden"
    problems = " ".join(li.get_text() for li in BeautifulSoup(page.text, "html.parser").select(".foutoverzicht li"))
    assert "veld school: het verplichte veld 'naam' ontbreekt" in problems and "antwoorden.yaml, regel" in problems
    # The answers file can be downloaded from every step, with what the step adds.
    saved = post(client, {**read_form(start.text).values, "school.naam": "Een school", "school.sector": "po",
                          "naar": "download"})
    assert saved.headers["content-disposition"] == 'attachment; filename="antwoorden.yaml"'
    assert parse_answers(saved.text, CONTEXT, partial=True).school["naam"] == "Een school"


def test_answers_tampered_with_in_the_form_are_checked_as_a_file(client):
    page = post(client, {"antwoorden": "versie: 1\nschool:\n  geheim: x\n", "stap": "school", "naar": "volgende"})
    assert page.status_code == 400 and "onbekend veld 'geheim'" in BeautifulSoup(page.text, "html.parser").get_text()


@pytest.mark.parametrize("name", [name for name, _ in downloads.DOWNLOADS if not name.endswith((".pdf", ".zip"))])
def test_every_download_of_a_finished_session(session, client, name):
    visited, review, text = session
    response = download(client, name, text)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    answers = parse_answers(text, CONTEXT)
    if name.endswith(".docx"):
        word = " ".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        assert answers.school["naam"] in word and ADDED in word
    elif name == "antwoorden.yaml":
        assert to_data(parse_answers(response.text, CONTEXT), keep_asked=False) == to_data(answers, keep_asked=False)
    else:
        assert answers.school["naam"] in response.text or name.startswith("wijzigingsverslag")


def test_the_zip_holds_every_file(session, client, monkeypatch):
    import zipfile

    visited, review, text = session
    monkeypatch.setattr(downloads, "PDF_TIMEOUT", 600)  # a busy test machine is no reason to leave the PDF out
    archive = zipfile.ZipFile(io.BytesIO(download(client, "concept.zip", text).content))
    names = set(archive.namelist())
    expected = {name for name, _ in downloads.DOWNLOADS if name != "concept.zip"}
    if downloads.pdf_available():
        assert names == expected
    else:
        assert names == expected - {"protocol.pdf"} | {downloads.NO_PDF_FILE}
        assert "geen TeX" in archive.read(downloads.NO_PDF_FILE).decode()


def test_pdf_download_opens_and_leaves_no_temporary_files(session, client, tex, tmp_path, monkeypatch):
    from pypdf import PdfReader

    visited, review, text = session
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # this test's own, others may render too
    response = download(client, "protocol.pdf", text)
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert parse_answers(text, CONTEXT).school["naam"] in " ".join(pdf.split())
    assert list(tmp_path.iterdir()) == []


def test_pdfs_over_capacity_get_a_dutch_503_with_retry_after(session, client):
    visited, review, text = session
    held = 0
    while downloads._pdf_slots.acquire(blocking=False):
        held += 1
    try:
        response = download(client, "protocol.pdf", text)
    finally:
        for _ in range(held):
            downloads._pdf_slots.release()
    assert held == downloads.PDF_SLOTS
    assert response.status_code == 503 and response.headers["retry-after"] == str(downloads.RETRY_AFTER)
    assert "te veel pdf's tegelijk" in BeautifulSoup(response.text, "html.parser").get_text()


def test_an_unknown_host_is_refused_in_dutch(client):
    refused = client.get("/", headers={"host": "evil.example"})
    assert refused.status_code == 400 and "niet ingesteld voor dit adres" in refused.text
    assert refused.headers["content-security-policy"] == CSP
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200


def test_configured_host_names_are_served(monkeypatch):
    monkeypatch.setenv("PROTOCOLWIZARD_HOSTS", "wizard.school.example, andere.example")
    served = TestClient(create_app(CONTEXT), base_url="http://wizard.school.example")
    assert served.get("/gezond").status_code == 200
    assert served.get("/", headers={"host": "127.0.0.1"}).status_code == 400


def test_bodies_over_the_cap_get_a_dutch_413(client):
    declared = client.post("/stap", content=b"x" * (MAX_BODY + 1), headers={"content-type": "application/x-www-form-urlencoded"})
    assert declared.status_code == 413 and "Te veel gegevens" in declared.text

    def chunks():
        for _ in range(MAX_BODY // 100_000 + 2):
            yield b"x" * 100_000

    streamed = client.post("/stap", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert streamed.status_code == 413 and "Te veel gegevens" in streamed.text


def test_every_response_has_the_security_headers(client):
    for response in (client.get("/"), client.get("/gezond"), client.get("/static/wizard.css"), client.get("/nergens"),
                     post(client, {"antwoorden": "", "stap": "start", "naar": "volgende"})):
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "default-src 'self'" in CSP


def test_pages_have_no_inline_script_or_style(session, client):
    visited, review, text = session
    for response in (client.get("/"), review, client.get(f"/kwestie/{CONTEXT.cards[0].kwesties[0].id}")):
        soup = BeautifulSoup(response.text, "html.parser")
        assert [s.get("src") for s in soup.select("script")] == ["/static/wizard.js"]
        assert not soup.select("style") and not soup.select("[style]")
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]


def test_health_endpoint(client):
    response = client.get("/gezond")
    assert response.status_code == 200 and response.json() == {"status": "gezond", "kaarten": len(CONTEXT.cards)}


def test_get_on_a_step_and_unknown_pages_are_dutch(client):
    assert client.get("/stap").status_code == 405 and "Niet zo te openen" in client.get("/stap").text
    assert client.get("/nergens").status_code == 404


def test_hostile_text_stays_literal_on_every_page_and_in_every_download(client, caplog):
    text = hostile_answers()
    review = client.post("/upload", files={"bestand": ("vijandig.yaml", text.encode(), "application/yaml")})
    assert review.status_code == 200
    carried = read_form(review.text).values["antwoorden"]
    answers = parse_answers(carried, CONTEXT)
    pages = {"overzicht": review}
    for step in ["school", "sessie", "nieuw", "nieuw-wijzig:0", "resultaat",
                 *(f"regel:{d.rule}" for d in answers.decisions), *(f"kwestie:{k}" for k in answers.notes)]:
        pages[step] = post(client, {"antwoorden": carried, "stap": "overzicht", "naar": step})
    for step, page in pages.items():
        assert page.status_code == 200, step
        soup = BeautifulSoup(page.text, "html.parser")
        assert [s.get("src") for s in soup.select("script")] == ["/static/wizard.js"], step
        assert not soup.select("img") and not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
        shown = soup.get_text(" ") + " ".join(v if isinstance(v, str) else "" for v in read_form(page.text).values.values())
        assert "49" not in re.findall(r"\b49\b", soup.get_text(" "))  # {{ 7*7 }} never evaluated
        assert any(h in shown for h in HOSTILE), step
    review_text = BeautifulSoup(review.text, "html.parser").get_text(" ")
    for value in (HOSTILE[0], HOSTILE[3], HOSTILE[4]):
        assert value in review_text
    for name in ("protocol.html", "wijzigingsverslag.html"):
        soup = BeautifulSoup(download(client, name, carried).text, "html.parser")
        assert not soup.select("script, img") and not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    markdown = MarkdownIt("commonmark").enable("table").render(download(client, "protocol.md", carried).text)
    assert HOSTILE[1] in BeautifulSoup(markdown, "html.parser").get_text()
    word = " ".join(p.text for p in Document(io.BytesIO(download(client, "protocol.docx", carried).content)).paragraphs)
    assert HOSTILE[1] in word and HOSTILE[0] in word
    saved = parse_answers(download(client, "antwoorden.yaml", carried).text, CONTEXT)
    assert to_data(saved, keep_asked=False) == to_data(answers, keep_asked=False)
    # The log names requests, never what was answered.
    assert not any(value in caplog.text for value in HOSTILE)


def test_the_command_refuses_a_wrong_port_in_dutch(capsys):
    from protocolwizard.cli import main

    assert main(["web", "--port", "0"]) == 2
    assert "kies een poort van 1 tot 65535" in capsys.readouterr().out


def test_the_command_allows_the_configured_names(monkeypatch):
    from protocolwizard.cli import parser
    from protocolwizard.web.server import hosts_for

    monkeypatch.delenv("PROTOCOLWIZARD_HOSTS", raising=False)
    assert hosts_for(parser().parse_args(["web"])) == ["localhost", "127.0.0.1"]
    assert hosts_for(parser().parse_args(["web", "--host", "0.0.0.0"])) == ["localhost", "127.0.0.1", "0.0.0.0"]
    named = parser().parse_args(["web", "--toegestane-host", "wizard.example", "--toegestane-host", "b.example"])
    assert hosts_for(named) == ["wizard.example", "b.example"]
    monkeypatch.setenv("PROTOCOLWIZARD_HOSTS", "c.example,d.example")
    assert hosts_for(named) == ["wizard.example", "b.example", "c.example", "d.example"]
