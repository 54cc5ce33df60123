"""No check, regular expression or transformation grows faster than its input.

Every text field gets long adversarial text (runs of one character, of spaces,
of '@' and '.'), n and 4n characters long, up to near the size cap. Each
command finishes (the real commands on the 4n file), and the work grows about
fourfold: a quadratic step would grow sixteenfold. The measured steps are what
``controleer`` and ``maak`` do after loading the cards and model, so that fixed
start-up costs cannot hide a quadratic one.
"""

import time

import pytest
from adversarial import UNITS, adversarial_answers, new_rules_that_fit
from protocol.strict_yaml import MAX_BYTES
from protocolwizard.answers import load_answers
from protocolwizard.cli import main
from protocolwizard.draft import build_draft
from protocolwizard.output import write_outputs
from protocolwizard.services import context

CTX = context()
FORMATS = ("md", "html", "docx")
N = 1_000
#: Linear work gives about 4, quadratic 16; the margin absorbs a busy machine.
MAX_RATIO = 9


def seconds(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def check_and_make(path, folder) -> float:
    def work():
        answers = load_answers(path, CTX)
        write_outputs(build_draft(answers, CTX), answers, folder, FORMATS, overwrite=True, handboek_url="https://h/")
    return min(seconds(work) for _ in range(2))


@pytest.mark.parametrize("unit", UNITS)
def test_accepted_long_text_renders_in_linear_time(tmp_path, capsys, unit):
    files = {}
    count = new_rules_that_fit(unit, 4 * N)
    for length in (N, 4 * N):
        files[length] = tmp_path / f"lang-{length}.yaml"
        files[length].write_text(adversarial_answers(unit, length, new_rules=count), encoding="utf-8")
    assert files[4 * N].stat().st_size <= MAX_BYTES
    assert main(["controleer", str(files[4 * N])]) == 0
    assert main(["maak", str(files[4 * N]), "--uitvoer", str(tmp_path / "uit"), "--formaat", ",".join(FORMATS)]) == 0
    capsys.readouterr()
    small, large = (check_and_make(files[length], tmp_path / f"uit-{length}") for length in (N, 4 * N))
    assert large / small < MAX_RATIO, (unit, small, large)


@pytest.mark.parametrize("unit", UNITS)
def test_refused_long_text_is_refused_in_linear_time(tmp_path, capsys, unit):
    files = {}
    count = new_rules_that_fit(unit, 20 * N, most=3, limit=False)
    for length in (5 * N, 20 * N):
        files[length] = tmp_path / f"te-lang-{length}.yaml"
        files[length].write_text(adversarial_answers(unit, length, new_rules=count, limit=False), encoding="utf-8")
    assert files[20 * N].stat().st_size <= MAX_BYTES
    assert main(["controleer", str(files[20 * N])]) == 2
    assert "te lang" in capsys.readouterr().err

    def refuse(path):
        return min(seconds(lambda: main(["controleer", str(path)])) for _ in range(3))

    small, large = (refuse(files[length]) for length in (5 * N, 20 * N))
    capsys.readouterr()
    assert large / small < MAX_RATIO, (unit, small, large)
