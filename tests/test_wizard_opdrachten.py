"""Every command the wizard prints runs as printed, in a fresh shell of the user (issue 15).

The user's shell is a login shell with a clean environment (only ``HOME``, ``PATH`` and a
language), in a temporary home with Debian's ``~/.profile``: the ``PATH`` a user has after
``make installeer``. Each command is taken from what the wizard printed, copied as a user copies
it, and run in a new shell; no command is re-typed here. The Ctrl-C and resume instructions of
``start`` are taken from a real terminal (pexpect).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from conftest import ROOT
from protocolwizard import opdracht
from protocolwizard.cli import parser

PROGRAM = Path(sys.executable).parent / "protocolwizard"
EXAMPLE = ROOT / "examples" / "antwoorden-voorbeeld.yaml"
MODEL = ROOT / "tools" / "protocol" / "templates" / "voorbeeldprotocol.yaml"
SKELETON_PROFILE = Path("/etc/skel/.profile")
#: What Debian's ~/.profile says about ~/.local/bin, for a system without /etc/skel/.profile.
DEBIAN_PROFILE = 'if [ -d "$HOME/.local/bin" ] ; then\n    PATH="$HOME/.local/bin:$PATH"\nfi\n'
SYSTEM_PATH = "/usr/bin:/bin"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][AB0-2]|\r")


def user_env(home: Path, path: str = SYSTEM_PATH) -> dict[str, str]:
    return {"HOME": str(home), "PATH": path, "LANG": "C.UTF-8", "TERM": "xterm", "COLUMNS": "100", "LINES": "40"}


def in_shell(command: str, home: Path, cwd: Path, path: str = SYSTEM_PATH) -> subprocess.CompletedProcess:
    """``command`` in a new login shell of the user, as typed (or pasted) at the prompt."""
    return subprocess.run(["bash", "-lc", command], cwd=cwd, env=user_env(home, path), capture_output=True,
                          text=True, timeout=600)


#: ``make installeer`` as the tests run it: with the .venv the tests run in taken as it is (``-o``: never
#: renewed here, even when a lock file is newer; ``make test`` renews it before the tests start).
MAKE_INSTALLEER = f"make --no-print-directory -C {shlex.quote(str(ROOT))} -o .venv/.geinstalleerd installeer"


def make_installeer(home: Path, path: str = SYSTEM_PATH, **variables: str) -> subprocess.CompletedProcess:
    settings = [f"{name}={value}" for name, value in variables.items()]
    return subprocess.run([*shlex.split(MAKE_INSTALLEER), *settings],
                          env=user_env(home, path), capture_output=True, text=True, timeout=900)


def new_home(place: Path) -> Path:
    """A new user's home: Debian's ~/.profile, and nothing else (no ~/.local/bin yet)."""
    home = place / "thuis"
    home.mkdir()
    profile = SKELETON_PROFILE.read_text(encoding="utf-8") if SKELETON_PROFILE.is_file() else DEBIAN_PROFILE
    (home / ".profile").write_text(profile, encoding="utf-8")
    return home


def printed_commands(output: str) -> list[str]:
    """The commands the wizard printed on lines of their own (indented under "...met:")."""
    lines = ANSI.sub("", output).split("\n")
    return [lines[i + 1].strip() for i, line in enumerate(lines[:-1]) if line.rstrip().endswith("met:")]


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A user's home after ``make installeer`` (run without ~/.local/bin on the PATH, as at first)."""
    home = new_home(tmp_path_factory.mktemp("gebruiker"))
    result = make_installeer(home)
    assert result.returncode == 0, result.stderr
    home.joinpath("installeer.txt").write_text(result.stdout, encoding="utf-8")
    return home


@pytest.fixture
def work(tmp_path) -> Path:
    """The folder the user works in; a space in its name, as in 'Mijn documenten'."""
    folder = tmp_path / "mijn protocol"
    folder.mkdir()
    return folder


# make installeer -------------------------------------------------------------------------------


def test_make_installeer_puts_the_command_on_the_users_path(home, work):
    link = home / ".local" / "bin" / "protocolwizard"
    assert link.is_symlink() and os.path.samefile(link, PROGRAM)
    said = home.joinpath("installeer.txt").read_text(encoding="utf-8")
    assert "staat nog niet in je PATH" in said and "Log opnieuw in" in said
    found = in_shell("command -v protocolwizard", home, work)
    assert found.stdout.strip() == str(link)
    again = in_shell(MAKE_INSTALLEER, home, work)
    assert again.returncode == 0 and "Klaar: typ 'protocolwizard'" in again.stdout


def test_make_installeer_leaves_another_program_alone(tmp_path):
    home = new_home(tmp_path)
    other = tmp_path / "bin" / "protocolwizard"
    other.parent.mkdir()
    other.write_text("#!/bin/sh\necho ander programma\n", encoding="utf-8")
    result = make_installeer(home, BINDIR=str(other.parent))
    assert result.returncode != 0
    assert "bestaat al en is geen verwijzing van make installeer" in result.stderr
    assert other.read_text(encoding="utf-8") == "#!/bin/sh\necho ander programma\n"


def test_make_installeer_says_when_another_protocolwizard_comes_first(tmp_path):
    home = new_home(tmp_path)
    first = tmp_path / "eerst"
    first.mkdir()
    (first / "protocolwizard").write_text("#!/bin/sh\n", encoding="utf-8")
    (first / "protocolwizard").chmod(0o755)
    result = make_installeer(home, path=f"{first}:{home}/.local/bin:{SYSTEM_PATH}")
    assert result.returncode == 0
    assert f"je PATH vindt eerst een andere protocolwizard: {first / 'protocolwizard'}" in result.stdout


# The commands the wizard prints ----------------------------------------------------------------------


def test_leeg_prints_commands_that_run_as_printed(home, work):
    result = in_shell("protocolwizard leeg 'mijn antwoorden.yaml'", home, work)
    assert result.returncode == 0, result.stderr
    [make] = printed_commands(result.stdout)
    assert make == "protocolwizard maak 'mijn antwoorden.yaml' --uitvoer concept"
    written = (work / "mijn antwoorden.yaml").read_text(encoding="utf-8")
    in_file = [line.removeprefix("#").strip() for line in written.splitlines()[:8] if line.startswith("#     ")]
    assert in_file[-1] == make
    # The user fills in the file (here: with the example's answers) and runs what was printed.
    (work / "mijn antwoorden.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    for command in in_file[:-1]:
        checked = in_shell(command, home, work)
        assert checked.returncode == 0, (command, checked.stderr)
    made = in_shell(make, home, work)
    assert made.returncode == 0, made.stderr
    assert (work / "concept" / "protocol.md").is_file() and (work / "concept" / "protocol.docx").is_file()


def spawn(command: str, home: Path, cwd: Path) -> pexpect.spawn:
    return pexpect.spawn("bash", ["-lc", command], cwd=str(cwd), env=user_env(home), encoding="utf-8", timeout=60)


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return child.before


def test_ctrl_c_and_an_existing_file_print_commands_that_run_as_printed(home, work):
    at_once = spawn("protocolwizard start", home, work)
    at_once.expect("Naam van de school")
    at_once.sendcontrol("c")
    [again] = printed_commands(finish(at_once))  # nothing was saved yet: start again
    assert at_once.exitstatus == 130 and not (work / "antwoorden.yaml").exists()
    assert again == "protocolwizard start --antwoorden antwoorden.yaml"

    first = spawn(again, home, work)
    first.expect("Naam van de school")
    first.sendline("Het Testlyceum")
    first.expect("Sector")
    first.sendcontrol("c")
    output = finish(first)
    assert first.exitstatus == 130
    [resume] = printed_commands(output)
    assert resume == "protocolwizard start --hervat antwoorden.yaml"

    resumed = spawn(resume, home, work)
    resumed.expect("Verder met antwoorden.yaml")
    resumed.expect("Sector")
    resumed.sendcontrol("c")
    finish(resumed)
    assert resumed.exitstatus == 130

    existing = spawn("protocolwizard start", home, work)
    said = finish(existing)
    assert existing.exitstatus == 1, said
    on_with, other_name = printed_commands(said)
    assert on_with == resume
    assert other_name == "protocolwizard start --antwoorden NIEUW.yaml"
    new = spawn(other_name, home, work)
    # The folder holds an earlier answers file, so the wizard first asks what to start from: the model (first).
    new.expect("Waarmee begint dit teamgesprek")
    new.send("\r")
    new.expect("Naam van de school")
    new.sendline("Het Testlyceum")
    new.expect("Sector")
    new.sendcontrol("c")
    finish(new)
    assert new.exitstatus == 130 and (work / "NIEUW.yaml").is_file()


def test_without_a_terminal_the_commands_named_run_as_printed(home, work):
    result = in_shell("protocolwizard start", home, work)
    assert result.returncode == 2
    named = re.findall(r"'(protocolwizard [^']*)'", result.stderr)
    assert named == ["protocolwizard start", "protocolwizard leeg antwoorden.yaml",
                     "protocolwizard maak antwoorden.yaml --uitvoer concept"]
    assert in_shell(named[1], home, work).returncode == 0
    (work / "antwoorden.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    made = in_shell(named[2] + " --formaat md", home, work)  # the same command; one format is enough here
    assert made.returncode == 0, made.stderr


def test_importeer_and_vergelijk_print_commands_that_run_as_printed(home, work):
    shutil.copy(MODEL, work / "model.yaml")
    compared = in_shell("protocolwizard vergelijk model.yaml", home, work)
    assert compared.returncode == 2
    read_first = re.search(r"Lees het eerst in met: (.+)$", compared.stderr, re.MULTILINE).group(1)
    assert read_first == "protocolwizard importeer model.yaml"
    imported = in_shell(read_first, home, work)
    assert imported.returncode == 0, imported.stderr
    [confirm] = printed_commands(imported.stdout)
    assert confirm == "protocolwizard importeer --bevestig eigen-protocol.yaml"
    confirmed = in_shell(confirm, home, work)
    assert confirmed.returncode == 0 and "Bevestigd" in confirmed.stdout


def test_the_help_examples_are_commands_the_wizard_accepts(home, work):
    shown = in_shell("protocolwizard --help", home, work).stdout
    examples = shown.split("voorbeelden:\n", 1)[1].splitlines()
    assert examples
    for line in examples:
        command = re.split(r"\s{2,}", line.strip())[0]
        words = shlex.split(command)
        assert words[0] == "protocolwizard", line
        parser().parse_args(words[1:])  # exits (fails the test) on an option the wizard does not know


# Without make installeer ---------------------------------------------------------------------------


def test_without_the_command_on_the_path_the_full_path_is_printed_and_runs(tmp_path, work):
    home = new_home(tmp_path)
    result = in_shell(f"{shlex.quote(str(PROGRAM))} leeg antwoorden.yaml", home, work)
    assert result.returncode == 0, result.stderr
    [make] = printed_commands(result.stdout)
    assert make == f"{shlex.quote(str(PROGRAM))} maak antwoorden.yaml --uitvoer concept"
    header = (work / "antwoorden.yaml").read_text(encoding="utf-8").splitlines()[:8]
    check = next(line for line in header if " controleer " in line).removeprefix("#").strip()
    (work / "antwoorden.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    checked = in_shell(check, home, work)
    assert checked.returncode == 0 and "is in orde" in checked.stdout


def test_without_a_program_file_python_m_is_printed_and_runs(monkeypatch, tmp_path, work):
    monkeypatch.setattr(opdracht, "_program", lambda: None)
    command = opdracht.shell_command("controleer", EXAMPLE)
    assert command.startswith(f"{shlex.quote(sys.executable)} -m protocolwizard controleer ")
    checked = in_shell(command, new_home(tmp_path), work)
    assert checked.returncode == 0 and "is in orde" in checked.stdout


def test_a_file_name_reaches_the_wizard_as_it_is():
    for name in ("mijn antwoorden.yaml", "a'b.yaml", "$HOME;rm.yaml", "-x.yaml", "map/ü é.yaml"):
        words = shlex.split(opdracht.shell_command("start", "--hervat", Path(name)))
        assert words[0] == opdracht.command() or Path(words[0]).name == "protocolwizard"
        assert parser().parse_args(words[1:]).hervat == Path(name)


def test_the_tex_hint_runs_from_any_folder(tmp_path, work):
    """Without TeX the wizard says how to install it; that command works in the user's own folder too
    (run here with make's -n: it shows what it would install instead of installing it)."""
    from kern.latex import INSTALL_HINT

    shown = in_shell(f"{INSTALL_HINT} -n", new_home(tmp_path), work)
    assert shown.returncode == 0, shown.stderr
    assert "systeempakketten.sh pdf" in shown.stdout
