"""The interactive wizard saves only what its own checker accepts, alone, and stops cleanly at end of input.

Scripted sessions use real questionary prompts through prompt_toolkit pipes
(see test_wizard_interactief); lock, end of input and a missing terminal are
tried on the real command in a pseudo-terminal.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from protocol.strict_yaml import MAX_BYTES, parse_yaml
from protocol.schema import Checker
from protocolwizard.answers import NewRule, load_answers
from protocolwizard.answers_schema import MAX_NAME, MAX_TEXT
from protocolwizard.cli import main
from protocolwizard.files import Lock
from protocolwizard.interview import Interview, Prompts, run_interview
from protocolwizard.services import UnreadableAnswers, context
from test_wizard_interactief import CLEAR, CTRL_C, ENTER, ScriptedPrompts, choose, responder, spawn

UP = "\x1b[A"
CTRL_D = "\x04"


@pytest.fixture(scope="module")
def ctx():
    return context()


def assert_passes_the_full_check(path: Path, ctx) -> None:
    """What the wizard wrote passes 'controleer' and resumes."""
    assert main(["controleer", str(path)]) == 0
    load_answers(path, ctx)
    resumed = ScriptedPrompts(responder({"Wat wil je doen": lambda c: choose(c, "Opslaan en stoppen")}))
    assert run_interview(path, resume=True, handboek_url="", prompts=resumed, context=ctx) == 0
    resumed.close()


def test_too_long_answers_are_refused_at_the_prompt(tmp_path, ctx):
    path = tmp_path / "antwoorden.yaml"
    prompts = ScriptedPrompts(responder({
        # refused, said under the prompt, asked again
        "Naam van de school": ["N" * (MAX_NAME + 1) + ENTER, CLEAR + "Het Testlyceum" + ENTER],
        "Notitie": ["x" * (MAX_TEXT + 1) + ENTER, CLEAR + "Kort" + ENTER, ENTER, ENTER, ENTER, ENTER],
        "Plaats": " \u200b " + ENTER,
        "Wat wil je doen": lambda c: choose(c, "Opslaan en stoppen"),
    }))
    assert run_interview(path, resume=False, handboek_url="", prompts=prompts, context=ctx) == 0
    prompts.close()
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["school"]["naam"] == "Het Testlyceum"
    assert "Kort" in saved["notities"].values()
    assert f"  ✗ De tekst is te lang ({MAX_NAME + 1} tekens; maximaal {MAX_NAME}). Probeer het opnieuw." in prompts.lines
    assert_passes_the_full_check(path, ctx)


def test_a_new_rule_without_a_kwestie_passes_the_check(tmp_path, ctx):
    path = tmp_path / "antwoorden.yaml"
    prompts = ScriptedPrompts(responder({
        "Wil het team een nieuwe regel": UP + ENTER,
        "In welk hoofdstuk": ENTER,
        "Tekst van de nieuwe regel": "Een nieuwe regel." + ENTER,
        "Korte titel": ENTER,
        "Waarom wil het team deze regel": ENTER,
        "Bij welke kwestie": ENTER,  # "Geen", the default
        "Nog een nieuwe regel": ENTER,
        "Wat wil je doen": lambda c: choose(c, "Opslaan en stoppen"),
    }))
    assert run_interview(path, resume=False, handboek_url="", prompts=prompts, context=ctx) == 0
    prompts.close()
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["nieuwe_regels"] == [{"hoofdstuk": ctx.model.chapters[0].id, "titel": "", "tekst": "Een nieuwe regel.",
                                       "toelichting": ""}]
    assert_passes_the_full_check(path, ctx)


def test_every_saved_state_of_a_session_passes_the_partial_check(tmp_path, ctx):
    """Interrupted again and again (the n-th question of the n-th run), the file on disk always reads back."""
    path = tmp_path / "antwoorden.yaml"
    stop = responder({"Wat wil je doen": lambda c: choose(c, "Opslaan en stoppen")})
    for step in range(1, 40):
        asked = []

        def respond(message, choices, default=stop):
            asked.append(message)
            return CTRL_C if len(asked) == step else default(message, choices)

        prompts = ScriptedPrompts(respond)
        code = run_interview(path, resume=path.exists(), handboek_url="", prompts=prompts, context=ctx)
        prompts.close()
        if path.exists():
            load_answers(path, ctx, partial=True)
        if code != 130:
            break
    assert_passes_the_full_check(path, ctx)


@settings(max_examples=300)
@given(value=st.text(max_size=60) | st.text(alphabet="\u200b\u200e \xa0a\ud800\u0301", max_size=8),
       required=st.booleans(), max_length=st.integers(1, 50))
def test_the_prompt_refuses_exactly_what_the_checker_refuses(value, required, max_length):
    prompt_accepts = Prompts.validator(required=required, max_length=max_length)(value) is True
    checker = Checker(parse_yaml("a: 1"))
    assert prompt_accepts == checker.text(("a",), value.strip(), required=required, max_length=max_length)


def test_an_answers_file_too_large_to_read_back_is_not_saved(tmp_path, ctx):
    path = tmp_path / "antwoorden.yaml"
    interview = Interview(path, ctx, Prompts(write=lambda text: None))
    interview.answers.school = {"naam": "School", "sector": "vo"}
    interview.save()
    before = path.read_bytes()
    interview.answers.new_rules = [NewRule(ctx.model.chapters[0].id, "x" * MAX_TEXT)] * (MAX_BYTES // MAX_TEXT + 1)
    with pytest.raises(UnreadableAnswers):
        interview.save()
    assert path.read_bytes() == before


# Before the first question -----------------------------------------------------------------

def test_a_missing_folder_is_reported_before_the_first_question(tmp_path, ctx, capsys):
    prompts = ScriptedPrompts(responder({}))
    assert run_interview(tmp_path / "bestaat-niet" / "a.yaml", resume=False, handboek_url="", prompts=prompts,
                         context=ctx) == 2
    assert prompts.asked == [] and "bestaat niet" in capsys.readouterr().err


def test_a_file_where_the_folder_should_be_is_reported_before_the_first_question(tmp_path, ctx, capsys):
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    prompts = ScriptedPrompts(responder({}))
    assert run_interview(tmp_path / "bestand" / "a.yaml", resume=False, handboek_url="", prompts=prompts,
                         context=ctx) == 2
    assert prompts.asked == [] and "Fout:" in capsys.readouterr().err


def test_an_unwritable_folder_is_reported_before_the_first_question(tmp_path):
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    folder.chmod(0o555)
    command = [sys.executable, "-m", "protocolwizard", "start", "--antwoorden", str(folder / "a.yaml")]
    if os.geteuid() == 0:  # root writes anywhere unless it drops the capability
        if not shutil.which("setpriv"):
            pytest.skip("setpriv (util-linux) ontbreekt: installeer het met 'apt-get install util-linux'.")
        command = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    child = pexpect.spawn(command[0], command[1:], encoding="utf-8", timeout=20, env=dict(os.environ, TERM="xterm"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "geen toestemming om daar te schrijven" in child.before and "Naam van de school" not in child.before


def test_a_second_wizard_on_the_same_file_is_refused(tmp_path, ctx, capsys):
    path = tmp_path / "antwoorden.yaml"
    with Lock(path):
        prompts = ScriptedPrompts(responder({}))
        assert run_interview(path, resume=False, handboek_url="", prompts=prompts, context=ctx) == 2
        assert prompts.asked == []
        assert "al geopend in een andere protocolwizard" in capsys.readouterr().err
    prompts = ScriptedPrompts(responder({"Naam van de school": CTRL_C}))
    assert run_interview(path, resume=False, handboek_url="", prompts=prompts, context=ctx) == 130
    assert not list(tmp_path.glob(".*.lock"))  # released and removed after use


def test_two_real_wizards_and_a_killed_one(tmp_path):
    first = spawn("start", cwd=tmp_path)
    first.expect("Naam van de school")
    first.send("Eerste School\r")
    first.expect("Sector")
    second = spawn("start", "--hervat", "antwoorden.yaml", cwd=tmp_path)
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 2 and "al geopend in een andere protocolwizard" in second.before
    first.kill(9)  # the kernel releases the lock of a killed process
    first.close()
    third = spawn("start", "--hervat", "antwoorden.yaml", cwd=tmp_path)
    third.expect("Sector")
    third.send(CTRL_C)
    third.expect(pexpect.EOF)
    third.close()
    assert third.exitstatus == 130


# End of input and no terminal --------------------------------------------------------------

def test_ctrl_d_stops_like_ctrl_c(tmp_path):
    child = spawn("start", cwd=tmp_path)
    child.expect("Naam van de school")
    child.send("Pty School\r")
    child.expect("Sector")
    child.send(ENTER)
    child.expect("Plaats")
    child.send(CTRL_D)
    child.expect("Onderbroken. Je antwoorden zijn bewaard in antwoorden.yaml.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and "Traceback" not in child.before
    assert yaml.safe_load((tmp_path / "antwoorden.yaml").read_text(encoding="utf-8"))["school"]["naam"] == "Pty School"


def test_input_at_its_end_stops_like_ctrl_c(tmp_path):
    child = pexpect.spawn("sh", ["-c", f"exec {sys.executable} -m protocolwizard start </dev/null"], cwd=str(tmp_path),
                          encoding="utf-8", timeout=20, env=dict(os.environ, TERM="xterm"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Onderbroken." in child.before and "Traceback" not in child.before


def test_without_a_terminal_start_says_so(tmp_path):
    result = subprocess.run([sys.executable, "-m", "protocolwizard", "start"], cwd=tmp_path, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "hebben een terminal nodig" in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())
