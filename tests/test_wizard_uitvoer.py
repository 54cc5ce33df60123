"""File-system faults while writing: a Dutch message, exit code 2, and never a partial set of outputs.

The faults are real: a folder another user cannot write, a file-size limit
(what a full disk looks like to a program), a file where a folder should be,
a name that is too long, a pipe or folder where a file should be replaced.
"""

import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from protocol.strict_yaml import MAX_BYTES, load_yaml
from protocolwizard.answers import NewRule, load_answers
from protocolwizard.answers_schema import MAX_TEXT, SCHEMA_VERSION
from protocolwizard.cli import main
from protocolwizard.files import FileProblem, write_all
from protocolwizard.output import ANSWERS_FILE, shareable, target_names
from protocolwizard.services import context, make_outputs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "antwoorden-voorbeeld.yaml"
CTX = context()
FORMATS = "md,html,docx"
NAMES = target_names(tuple(FORMATS.split(",")))


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def process(*args, prefix=(), **kwargs):
    return subprocess.run([*prefix, sys.executable, "-m", "protocolwizard", *map(str, args)], capture_output=True,
                          text=True, timeout=120, **kwargs)


def obeying_permissions() -> tuple[str, ...]:
    """A command prefix under which even root obeys file modes (root may otherwise write anywhere)."""
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) ontbreekt: installeer het met 'apt-get install util-linux'.")
    return ("setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner")


def assert_refused(result, *expected):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Er is niets geschreven." in result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr


def outputs_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_folder_that_cannot_be_written(tmp_path):
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    folder.chmod(0o555)
    result = process("maak", EXAMPLE, "--uitvoer", folder / "concept", "--formaat", FORMATS, prefix=obeying_permissions())
    assert_refused(result, "geen toestemming om daar te schrijven")
    assert outputs_in(folder) == []


def test_a_full_disk_leaves_no_partial_set(tmp_path):
    """RLIMIT_FSIZE makes a write fail as a full disk does, part-way through the set."""
    folder = tmp_path / "concept"

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = process("maak", EXAMPLE, "--uitvoer", folder, "--formaat", FORMATS, preexec_fn=small_files)
    assert_refused(result, "te groot voor deze schijf")
    assert outputs_in(folder) == [] and not folder.exists()  # the folder this run made is gone again


def test_an_earlier_draft_stays_whole_when_a_new_one_fails(tmp_path):
    folder = tmp_path / "concept"
    assert process("maak", EXAMPLE, "--uitvoer", folder, "--formaat", FORMATS).returncode == 0
    before = {name: (folder / name).read_bytes() for name in NAMES}

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    changed = tmp_path / "ander.yaml"
    changed.write_text(EXAMPLE.read_text(encoding="utf-8").replace("Oeverlicht College", "Ander College"), encoding="utf-8")
    result = process("maak", changed, "--uitvoer", folder, "--formaat", FORMATS, "--overschrijven", preexec_fn=small_files)
    assert_refused(result)
    assert {name: (folder / name).read_bytes() for name in NAMES} == before
    assert outputs_in(folder) == sorted(NAMES)


@pytest.mark.parametrize("case", ["bestand als map", "te lange naam", "te lange map"])
def test_impossible_folders(tmp_path, case):
    afile = tmp_path / "bestand"
    afile.write_text("x", encoding="utf-8")
    folder, expected = {
        "bestand als map": (afile / "concept", "een deel van het pad is een bestand"),
        "te lange naam": (tmp_path / ("n" * 300), "de naam is te lang"),
        "te lange map": (tmp_path.joinpath(*["m" * 250] * 17), "de naam is te lang"),
    }[case]
    result = process("maak", EXAMPLE, "--uitvoer", folder, "--formaat", FORMATS)
    assert_refused(result, expected)
    assert outputs_in(tmp_path) == ["bestand"]


@pytest.mark.parametrize("kind", ["pijp", "map"])
def test_overwrite_replaces_regular_files_only(capsys, tmp_path, kind):
    odd = tmp_path / "protocol.md"
    os.mkfifo(odd) if kind == "pijp" else odd.mkdir()
    code, _, err = run(capsys, "maak", EXAMPLE, "--uitvoer", tmp_path, "--formaat", FORMATS, "--overschrijven")
    assert code == 2 and "is geen gewoon bestand; dat wordt niet vervangen" in err
    assert outputs_in(tmp_path) == ["protocol.md"]
    assert stat.S_ISFIFO(odd.stat().st_mode) if kind == "pijp" else odd.is_dir()

    target = tmp_path / "leeg.yaml"
    os.mkfifo(target) if kind == "pijp" else target.mkdir()
    code, _, err = run(capsys, "leeg", target, "--overschrijven")
    assert code == 2 and f"{target} is geen gewoon bestand" in err and "Traceback" not in err
    assert stat.S_ISFIFO(target.stat().st_mode) if kind == "pijp" else target.is_dir()


def test_empty_template_replaces_a_regular_file(capsys, tmp_path):
    target = tmp_path / "antwoorden.yaml"
    target.write_text("oud", encoding="utf-8")
    assert run(capsys, "leeg", target, "--overschrijven")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Antwoordbestand")


@pytest.mark.parametrize("link", [None, "hard", "symbolisch"])
def test_the_input_file_is_never_overwritten(capsys, tmp_path, link):
    source = tmp_path / "eigen" / ANSWERS_FILE
    source.parent.mkdir()
    original = EXAMPLE.read_text(encoding="utf-8")
    source.write_text(original, encoding="utf-8")
    given = source
    if link:
        given = tmp_path / "elders.yaml"
        os.link(source, given) if link == "hard" else given.symlink_to(source)
    code, _, err = run(capsys, "maak", given, "--uitvoer", source.parent, "--formaat", "md", "--overschrijven")
    assert code == 2 and "is het antwoordbestand dat wordt gelezen" in err
    assert source.read_text(encoding="utf-8") == original
    assert outputs_in(source.parent) == [ANSWERS_FILE]


def test_an_answers_file_it_could_not_read_back_is_never_written(capsys, tmp_path):
    answers = load_answers(EXAMPLE, CTX)
    chapter = CTX.model.chapters[0].id
    text = "Een regel met \x07 belletjes " * (MAX_TEXT // 30)
    answers.new_rules = [NewRule(chapter, text) for _ in range(MAX_BYTES // len(text) + 1)]
    folder = tmp_path / "concept"
    code = make_outputs(answers, CTX, folder, ("md",), False, "https://h/")
    err = capsys.readouterr().err
    assert code == 2 and "wordt niet geschreven, want het zou niet meer te lezen zijn" in err
    assert not folder.exists()


def test_every_written_answers_file_reads_back(capsys, tmp_path):
    """What 'maak' writes as the normalised answers passes the full check (and renders the same)."""
    folder = tmp_path / "concept"
    assert run(capsys, "maak", EXAMPLE, "--uitvoer", folder, "--formaat", "md")[0] == 0
    again = load_answers(folder / ANSWERS_FILE, CTX)
    assert again == shareable(load_answers(EXAMPLE, CTX))  # without the private notes
    assert yaml.safe_load((folder / ANSWERS_FILE).read_text(encoding="utf-8"))["versie"] == SCHEMA_VERSION
    assert load_yaml(folder / ANSWERS_FILE).data


def test_write_all_is_all_or_nothing(tmp_path):
    (tmp_path / "b").mkdir()
    files = {tmp_path / "a.txt": "a", tmp_path / "b": "b", tmp_path / "c.txt": "c"}
    with pytest.raises(FileProblem):
        write_all(files)
    assert outputs_in(tmp_path) == ["b"]
    with pytest.raises(FileProblem) as refused:
        write_all({tmp_path / "a.txt": "a", tmp_path / "geen-map" / "c.txt": "c"})
    assert "de map bestaat niet" in str(refused.value)
    assert outputs_in(tmp_path) == ["b"]
