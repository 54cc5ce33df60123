"""`pip install .` outside the checkout gives a protocolwizard that works: the model, the templates, the
cards and the LaTeX style travel as package data, and nothing is read from the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kern.latex import PdfError, check_tex
from kern.loader import load_cards

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "antwoorden-voorbeeld.yaml"

pytestmark = pytest.mark.slow


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtualenv outside the checkout with the locked run-time dependencies and the built wheel."""
    place = tmp_path_factory.mktemp("installatie")
    source = place / "bron"  # a copy, so the build leaves nothing behind in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "tools", source / "tools", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "docs" / "kaarten", source / "docs" / "kaarten")
    run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "-q",
         "-w", str(place / "wheel")], cwd=place)
    run([sys.executable, "-m", "venv", str(place / "venv")], cwd=place)
    pip = [str(place / "venv" / "bin" / "python"), "-m", "pip", "install", "-q"]
    run([*pip, "--require-hashes", "-r", str(ROOT / "requirements.lock")], cwd=place)
    run([*pip, "--no-deps", *map(str, (place / "wheel").glob("*.whl"))], cwd=place)
    return place


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HANDBOEK_KAARTEN", "VIRTUAL_ENV")}
    return env


def test_installed_packages_do_not_read_the_checkout(installed):
    python = str(installed / "venv" / "bin" / "python")
    script = (
        "import kern, protocol, protocolwizard, handboek\n"
        "from kern.loader import default_cards_dir, load_cards\n"
        "from protocol.model import TEMPLATES_DIR\n"
        "for module in (kern, protocol, protocolwizard, handboek):\n"
        "    print(module.__file__)\n"
        "print(default_cards_dir()); print(TEMPLATES_DIR)\n"
        "print('kaarten', len(load_cards()))\n"
    )
    output = run([python, "-c", script], cwd=installed, env=clean_env()).stdout.splitlines()
    assert all(str(ROOT) not in line for line in output[:-1]), output
    assert output[-1] == f"kaarten {len(load_cards())}"


def test_installed_wizard_renders_the_example_in_every_format(installed):
    wizard = str(installed / "venv" / "bin" / "protocolwizard")
    example = installed / "antwoorden.yaml"
    shutil.copyfile(EXAMPLE, example)
    try:
        check_tex()
        formats = ["md", "html", "docx", "pdf"]
    except PdfError:
        formats = ["md", "html", "docx"]
    run([wizard, "maak", str(example), "--uitvoer", "concept", "--formaat", ",".join(formats)],
        cwd=installed, env=clean_env())
    for fmt in formats:
        output = installed / "concept" / f"protocol.{fmt}"
        assert output.is_file() and output.stat().st_size > 0, output
    assert (installed / "concept" / "wijzigingsverslag.html").is_file()
