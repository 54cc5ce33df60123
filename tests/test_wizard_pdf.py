"""The wizard's PDF (LuaLaTeX, protocolpdf.sty): any text a school types, in any field, comes out as a PDF
that reads back; what no font can show is refused by 'controleer', naming field and character."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from kern import latex
from protocol import pdftekens
from protocol.render import latex_escape
from protocolwizard.cli import main
from protocolwizard.output import PDF_STYLE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "antwoorden-voorbeeld.yaml"

# Names and texts as a Dutch school types them: Turkish, Arabic, Vietnamese, Chinese, Greek,
# Hebrew, Tigrinya, Cyrillic, Hindi; accents as combining marks; thin and narrow no-break spaces.
SCHOOL = "Basisschool De Brug \u2013 \u0130stanbul\u2009&\u202fDa Nang"
PLACE = "\u039b\u03b5\u03c5\u03ba\u03c9\u03c3\u03af\u03b1"  # Λευκωσία
BOARD = "Stichting \u5e0c\u671b (Hoop) \u2713"
CONFIDANT = "Ay\u015fe Y\u0131lmaz-Nguy\u1ec5n"
LEADER = "\u0645\u062d\u0645\u062f \u0627\u0644\u0639\u0644\u064a"  # محمد العلي
DECISION_TEXT = (
    "Medewerkers schrijven namen zoals ze zijn: G\u00fcl\u015fen Do\u011fan, Tr\u1ea7n V\u0103n H\u1eef\u0075, "
    "\u738b\u5c0f\u660e, \u0393\u03b9\u03ce\u03c1\u03b3\u03bf\u03c2 \u03a0\u03b1\u03c0\u03b1\u03b4\u03cc\u03c0\u03bf\u03c5\u03bb\u03bf\u03c2, "
    "\u05d3\u05e0\u05d4 \u05dc\u05d5\u05d9, \u1230\u120b\u121d, \u041e\u043b\u0435\u043a\u0441\u0430\u043d\u0434\u0440, "
    "\u092a\u094d\u0930\u093f\u092f\u093e en Jose\u0301 Zoe\u0308. \u8fd9\u662f\u4e00\u4e2a\u5f88\u957f\u7684\u53e5\u5b50"
    "\u6ca1\u6709\u7a7a\u683c\uff0c\u6240\u4ee5\u884c\u5fc5\u987b\u5728\u6c49\u5b57\u4e4b\u95f4\u65ad\u5f00\u3002" * 3
)
EMOJI = "\U0001f600 \U0001f44d\U0001f3fd \u2764\ufe0f \U0001f3f3\ufe0f\u200d\U0001f308 \u2714"
NEW_TITLE = "Afspraken \u2713 met \u0641\u0627\u0637\u0645\u0629 \u0627\u0644\u0632\u0647\u0631\u0627\u0621"
NEW_TEXT = f"Een regel met emoji ({EMOJI}) en 10\u2009000 of 10\u202f000 leerlingen."
# What must come back from the PDF's text (everything but the emoji, which are images).
READ_BACK = [SCHOOL, PLACE, BOARD, CONFIDANT, LEADER, DECISION_TEXT, NEW_TITLE, "leerlingen"]


def hard_answers(tmp_path: Path) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["school"].update(naam=SCHOOL, plaats=PLACE, bestuur=BOARD)
    data["school"]["vertrouwenspersoon"]["naam"] = CONFIDANT
    data["sessie"]["gespreksleider"] = LEADER
    changed = next(d for d in data["besluiten"] if d["besluit"] == "wijzigen")
    changed["tekst"] = DECISION_TEXT
    data["nieuwe_regels"][0].update(titel=NEW_TITLE, tekst=NEW_TEXT)
    path = tmp_path / "antwoorden.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def comparable(text: str) -> str:
    """Text as pdftotext and the answers both give it: compatibility forms (Arabic presentation
    forms, composed accents) folded, format characters (bidi marks) and whitespace dropped."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf" and c not in "\ufe0f")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def hard_pdf(tmp_path_factory, tex) -> Path:
    folder = tmp_path_factory.mktemp("schriften")
    assert main(["maak", str(hard_answers(folder)), "--uitvoer", str(folder / "uit"), "--formaat", "pdf"]) == 0
    return folder / "uit" / "protocol.pdf"


def test_the_hard_answers_pass_the_check(tmp_path):
    assert main(["controleer", str(hard_answers(tmp_path))]) == 0


def test_every_script_comes_back_from_the_pdf(hard_pdf):
    text = comparable(pdf_text(hard_pdf))
    for value in READ_BACK:
        for word in value.split():  # lines break between words, right-to-left runs are reordered per word
            if not (wanted := comparable(latex_escape(word).replace("\\&", "&"))):
                continue
            assert wanted in text, (word, [hex(ord(c)) for c in word])


def test_emoji_are_drawn(hard_pdf):
    """Colour emoji are embedded as images: the page with the new rule has them, the first page none."""
    reader = PdfReader(hard_pdf)
    images = [len(page.images) for page in reader.pages]
    assert images[0] == 0 and sum(images) >= len(set(EMOJI.split()))


def test_the_pdf_says_it_is_dutch(hard_pdf):
    assert PdfReader(hard_pdf).trailer["/Root"]["/Lang"] == "nl-NL"


def test_every_character_the_table_accepts_is_typeset(tmp_path, tex):
    """The first, middle and last code point of every range in pdftekens.txt, in every face the
    protocol uses, through LuaLaTeX with \\tracinglostchars=3: a missing glyph fails the run."""
    sample = []
    for first, last in pdftekens.to_ranges(pdftekens.table_points()):
        sample += sorted({first, (first + last) // 2, last})
    text = latex_escape(" ".join(map(chr, sample)))
    body = "\n\n".join(f"{{{face} {text}}}" for face in (r"\rmfamily", r"\itshape", r"\bfseries", r"\sffamily\bfseries"))
    (tmp_path / "tekens.tex").write_text(
        f"\\documentclass{{article}}\\usepackage{{protocolpdf}}\\begin{{document}}\n{body}\n\\end{{document}}\n",
        encoding="utf-8",
    )
    (tmp_path / PDF_STYLE).write_bytes((pdftekens.STYLE).read_bytes())
    assert latex.run_latexmk(tmp_path, "tekens.tex", engine=latex.LUALATEX).exists()
    assert "Hyphen rules for 'dutch' set to \\l@dutch" in (tmp_path / "tekens.log").read_text(encoding="utf-8")


def test_the_table_matches_the_installed_fonts(tex, capsys):
    assert pdftekens.main([]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("character", ["\U00017000", "\ue000", "\ufffd", "\u0378"])
def test_what_no_font_shows_is_refused_naming_field_and_character(tmp_path, capsys, character):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["school"]["vertrouwenspersoon"]["naam"] = f"Marieke {character} de Wit"
    path = tmp_path / "antwoorden.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["controleer", str(path)]) == 2
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if "school.vertrouwenspersoon.naam" in line)
    assert f"U+{ord(character):04X}" in line and "pdf" in line
    assert re.search(r"regel \d+", line)


def test_refusal_is_one_dutch_sentence_in_singular_and_plural():
    assert pdftekens.refusal(["\U00017000"]).startswith("het teken '\U00017000' (U+17000) kan niet")
    assert pdftekens.refusal(["\U00017000", "\ue000"]).startswith("de tekens '\U00017000' (U+17000) en U+E000 kunnen niet")
    assert "nog 2 andere" in pdftekens.refusal(list("\U00017000\U00017001\U00017002\U00017003\U00017004"))


def test_text_the_pdf_shows_is_not_refused():
    everyday = SCHOOL + PLACE + BOARD + CONFIDANT + LEADER + DECISION_TEXT + NEW_TITLE + NEW_TEXT + "\t\n"
    assert pdftekens.unshowable(everyday) == []


def test_lualatex_without_dutch_patterns_is_caught():
    """LuaLaTeX's babel says it differently from pdflatex's; both mean English hyphenation."""
    assert latex._NO_DUTCH.search("Package babel Info: Hyphen rules for 'dutch' set to \\l@nil\n(babel) (\\language33).")
    assert not latex._NO_DUTCH.search("Package babel Info: Hyphen rules for 'dutch' set to \\l@dutch")


def test_a_missing_font_is_named_with_its_package(tex):
    engine = latex.Engine("lualatex", "-lualatex", ("kpsewhich",), {"NotoSansNergens-Regular.ttf": "fonts-noto-nergens"})
    with pytest.raises(latex.PdfError) as error:
        latex.check_tex(engine)
    assert "NotoSansNergens-Regular.ttf (Debian: fonts-noto-nergens)" in str(error.value) and latex.INSTALL_HINT in str(error.value)


def test_a_character_no_font_has_fails_loudly_naming_it(tmp_path, tex, capsys):
    """Past the checker (answers built in code), TeX's missing glyph is an error that names the
    character, and 'maak' fails instead of leaving out the PDF with exit 0."""
    from protocol.model import load_model
    from protocolwizard.answers import Context
    from protocolwizard.draft import build_draft
    from protocolwizard.output import PdfFailed, render_pdf
    from protocolwizard.services import make_outputs
    from test_wizard_hostile import answers_with

    from kern.loader import load_cards

    context = Context(load_model(), load_cards(ROOT / "docs" / "kaarten"))
    answers = answers_with("School \U00017000", "tekst", "reden", "nieuw")
    with pytest.raises(PdfFailed) as error:
        render_pdf(build_draft(answers, context))
    assert "'\U00017000' (U+17000)" in str(error.value)
    # 'maak' refuses it before writing anything: the normalised answers would not read back.
    assert make_outputs(answers, context, tmp_path / "uit", ("md", "pdf"), False, "") == 2
    assert "U+17000" in capsys.readouterr().err
    assert not (tmp_path / "uit" / "protocol.pdf").exists()
