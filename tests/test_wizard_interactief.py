"""The interactive wizard driven end to end: real questionary prompts fed through prompt_toolkit pipes,
and the real command in a pseudo-terminal (Ctrl-C, a killed process, resuming)."""

import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from docx import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from protocolwizard import answers_schema
from protocolwizard.services import context
from protocolwizard.interview import Prompts, run_interview
from protocolwizard.opdracht import shell_command

ROOT = Path(__file__).resolve().parents[1]
ENTER, DOWN, CLEAR, CTRL_C = "\r", "\x1b[B", "\x15", "\x03"


class ScriptedPrompts(Prompts):
    """Real questionary prompts; each gets the keys ``respond(message, choices)`` returns."""

    def __init__(self, respond):
        self.lines: list[str] = []
        super().__init__(write=self.lines.append)
        self.respond = respond
        self.asked: list[str] = []
        self.pipes = []

    def session(self, message, choices=None):
        self.asked.append(message)
        assert len(self.asked) < 400, f"te veel vragen, de laatste: {message}"  # a refused answer given again and again
        manager = create_pipe_input()  # keep the context manager: it closes the pipe when collected
        pipe = manager.__enter__()
        self.pipes.append(manager)
        pipe.send_text(self.respond(message, choices or []))
        return {"input": pipe, "output": DummyOutput()}

    def close(self):
        for manager in self.pipes:
            manager.__exit__(None, None, None)


def choose(choices, label_part):
    index = next(i for i, label in enumerate(choices) if label_part in label)
    return DOWN * index + ENTER


def responder(overrides):
    """Answer by the start of the prompt; an override may be a list (used in turn) or a function."""
    defaults = {
        "Naam van de school": "Het Testlyceum\r", "Sector": DOWN * 2 + ENTER, "Plaats": "Utrecht\r",
        "Schoolbestuur": ENTER, "Naam van de vertrouwenspersoon": ENTER, "E-mailadres": ENTER,
        "Datum van het gesprek": CLEAR + "2026-11-20\r", "Gespreksleider": ENTER,
        "Welke kaarten": " \r", "Op welk webadres": ENTER, "Is deze kwestie besproken": ENTER, "Notitie": ENTER,
        "Wat heeft het team met deze regels": ENTER, "Wat besluit het team": ENTER, "Toelichting": ENTER,
        "Wil het team een nieuwe regel": ENTER, "Nog een nieuwe regel": ENTER,
        # The fields that fill the model's placeholders (left open here, or the first choice), from the schema.
        **{field.label: ENTER for _, field in answers_schema.walk() if field.placeholder and field.key != "naam"},
    }
    queues = {key: list(value) for key, value in overrides.items() if isinstance(value, list)}

    def respond(message, choices):
        for key, value in overrides.items():
            if message.startswith(key):
                if isinstance(value, list):
                    if queues[key]:
                        item = queues[key].pop(0)
                        return item(choices) if callable(item) else item
                    continue
                return value(choices) if callable(value) else value
        for key, value in defaults.items():
            if message.startswith(key):
                return value
        raise AssertionError(f"onverwachte vraag: {message}")

    return respond


@pytest.fixture(scope="module")
def ctx():
    return context()


def test_whole_session_with_a_change_from_the_review_screen(tmp_path, ctx):
    folder = tmp_path / "concept"
    first = ctx.cards[0]  # "Welke kaarten": the first card is chosen
    prompts = ScriptedPrompts(responder({
        # one note per kwestie of the first card (the one chosen), then the note changed from the review screen
        "Notitie": ["Privénotitie-XYZ over de groep\r"] + [ENTER] * (len(first.kwesties) - 1)
        + [CLEAR + "Privénotitie-XYZ, aangevuld\r"],
        "Wat besluit het team": [lambda c: choose(c, "Wijzigen"), lambda c: choose(c, "Schrappen")],
        "Nieuwe tekst van de regel": CLEAR + "Gewijzigde tekst: de school reageert binnen een dag.\r",
        "Waarom wil het team deze wijziging": "Sneller is beter.\r",
        "Waarom moet deze regel weg": "Dubbel met een andere regel.\r",
        "Wat wil je doen": [lambda c: choose(c, "Schoolgegevens aanpassen"),
                            lambda c: choose(c, "Kwesties en notities"),
                            lambda c: choose(c, "Concept maken")],
        "Welke kwestie": lambda c: choose(c, f"{first.title}, kwestie {first.kwesties[0].number} "),
        "Naam van de school": ["Het Testlyceum\r", CLEAR + "Het Nieuwe Lyceum\r"],
        "In welke map": CLEAR + f"{folder}\r",
    }))
    code = run_interview(tmp_path / "antwoorden.yaml", resume=False, handboek_url="https://h/", prompts=prompts, context=ctx)
    prompts.close()
    assert code == 0, prompts.lines[-5:]
    assert prompts.asked[0] == "Naam van de school:"
    assert any(line.startswith("Schrijf geen namen van leerlingen op") for line in prompts.lines)
    saved = yaml.safe_load((tmp_path / "antwoorden.yaml").read_text(encoding="utf-8"))
    assert saved["school"]["naam"] == "Het Nieuwe Lyceum"
    assert saved["notities"][first.kwesties[0].id] == "Privénotitie-XYZ, aangevuld"
    kinds = [d["besluit"] for d in saved["besluiten"]]
    assert kinds.count("wijzigen") == 1 and kinds.count("schrappen") == 1
    title = Document(folder / "protocol.docx").paragraphs[0].text
    assert title == "Socialemediaprotocol Het Nieuwe Lyceum"
    report = (folder / "wijzigingsverslag.md").read_text(encoding="utf-8")
    assert "Gewijzigde tekst: de school reageert binnen een dag." in report and "Sneller is beter." in report
    assert "Dubbel met een andere regel." in report
    for name in ("protocol.md", "protocol.html", "wijzigingsverslag.md", "wijzigingsverslag.html"):
        assert "Privénotitie-XYZ" not in (folder / name).read_text(encoding="utf-8")


def test_interrupt_and_resume_ask_only_what_is_missing(tmp_path, ctx):
    path = tmp_path / "antwoorden.yaml"
    first = ScriptedPrompts(responder({"Plaats": CTRL_C}))
    assert run_interview(path, resume=False, handboek_url="", prompts=first, context=ctx) == 130
    first.close()
    assert f"    {shell_command('start', '--hervat', path)}" in first.lines
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["school"] == {"naam": "Het Testlyceum", "sector": "vo"}

    second = ScriptedPrompts(responder({
        "Wat besluit het team": [lambda c: choose(c, "Wijzigen"), CTRL_C],
        "Nieuwe tekst van de regel": CLEAR + "Nieuwe tekst.\r",
        "Waarom wil het team": "Reden.\r",
    }))
    assert run_interview(path, resume=True, handboek_url="", prompts=second, context=ctx) == 130
    second.close()
    assert second.asked[0] == "Plaats:"
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    changed = [d for d in saved["besluiten"] if d["besluit"] == "wijzigen"]
    assert changed and changed[0]["tekst"] == "Nieuwe tekst." and changed[0]["toelichting"] == "Reden."

    third = ScriptedPrompts(responder({"Wat wil je doen": lambda c: choose(c, "Opslaan en stoppen")}))
    assert run_interview(path, resume=True, handboek_url="", prompts=third, context=ctx) == 0
    third.close()
    assert third.asked[0] == "Wat besluit het team?"  # the rule after the one already decided
    assert third.asked[-1] == "Wat wil je doen?"


def test_an_existing_answers_file_is_not_overwritten(tmp_path, ctx):
    path = tmp_path / "antwoorden.yaml"
    path.write_text("versie: 1\n", encoding="utf-8")
    prompts = ScriptedPrompts(responder({}))
    assert run_interview(path, resume=False, handboek_url="", prompts=prompts, context=ctx) == 1
    assert path.read_text(encoding="utf-8") == "versie: 1\n"
    assert any("--hervat" in line for line in prompts.lines)


def spawn(*args, cwd):
    env = dict(os.environ, TERM="xterm", COLUMNS="100", LINES="40")
    return pexpect.spawn(sys.executable, ["-m", "protocolwizard", *args], cwd=str(cwd), env=env,
                         encoding="utf-8", timeout=20, dimensions=(40, 100))


@pytest.mark.slow
def test_real_terminal_ctrl_c_kill_and_resume(tmp_path):
    child = spawn("start", cwd=tmp_path)
    child.expect("Naam van de school")
    child.send("Pty School\r")
    child.expect("Sector")
    child.send(DOWN + ENTER)
    child.expect("Plaats")
    child.send(CTRL_C)
    child.expect("Onderbroken. Je antwoorden zijn bewaard in antwoorden.yaml.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = yaml.safe_load((tmp_path / "antwoorden.yaml").read_text(encoding="utf-8"))
    assert saved["school"] == {"naam": "Pty School", "sector": "so"}

    child = spawn("start", "--hervat", "antwoorden.yaml", cwd=tmp_path)
    child.expect("Plaats")
    child.send("Zwolle\r")
    child.expect("Schoolbestuur")
    child.send("Halfweg typen")
    child.kill(signal.SIGKILL)  # a killed process: only the answer being typed is lost
    child.close()
    saved = yaml.safe_load((tmp_path / "antwoorden.yaml").read_text(encoding="utf-8"))
    assert saved["school"]["plaats"] == "Zwolle" and "bestuur" not in saved["school"]
    assert not list(tmp_path.glob(".*.tmp"))

    child = spawn("start", "--hervat", "antwoorden.yaml", cwd=tmp_path)
    child.expect("Schoolbestuur")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
