"""The update report of `protocolwizard bijwerken` passes axe (WCAG 2.1 A and AA) in light and dark mode,
for a report with every case (the test fixtures) and for the shipped example brought from 2026.1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .test_toegankelijkheid import THEMES, documents_violations

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "bijwerken"


@pytest.fixture(scope="module")
def update_reports(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bijwerken")
    runs = {
        "alle-gevallen.yaml": [str(FIXTURES / "antwoorden.yaml"), "--model", str(FIXTURES / "nieuw.yaml"),
                               "--basismodel", str(FIXTURES / "oud.yaml")],
        "voorbeeld.yaml": [str(ROOT / "examples" / "antwoorden-voorbeeld-2026.1.yaml")],
    }
    for name, arguments in runs.items():
        subprocess.run([sys.executable, "-m", "protocolwizard", "bijwerken", *arguments, "--uitvoer", str(folder / name)],
                       check=True, capture_output=True)
    for path in folder.glob("*.yaml"):
        path.unlink()  # only the HTML reports are checked
    return folder


@pytest.mark.parametrize("theme", THEMES)
def test_update_reports_have_no_wcag_violations(browser, update_reports, axe_script, theme):
    assert len(list(update_reports.glob("*-bijwerkverslag.html"))) == 2
    assert documents_violations(browser, update_reports, axe_script, theme) == {}
