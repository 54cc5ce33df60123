"""Every wrong answers file is rejected with exit code 2 and a Dutch message naming file, line and field."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from protocolwizard.answers_schema import SCHEMA_VERSION
from protocolwizard.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "antwoorden-voorbeeld.yaml").read_text(encoding="utf-8")
#: The first 'wijzigen' decision of the example with its new text (a folded block), to take the text away.
CHANGE_WITH_TEXT = re.search(r"    besluit: wijzigen\n    tekst: >-\n(?:      .*\n)+", EXAMPLE)[0]


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def variant(tmp_path: Path, old: str, new: str, name: str = "antwoorden.yaml") -> Path:
    assert old in EXAMPLE, old
    path = tmp_path / name
    path.write_text(EXAMPLE.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_example_is_valid(capsys):
    code, out, _ = run(capsys, "controleer", ROOT / "examples" / "antwoorden-voorbeeld.yaml")
    data = yaml.safe_load(EXAMPLE)
    decisions, new_rules = len(data["besluiten"]), len(data["nieuwe_regels"])
    assert decisions > 1 and new_rules == 1  # the counts below are Dutch plurals and singulars
    assert code == 0 and f"is in orde: {decisions} besluiten, 1 nieuwe regel." in out


CASES = {
    "onbekend veld": ("  sector: vo", "  sectr: vo", r"regel 8: veld school.sectr: onbekend veld 'sectr'. Bedoelde je 'sector'?"),
    "dubbel veld": ("  plaats: Middelburg", "  plaats: Middelburg\n  plaats: Vlissingen", r"regel 10: het veld 'plaats' staat twee keer"),
    "onbekende regel": ("regel: contact-toon", "regel: contact-tonen", r"onbekende regel 'contact-tonen'. Bedoelde je 'contact-toon'?"),
    "regelnummer": ("regel: contact-toon", "regel: \"4.2\"", r"onbekende regel .4.2.. Bedoelde je .contact-[a-z-]+. \(regel 4.2 in het concept\)\?"),
    "regelnummer zonder aanhalingstekens": ("regel: contact-toon", "regel: 4.2", r"onbekende regel .4.2.. Bedoelde je .contact-[a-z-]+. \(regel 4.2 in het concept\)\?"),
    "hoofdstuknummer": ("hoofdstuk: personeelsapps", "hoofdstuk: \"4\"", r"onbekend hoofdstuk .4.. Bedoelde je .[a-z-]+. \(hoofdstuk 4 in het concept\)\?"),
    "onbekend hoofdstuk": ("hoofdstuk: personeelsapps", "hoofdstuk: personeel", r"veld nieuwe_regels.1.hoofdstuk: onbekend hoofdstuk 'personeel'"),
    "onbekende kaart": ("kaarten: [populaire-hiphopleraar,", "kaarten: [hiphopleraar,", r"veld sessie.kaarten.1: onbekende kaart 'hiphopleraar'"),
    "onbekende kwestie": ("kwestie: populaire-hiphopleraar/2", "kwestie: populaire-hiphopleraar/9", r"veld besluiten.1.kwestie: onbekende kwestie"),
    "verkeerd type": ("besluiten:\n", "besluiten: ja\nweg:\n", r"veld besluiten: hier hoort een lijst, maar er staat tekst"),
    "ontbrekend verplicht veld": ("  naam: Oeverlicht College\n", "", r"veld school: het verplichte veld 'naam' ontbreekt"),
    "wijzigen zonder tekst": (CHANGE_WITH_TEXT, "    besluit: wijzigen\n", r"veld besluiten\.1: bij het besluit 'wijzigen' hoort een nieuwe tekst \(veld tekst\)"),
    "twee besluiten": ("  - regel: meelezen-niet", "  - regel: contact-toon", r"over regel 'contact-toon' staan twee besluiten"),
    "regel van andere sector": ("  - regel: meelezen-niet", "  - regel: contact-jonge-leerlingen", r"regel 'contact-jonge-leerlingen' geldt niet voor de sector vo"),
    "verkeerde versie": (f"\nversie: {SCHEMA_VERSION}\n", f"\nversie: {SCHEMA_VERSION + 1}\n",
                         rf"regel \d+: veld versie: versie {SCHEMA_VERSION + 1} wordt niet ondersteund"),
    "ongeldige datum": ('datum: "2026-11-12"', 'datum: "12-11-2026"', r"'12-11-2026' is geen datum in de vorm JJJJ-MM-DD"),
    "gebroken yaml": ("  sector: vo", "  sector: [vo", r"regel \d+: dit is geen geldige YAML"),
}


@pytest.mark.parametrize("name", CASES)
def test_rejected_with_file_line_and_field(capsys, tmp_path, name):
    old, new, expected = CASES[name]
    path = variant(tmp_path, old, new)
    code, _, err = run(capsys, "controleer", path)
    assert code == 2
    assert str(path) in err and ", regel " in err
    assert __import__("re").search(expected, err), err
    assert "Traceback" not in err


RAW_CASES = {
    "python-tag": (b"versie: 1\nschool: !!python/object/apply:os.system ['echo hoi']\n", "YAML-tags zoals !!python/object/apply:os.system zijn niet toegestaan"),
    "eigen tag": (b"versie: !ding 1\n", "YAML-tags"),
    "alias-bom": (b"a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "verwijzingen met * (aliassen) zijn niet toegestaan"),
    "te groot": (b"versie: 1\n" + b"# " + b"x" * 1_100_000 + b"\n", "het bestand is te groot"),
    "binair": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "dit is geen tekstbestand"),
    "verkeerde codering": ("versie: 1\nschool:\n  naam: Caf\xe9\n".encode("latin-1"), "niet in UTF-8 opgeslagen"),
    "leeg": (b"   \n\n", "het bestand is leeg"),
    "lijst i.p.v. blok": (b"- versie: 1\n", "hier hoort een blok met velden, maar er staat een lijst"),
    "diep genest": (b"a: " + b"[" * 60 + b"]" * 60 + b"\n", "te diep genest"),
}


@pytest.mark.parametrize("name", RAW_CASES)
def test_hostile_files_are_rejected_cleanly(capsys, tmp_path, name):
    raw, expected = RAW_CASES[name]
    path = tmp_path / "antwoorden.yaml"
    path.write_bytes(raw)
    code, _, err = run(capsys, "maak", path, "--uitvoer", tmp_path / "uit")
    assert code == 2, err
    assert expected in err and str(path) in err
    assert not (tmp_path / "uit").exists()


def test_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "controleer", tmp_path / "bestaat-niet.yaml")
    assert code == 2 and "dit bestand bestaat niet" in err


def test_real_process_prints_no_traceback(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_bytes(b"versie: 1\nschool: !!python/object:os.system\n")
    result = subprocess.run([sys.executable, "-m", "protocolwizard", "maak", str(path), "--uitvoer", str(tmp_path / "u")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "niet toegestaan" in result.stderr


def test_help_is_dutch(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert out.startswith("gebruik: protocolwizard") and "opdrachten" in out and "toon deze hulp en stop" in out
    assert "usage" not in out and "show this help" not in out


def test_usage_errors_are_dutch(capsys):
    with pytest.raises(SystemExit) as done:
        main(["maak"])
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert "protocolwizard maak: fout: dit ontbreekt nog: ANTWOORDEN, --uitvoer" in err
