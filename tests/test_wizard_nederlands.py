"""Everything the wizard prints is Dutch: a scripted session rendered to a real terminal stream (prompt_toolkit's
VT100 output), with a refused answer, the cards' checkbox, the review menus; and every YAML parser complaint.
The review groups decisions by chapter and jumps to a rule by its number."""

import contextlib
import io
import re

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output
from protocol import strict_yaml
from protocol.strict_yaml import YamlError, parse_yaml
from protocolwizard import steps
from protocolwizard.answers import load_answers
from protocolwizard.interview import run_interview
from protocolwizard.services import context
from test_wizard_interactief import CLEAR, ENTER, ScriptedPrompts, choose, responder

#: Common English words (questionary's, prompt_toolkit's and PyYAML's own) that must not reach a Dutch user.
ENGLISH = {
    "done", "selection", "selections", "mapping", "expected", "found", "error", "invalid", "please", "press",
    "arrow", "arrows", "keys", "toggle", "invert", "cancelled", "select", "the", "and", "use", "not", "allowed",
    "while", "scanning", "parsing", "token", "character", "unexpected", "unknown", "could", "did", "but", "yes",
    "answer", "filter", "choice", "choices", "value", "values", "here", "with", "this",
}
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")


def english_words(text: str, allowed: set[str] = frozenset()) -> set[str]:
    words = {word.lower() for word in re.findall(r"[A-Za-z]+", _ANSI.sub(" ", text))}
    return (words & ENGLISH) - allowed


@pytest.fixture(scope="module")
def ctx():
    return context()


@pytest.fixture(scope="module")
def card_words(ctx) -> set[str]:
    """Words the cards themselves use (printed with each kwestie): they are Kennisnet's, not the wizard's."""
    text = " ".join(
        " ".join([k.text, k.afterword or ""] + [q.text for q in k.questions] + [s for q in k.questions for s in q.subquestions])
        for card in ctx.cards for k in card.kwesties
    ) + " ".join(card.title for card in ctx.cards)
    return {word.lower() for word in re.findall(r"[A-Za-z]+", text)}


class TerminalPrompts(ScriptedPrompts):
    """Scripted keys, and every prompt drawn as a terminal would receive it (escape codes and all)."""

    def __init__(self, respond):
        super().__init__(respond)
        self.screen = io.StringIO()

    def session(self, message, choices=None):
        self.asked.append(message)
        assert len(self.asked) < 400, f"te veel vragen, de laatste: {message}"
        manager = create_pipe_input()
        pipe = manager.__enter__()
        self.pipes.append(manager)
        pipe.send_text(self.respond(message, choices or []))
        output = Vt100_Output(self.screen, lambda: Size(rows=40, columns=100), term="xterm")
        return {"input": pipe, "output": output}


@pytest.fixture(scope="module")
def session(ctx, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nederlands")
    first = ctx.cards[0]
    prompts = TerminalPrompts(responder({
        "Welke kaarten": [ENTER, " " + ENTER],  # first nothing (refused), then the first card
        "E-mailadres": ["geen-adres\r", CLEAR + ENTER],  # refused, then left empty
        "Op welk webadres": ["ftp://ergens\r", CLEAR + "https://handboek.example/\r"],
        "Is deze kwestie besproken": [ENTER] + [lambda c: choose(c, "Nee")] * (len(first.kwesties) - 1),
        "Wat heeft het team met deze regels": lambda c: choose(c, "allemaal behouden"),
        "Wat besluit het team": lambda c: choose(c, "Behouden"),
        "Wat wil je doen": [lambda c: choose(c, "Besluiten per hoofdstuk"), lambda c: choose(c, "op nummer"),
                            lambda c: choose(c, "Kwesties en notities"), lambda c: choose(c, "Opslaan en stoppen")],
        "Welk hoofdstuk": lambda c: choose(c, "Terug"),
        "Nummer van de regel": ["99.9\r", CLEAR + "1.1\r"],
        "Welke kwestie": lambda c: choose(c, "Terug"),
    }))
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = run_interview(folder / "antwoorden.yaml", resume=False, handboek_url="", prompts=prompts, context=ctx)
    prompts.close()
    assert code == 0, prompts.lines[-5:]
    return folder, prompts, stdout.getvalue() + stderr.getvalue()


def test_everything_the_wizard_prints_is_dutch(session, card_words):
    _, prompts, printed = session
    said = "\n".join(prompts.lines)
    screen = prompts.screen.getvalue()
    assert "Welke kaarten zijn besproken?" in _ANSI.sub("", screen)  # the stream holds the prompts themselves
    assert english_words(said + printed + screen, card_words) == set()


def test_refused_answers_are_said_and_asked_again(session):
    folder, prompts, _ = session
    lines = prompts.lines
    assert any("'geen-adres' is geen e-mailadres" in line for line in lines)
    assert any("Kies er minstens één" in line for line in lines)
    assert any("geen regel 99.9" in line for line in lines)
    assert any("moet een webadres zijn" in line for line in lines)
    # asked again: the same prompt twice, nothing after the refused answer in between
    for question in ("E-mailadres", "Welke kaarten", "Op welk webadres", "Nummer van de regel"):
        asked = [i for i, message in enumerate(prompts.asked) if message.startswith(question)]
        assert len(asked) == 2 and asked[1] == asked[0] + 1, question
    assert "handboek: https://handboek.example/" in (folder / "antwoorden.yaml").read_text(encoding="utf-8")


def test_the_review_groups_decisions_by_chapter(session, ctx):
    folder, prompts, _ = session
    answers = load_answers(folder / "antwoorden.yaml", ctx, partial=True)
    groups = steps.decisions_by_chapter(answers, ctx)
    assert groups, "de sessie nam besluiten"
    menus = [message for message in prompts.asked if message.startswith("Welk hoofdstuk")]
    assert menus
    # The overview: each chapter with decisions once, as a heading, its decisions under it, in protocol order.
    overview = prompts.lines[len(prompts.lines) - 1 - prompts.lines[::-1].index("Overzicht van alle antwoorden:"):]
    headings = [line.strip() for line in overview if re.fullmatch(r"  \d+\. .+", line)]
    assert headings == [f"{chapter.number}. {chapter.title}" for chapter, _ in groups]
    for chapter, decisions in groups:
        start = overview.index(f"  {chapter.number}. {chapter.title}")
        shown = [line.split()[1] for line in overview[start + 1:start + 1 + len(decisions)]]
        numbers = {rule.id: rule.number for rule in chapter.rules}
        assert shown == [numbers[d.rule] for d in decisions]
    # The first menu is short: it no longer lists every decision.
    first_menu = sum(1 for message in prompts.asked if message == "Wat wil je doen?")
    assert first_menu == 4


def test_a_rule_chosen_by_number_is_asked_again(session, ctx):
    _, prompts, _ = session
    answers = load_answers(session[0] / "antwoorden.yaml", ctx, partial=True)
    rule = next(r for r in steps.numbered_rules(answers, ctx).values() if r.number == "1.1")
    assert f"Regel 1.1 {rule.title}" in prompts.lines
    assert steps.rule_decided(answers, rule.id) or answers.decision_for(rule.id).decision == "niet besproken"


# YAML: every kind of broken file gets a Dutch message with a line --------------------------------------------

BROKEN = {
    "veld: waarde in een waarde": "a: b: c\n",
    "tab om in te springen": "a:\n\tb: 1\n",
    "open aanhalingsteken": 'a: "abc\n',
    "open enkel aanhalingsteken": "a: 'b\n",
    "open lijst": "a: [1, 2\n",
    "open blok": "a: {b: 1\n",
    "onbekende escape": 'a: "\\q"\n',
    "korte hexcode": 'a: "\\x4"\n',
    "apenstaartje": "a: @b\n",
    "backtick": "a: `b`\n",
    "twee documenten": "a: 1\n---\nb: 2\n",
    "dubbele richtlijn": "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    "onbekende versie": "%YAML 2.0\n---\na: 1\n",
    "dubbele tagrichtlijn": "%TAG ! x\n%TAG ! y\n---\na: 1\n",
    "tag-handle": "a: !x!y b\n",
    "tag-uri": "a: !!str% b\n",
    "leeg anker": "a: &\n",
    "dubbel anker": "a: &x 1\nb: &x 2\n",
    "blok met 0": "a: |0\n  x\n",
    "blok met teken": "a: |x\n  y\n",
    "lijst in blok": "a: 1\n- b\n",
    "veld na lijst": "- a\nb: 1\n",
    "verkeerd ingesprongen": "a:\n  b: 1\n c: 2\n",
    "vraagteken-sleutels": "? a\n? b\n: c\n:\n",
    "tekst na einde document": "a: 1\n... x\n",
    "tekst na aanhalingsteken": 'a: "b" c\n',
    "dubbele punt in lijst": "[a: b: c]\n",
    "heel lang getal": "a: " + "9" * 5000 + "\n",
    "stuurteken": "a: b\x07\n",
    "dubbele komma": "a: [1,,2]\n",
    "losse haak": "a: ]\n",
    "losse accolade": "a: }\n",
    "lijst in veldblok": "a:\n  - b\n  c: d\n",
}


@pytest.mark.parametrize("loader", ["libyaml", "PyYAML"])
@pytest.mark.parametrize("name", BROKEN)
def test_every_broken_yaml_file_gets_a_dutch_message(name, loader, monkeypatch):
    if loader == "PyYAML":
        monkeypatch.setattr(strict_yaml, "_Loader", strict_yaml._PyLoader)
    with pytest.raises(YamlError) as refused:
        parse_yaml(BROKEN[name], "antwoorden.yaml")
    message = str(refused.value)
    assert message.startswith("antwoorden.yaml")
    assert english_words(message) == set(), message
    assert "opbouw klopt hier niet" not in message, f"geen eigen melding voor: {message}"


@pytest.mark.parametrize("problem", [
    # libyaml's and PyYAML's own problem texts, as they word them (a sample of every family)
    "found a tab character that violates indentation", "found unexpected ':'", "did not find expected whitespace",
    "found unknown directive name", "did not find URI escaped octet", "block sequence entries are not allowed in this context",
    "found an incorrect leading UTF-8 octet", "expected <block end>, but found '<scalar>'",
    "expected the node content, but found '<block end>'", "found undefined alias", "input is too long",
    "invalid indentation or unclosed '[' or '{'", "expected a comment or a line break, but found 'x'",
])
def test_library_problem_texts_are_translated(problem):
    assert english_words(strict_yaml._dutch(problem)) == set()
    assert strict_yaml._dutch(problem) != strict_yaml._UNKNOWN
