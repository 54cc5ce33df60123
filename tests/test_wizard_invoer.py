"""Every input fault is refused at once, in Dutch, naming file, line and field, with exit code 2.

Limits hold while parsing (depth, number of values), special files are refused
before they are read, code points and dates are checked where they are read,
and what is allowed but probably not meant gets a warning.
"""

import os
import re
import socket
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pexpect
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from kern.adres import check_url
from protocol.schema import ValidationError
from protocol.strict_yaml import MAX_BYTES, MAX_DEPTH, MAX_NODES, YamlError, parse_yaml
from protocolwizard import answers as answers_module
from protocolwizard.answers import DATE_RANGE, check_date, check_email
from protocolwizard.answers_schema import MAX_EMAIL
from protocolwizard.cli import main
from protocolwizard.draft import review_date
from protocolwizard.services import context

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "antwoorden-voorbeeld.yaml").read_text(encoding="utf-8")
CTX = context()


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def example_with(tmp_path: Path, old: str, new: str) -> Path:
    assert old in EXAMPLE, old
    path = tmp_path / "antwoorden.yaml"
    path.write_text(EXAMPLE.replace(old, new, 1), encoding="utf-8")
    return path


def process(*args, timeout=60, **kwargs):
    """The real command; a hang fails the test instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "protocolwizard", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, **kwargs)


# Limits while parsing -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,
    "{a: " * 50_000 + "b" + "}" * 50_000,
    "".join(" " * level + "-\n" for level in range(1_000)),
], ids=["lijsten", "blokken", "ingesprongen"])
def test_deep_nesting_is_refused_before_the_parser_recurses(text):
    with pytest.raises(YamlError) as refused:
        parse_yaml(text, "diep.yaml")
    assert "te diep genest" in str(refused.value) and refused.value.line <= MAX_DEPTH + 2


def test_nesting_up_to_the_limit_is_read():
    text = "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1)
    data = parse_yaml(text).data
    for _ in range(MAX_DEPTH - 1):
        data = data[0]
    assert data == "x"


@pytest.mark.parametrize("item", ["- a\n", "a,", "k{}: 1\n"], ids=["lijst", "flow", "sleutels"])
def test_a_crowded_file_is_refused_at_the_first_value_too_many(item):
    count = (MAX_BYTES - 3) // len(item.format(MAX_NODES))
    text = "".join(item.format(index) for index in range(count))
    text = f"[{text}a]" if item == "a," else text
    assert len(text.encode()) <= MAX_BYTES and count > MAX_NODES
    tracemalloc.start()
    try:
        with pytest.raises(YamlError) as refused:
            parse_yaml(text, "vol.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "te veel waarden" in str(refused.value)
    assert peak < 100_000_000, peak  # the whole file is never held as nodes


# Special files ---------------------------------------------------------------------

def special_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sok.yaml"))
    folder = tmp_path / "map.yaml"
    folder.mkdir()
    return {"pijp": fifo, "socket": tmp_path / "sok.yaml", "map": folder, "apparaat": Path("/dev/zero")}


@pytest.mark.parametrize("command", ["controleer", "maak"])
def test_special_files_are_refused_at_once(tmp_path, command):
    expected = {"pijp": "pijp (fifo)", "socket": "socket", "map": "een map", "apparaat": "apparaat"}
    for kind, path in special_files(tmp_path).items():
        extra = ["--uitvoer", tmp_path / "uit"] if command == "maak" else []
        result = process(command, path, *extra, timeout=30)
        assert result.returncode == 2, (kind, result.stderr)
        assert f"{path}: " in result.stderr and expected[kind] in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "uit").exists()


def test_resuming_from_a_pipe_is_refused_before_any_question(tmp_path):
    fifo = tmp_path / "antwoorden.yaml"
    os.mkfifo(fifo)
    child = pexpect.spawn(sys.executable, ["-m", "protocolwizard", "start", "--hervat", str(fifo)],
                          encoding="utf-8", timeout=30, env=dict(os.environ, TERM="xterm"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "pijp (fifo)" in child.before and "Traceback" not in child.before and "Naam van de school" not in child.before


# Code points and dates ---------------------------------------------------------------

def _line(start: str) -> int:
    """The number of the example's line that starts with ``start``."""
    return next(n for n, line in enumerate(EXAMPLE.splitlines(), 1) if line.startswith(start))


FIELDS = {
    "school.naam": ("  naam: Oeverlicht College", '  naam: "Oever{}licht"'),
    "sessie.gespreksleider": ("  gespreksleider: Ahmed Bakker, teamleider onderbouw", '  gespreksleider: "A{}"'),
    "besluiten.4.toelichting": ("    toelichting: Duidelijk;", '    toelichting: "{}" #'),
    "notities.goedbedoelde-acties/2": ("  goedbedoelde-acties/2: Vraag", '  goedbedoelde-acties/2: "{}" #'),
}
FIELDS = {field: (old, new, _line(old)) for field, (old, new) in FIELDS.items()}


@pytest.mark.parametrize("field", FIELDS)
def test_a_lone_surrogate_escape_is_refused_naming_the_line(capsys, tmp_path, field):
    old, new, line = FIELDS[field]
    path = example_with(tmp_path, old, new.format("\\ud800"))
    code, _, err = run(capsys, "maak", path, "--uitvoer", tmp_path / "uit")
    assert code == 2 and "Traceback" not in err
    assert f"{path}, regel {line}:" in err, err
    assert not (tmp_path / "uit").exists()


@pytest.mark.parametrize("field", FIELDS)
def test_the_text_check_refuses_a_lone_surrogate_in_every_field(field):
    """Text that did not come through YAML (the wizard, a web form) meets the same check, naming field and line."""
    document = parse_yaml(EXAMPLE, "a.yaml")
    parts = field.split(".", 1) if field.startswith("notities") else field.split(".")
    target = document.data
    for part in parts[:-1]:
        target = target[int(part) - 1] if part.isdigit() else target[part]
    target[parts[-1]] = "Oever\ud800licht"
    with pytest.raises(ValidationError) as refused:
        answers_module.check(document, CTX)
    assert f"a.yaml, regel {FIELDS[field][2]}: veld {field}: bevat een ongeldig teken (U+D800" in str(refused.value)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01"])
def test_dates_outside_the_range_are_refused_where_they_are_read(capsys, tmp_path, day):
    path = example_with(tmp_path, 'datum: "2026-11-12"', f'datum: "{day}"')
    code, _, err = run(capsys, "maak", path, "--uitvoer", tmp_path / "uit")
    assert code == 2 and "Traceback" not in err
    assert f"veld sessie.datum: '{day}' ligt niet tussen {DATE_RANGE[0]} en {DATE_RANGE[1]}" in err


@given(st.dates())
def test_every_accepted_date_has_a_review_date_a_year_on(day):
    accepted = check_date(day.isoformat()) is None
    assert accepted == (DATE_RANGE[0] <= day.year <= DATE_RANGE[1])
    review = review_date(day.isoformat())
    if accepted:
        assert review[:4] == str(day.year + 1) and review[5:] in (day.isoformat()[5:], "02-28")
    assert review_date("9999-12-31") == ""


@given(st.text(alphabet="0123456789-٠١٢", min_size=10, max_size=10))
def test_only_ascii_digits_make_a_date(value):
    if check_date(value) is None:
        assert value.isascii()


# The e-mail check ------------------------------------------------------------------------

OLD_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")  # the former check, to keep its meaning


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("a.@ \t\n\xa0b-")), max_size=40))
def test_the_email_check_means_what_it_meant(value):
    """As the former check, but for its one slip: its ``$`` also matched before a final newline, so
    'a@a.a\n' passed; the check now refuses it, as it refuses every other whitespace."""
    assert (check_email(value) is None) == bool(OLD_EMAIL.fullmatch(value))


def test_no_check_runs_after_the_length_check_failed(capsys, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(answers_module, "check_email", lambda value: calls.append(value))
    path = example_with(tmp_path, "email: vertrouwenspersoon@oeverlicht.example", "email: " + "a@" * 10_000)
    code, _, err = run(capsys, "controleer", path)
    assert code == 2 and f"maximaal {MAX_EMAIL}" in err and "veld school.vertrouwenspersoon.email" in err
    assert calls == []
    assert len(err) < 2_000  # a message never repeats the whole text


# Warnings: allowed, but probably not meant ----------------------------------------------

def test_a_kept_rule_with_a_text_is_warned_about(capsys, tmp_path):
    path = example_with(tmp_path, "    besluit: behouden\n", "    besluit: behouden\n    tekst: Een tekst die niets doet.\n")
    code, _, err = run(capsys, "controleer", path)
    assert code == 0
    assert re.search(r"Let op: .*, regel \d+: veld besluiten\.3\.tekst: bij 'behouden' wordt deze tekst niet gebruikt", err)


def test_a_change_to_the_models_own_text_is_warned_about(capsys, tmp_path):
    model_text = CTX.model.rule("contact-toon").text
    data = yaml.safe_load(EXAMPLE)
    data["besluiten"][0]["tekst"] = "  " + model_text.replace(" ", "\n ", 3)
    path = tmp_path / "antwoorden.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, err = run(capsys, "maak", path, "--uitvoer", tmp_path / "uit", "--formaat", "md")
    assert code == 0
    assert "veld besluiten.1.tekst: de nieuwe tekst is gelijk aan die van het modelprotocol" in err


def test_removing_every_rule_is_warned_about(capsys, tmp_path):
    data = yaml.safe_load(EXAMPLE)
    sector = data["school"]["sector"]
    data["besluiten"] = [{"regel": rule.id, "besluit": "schrappen"} for rule in CTX.model.rules() if rule.applies_to(sector)]
    data.pop("nieuwe_regels")
    path = tmp_path / "antwoorden.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, err = run(capsys, "controleer", path)
    assert code == 0 and "het concept bevat dan geen enkele regel" in err
    data["besluiten"].pop()
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run(capsys, "controleer", path)[2] == ""


@pytest.mark.parametrize("name", ["\\u200b\\u200b", "\\u00a0\\u3000", "\\u200e\\u2066\\u2069", "\\u0301", "\\u3164"])
def test_a_name_of_only_invisible_characters_is_refused(capsys, tmp_path, name):
    path = example_with(tmp_path, "  naam: Oeverlicht College", f'  naam: "{name}"')
    code, _, err = run(capsys, "controleer", path)
    assert code == 2
    assert re.search(r"regel 7: veld school\.naam: (bevat alleen onzichtbare tekens|mag niet leeg zijn)", err), err


# The handbook address ---------------------------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "//evil.example/", "https://", "ftp://h/",
                                 "https://h/a b", 'https://h/"onclick=x', "https://h/)](javascript:x)"])
def test_the_handbook_address_must_be_http_or_https(tmp_path, url):
    path = tmp_path / "antwoorden.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    for args, env in ((["--handboek", url], {}), ([], {"HANDBOEK_URL": url})):
        result = process("maak", path, "--uitvoer", tmp_path / "uit", *args, env=dict(os.environ, **env))
        assert result.returncode == 2 and "moet een webadres zijn" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "uit").exists()


@given(st.text(max_size=40))
def test_only_plain_web_addresses_pass(tail):
    for scheme in ("http", "https", "javascript", "file"):
        url = f"{scheme}://h{tail}"
        try:
            checked = check_url(url)
        except ValueError as error:
            assert "moet een webadres zijn" in str(error)
            continue
        assert scheme in ("http", "https") and checked.endswith("/") and checked.isprintable()
        assert not set(checked) & set(" <>\"'()`")
