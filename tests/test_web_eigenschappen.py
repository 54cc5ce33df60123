"""Property-based, over the whole answers schema: whatever the checker accepts as an upload, every page of the
browser wizard shows and every download renders; whatever it refuses gets the Dutch messages with file and line.

The answers files come from the same schema-driven strategy as ``protocolwizard maak``'s property test.
"""

from __future__ import annotations

import os

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from starlette.testclient import TestClient

from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError
from protocolwizard.answers import parse_answers
from protocolwizard.web.app import create_app
from test_wizard_eigenschappen import ANSWERS_FILES, CONTEXT
from webwizard import multipart, read_form

CLIENT = TestClient(create_app(CONTEXT), base_url="http://127.0.0.1")
EXAMPLES = int(os.environ.get("WEB_VOORBEELDEN", "40"))


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ANSWERS_FILES)
def test_every_accepted_upload_shows_every_page_and_renders(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    page = CLIENT.post("/upload", files={"bestand": ("a.yaml", text.encode("utf-8"), "application/yaml")})
    try:
        answers = parse_answers(text, CONTEXT, "a.yaml", partial=True)
    except (YamlError, ValidationError):
        assert page.status_code == 400
        problems = [li.get_text() for li in BeautifulSoup(page.text, "html.parser").select(".foutoverzicht li")]
        assert problems and all(p.startswith("a.yaml") for p in problems)
        return
    assert page.status_code == 200, page.text
    carried = read_form(page.text).values["antwoorden"]
    steps = ["school", "sessie", "nieuw", "resultaat", *(f"regel:{d.rule}" for d in answers.decisions),
             *(f"kwestie:{k.id}" for card in CONTEXT.cards if card.id in answers.cards for k in card.kwesties)]
    for step in steps:
        shown = CLIENT.post("/stap", files=multipart({"antwoorden": carried, "stap": "overzicht", "naar": step}))
        assert shown.status_code == 200, (step, shown.text[-500:])
    try:
        parse_answers(text, CONTEXT, "a.yaml")
    except (YamlError, ValidationError):
        return  # not complete yet: no draft (the results page says what is missing)
    for name in ("protocol.docx", "protocol.html", "protocol.md", "wijzigingsverslag.html", "antwoorden.yaml"):
        assert CLIENT.post(f"/download/{name}", files=multipart({"antwoorden": carried})).status_code == 200, name
