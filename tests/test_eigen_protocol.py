"""Importing a school's own protocol (Word, Markdown, YAML), topic proposals, and the comparison report."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from docx import Document

import wordbouw
from protocol.document import model_document
from protocol.eigen_protocol import ImportProblem, check_protocol, dump_protocol, import_protocol
from protocol.model import load_model
from protocol.onderwerpen import MAX_PROPOSALS, TopicMatcher
from protocol.render import clean_text, render_docx, render_html, render_markdown
from protocol.strict_yaml import load_yaml
from protocol.vergelijking import compare, render_comparison
from protocolwizard.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eigen"


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def imported_words(data: dict) -> list[str]:
    """Title, chapter titles, rule titles and texts of an imported protocol, in order."""
    parts = [data["titel"], data.get("inleiding", "")]
    for chapter in data["hoofdstukken"]:
        parts.append(chapter.get("titel", ""))
        for rule in chapter["regels"]:
            parts += [rule.get("titel", ""), rule["tekst"]]
    return words(" ".join(parts))


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- Word ---

def test_word_import_keeps_every_word_in_order(tmp_path, model):
    raw = wordbouw.protocol_docx()
    imported = import_protocol(write(tmp_path, "protocol.docx", raw), model)
    assert imported_words(imported.data) == wordbouw.document_words(raw, words)


def test_word_import_keeps_structure_and_numbering_from_list_styles(tmp_path, model):
    imported = import_protocol(write(tmp_path, "protocol.docx", wordbouw.protocol_docx()), model)
    data = imported.data
    assert data["titel"] == "Protocol sociale media Het Baken"
    assert [c.get("titel") for c in data["hoofdstukken"]] == ["Algemeen", "Afspraken"]
    rules = {r["tekst"]: r for c in data["hoofdstukken"] for r in c["regels"]}
    # The list style's levels as Word shows them (see wordbouw.ARTICLE_LEVELS): 1. / 1.1. / a) / 1.2. / 2. / 2.1.
    expected = [("Contact met leerlingen", "1.", 1), ("Medewerkers accepteren geen", "1.1.", 2),
                ("ook niet van oud-leerlingen", "a)", 3), ("Contact loopt via", "1.2.", 2),
                ("Beeldmateriaal", "2.", 1), ("Foto's van leerlingen", "2.1.", 2),
                ("Medewerkers zijn na 18.00", "1.", 1), ("Per ongeluk", "2.", 1)]
    for start, number, level in expected:
        rule = next(r for text, r in rules.items() if text.startswith(start))
        assert (rule.get("nummer"), rule.get("niveau", 1)) == (number, level), start
    bullet = next(r for text, r in rules.items() if text.startswith("Groepsapps"))
    assert bullet["nummer"] == "•"
    assert "Vertrouwelijke signalen worden dezelfde dag gemeld bij de zorgcoördinator." in rules  # bold run, same rule
    assert "Wat | Wie\nKlachten | Klachtencommissie" in rules  # the table as text
    assert "Meld incidenten altijd bij de directie." in rules  # the text box's text arrives
    notes = " ".join(imported.notes)
    assert "1 afbeelding is niet overgenomen" in notes and "1 tekstvak" in notes


def test_word_import_gives_the_same_ids_again(tmp_path, model):
    path = write(tmp_path, "protocol.docx", wordbouw.protocol_docx())
    first, second = import_protocol(path, model).data, import_protocol(path, model).data
    assert first == second
    ids = [r["id"] for c in first["hoofdstukken"] for r in c["regels"]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"regel-\d+-\d+", i) for i in ids)


def test_word_import_reports_tracked_changes_and_comments(tmp_path, model):
    document = Document()
    document.add_heading("Regels", 1)
    paragraph = document.add_paragraph("Medewerkers melden incidenten")
    paragraph._p.append(wordbouw.parse_xml(
        f'<w:ins {wordbouw.nsdecls("w")} w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t xml:space="preserve"> direct</w:t></w:r></w:ins>'))
    paragraph._p.append(wordbouw.parse_xml(
        f'<w:del {wordbouw.nsdecls("w")} w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:delText> later</w:delText></w:r></w:del>'))
    document.add_comment(paragraph.runs, text="Klopt dit?", author="A")
    buffer = io.BytesIO()
    document.save(buffer)
    imported = import_protocol(write(tmp_path, "wijzigingen.docx", buffer.getvalue()), model)
    texts = [r["tekst"] for c in imported.data["hoofdstukken"] for r in c["regels"]]
    assert texts == ["Medewerkers melden incidenten direct"]
    notes = " ".join(imported.notes)
    assert "1 invoeging, 1 verwijdering" in notes
    assert "1 opmerking in de kantlijn is niet overgenomen" in notes


# --- Markdown and YAML ---

def test_markdown_import_makes_chapters_and_rules(tmp_path, model):
    text = ("# Protocol De Linde\n\nInleidende tekst.\n\n## Contact\n\n1. Eerste regel.\n2. Tweede **vet** regel.\n"
            "   - genest punt\n\n## Beeld\n\nFoto's alleen met toestemming.\n")
    data = import_protocol(write(tmp_path, "p.md", text), model).data
    assert data["titel"] == "Protocol De Linde"
    assert [c.get("titel") for c in data["hoofdstukken"]] == [None, "Contact", "Beeld"]
    contact = data["hoofdstukken"][1]["regels"]
    assert [(r["nummer"], r["tekst"], r.get("niveau", 1)) for r in contact] == [
        ("1.", "Eerste regel.", 1), ("2.", "Tweede vet regel.", 1), ("•", "genest punt", 2)]
    assert imported_words(data) == words(re.sub(r"[#*\-]|\d\.", " ", text))


def test_yaml_in_the_model_format_is_accepted_and_checked(tmp_path, model):
    data = import_protocol(model.source, model).data
    assert [r["id"] for c in data["hoofdstukken"] for r in c["regels"]] == [r.id for r in model.rules()]
    assert all(r["onderwerpen"] for c in data["hoofdstukken"] for r in c["regels"])
    broken = write(tmp_path, "kapot.yaml", model.source.read_text(encoding="utf-8").replace("onderwerpen: [toon", "onderwerpen: [tooon", 1))
    with pytest.raises(ImportProblem, match=r"kapot.yaml, regel \d+: veld hoofdstukken"):
        import_protocol(broken, model)


# --- Files that are not a protocol: exit 2, a Dutch sentence, no traceback ---

def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


BAD_FILES = {
    "pdf": ("protocol.pdf", b"%PDF-1.7\n1 0 obj\n", "is een pdf"),
    "zip": ("protocol.docx", _zip({"a.txt": b"x"}), "geen Word-document"),
    "kapot": ("protocol.docx", wordbouw.protocol_docx()[:3000], "beschadigd"),
    "leeg": ("protocol.docx", b"", "is leeg"),
    "doc": ("protocol.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud Word-bestand"),
    "tekst-als-docx": ("protocol.docx", b"gewone tekst", "geen geldig Word-bestand"),
    "onbekend": ("protocol.odt", b"iets anders", "kan niet worden geïmporteerd"),
    "md-binair": ("protocol.md", b"\xff\xfe\x00\x01", "UTF-8"),
    "kapotte-xml": ("protocol.docx", _zip({"[Content_Types].xml": b"<x", "word/document.xml": b"<w:document"}), "Word-bestand"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_unreadable_files_get_a_dutch_error_and_exit_2(case, tmp_path, capsys):
    name, content, message = BAD_FILES[case]
    path = write(tmp_path, name, content)
    assert main(["importeer", str(path), "--uitvoer", str(tmp_path / "uit.yaml")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Fout: ") and message in error and "Traceback" not in error
    assert not (tmp_path / "uit.yaml").exists()


def test_a_folder_and_a_huge_file_are_refused(tmp_path, capsys):
    assert main(["importeer", str(tmp_path), "--uitvoer", str(tmp_path / "uit.yaml")]) == 2
    assert "is een map" in capsys.readouterr().err
    huge = tmp_path / "groot.docx"
    with huge.open("wb") as handle:
        handle.write(b"PK")
        handle.truncate(30_000_000)
    assert main(["importeer", str(huge), "--uitvoer", str(tmp_path / "uit.yaml")]) == 2
    assert "te groot" in capsys.readouterr().err


# --- The command: written once, atomically; confirming proposals ---

def test_import_writes_a_valid_file_and_never_overwrites_by_surprise(tmp_path, model, capsys):
    source = write(tmp_path, "protocol.docx", wordbouw.protocol_docx())
    target = tmp_path / "eigen-protocol.yaml"
    assert main(["importeer", str(source), "--uitvoer", str(target)]) == 0
    out = capsys.readouterr().out
    assert "afbeelding" in out and "--bevestig" in out
    protocol = load_model(target, topics_from=model)
    assert protocol.is_imported and all(not r.topics for r in protocol.rules())
    before = target.read_bytes()
    assert main(["importeer", str(source), "--uitvoer", str(target)]) == 1
    assert "bestaat al" in capsys.readouterr().err and target.read_bytes() == before
    assert main(["importeer", str(source), "--uitvoer", str(target), "--overschrijven"]) == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_confirm_turns_proposals_into_topics(tmp_path, model):
    source = write(tmp_path, "protocol.docx", wordbouw.protocol_docx())
    target = tmp_path / "eigen.yaml"
    assert main(["importeer", str(source), "--uitvoer", str(target)]) == 0
    proposed = {r.id: r.proposed_topics for r in load_model(target, topics_from=model).rules()}
    assert main(["importeer", "--bevestig", str(target)]) == 0
    confirmed = load_model(target, topics_from=model)
    assert {r.id: r.topics for r in confirmed.rules()} == proposed
    assert all(not r.proposed_topics for r in confirmed.rules())


# --- Topic proposals ---

def test_every_topic_of_the_model_has_keywords(model):
    assert set(model.keywords) == set(model.topics)
    assert all(len(words) >= 5 for words in model.keywords.values())


@pytest.mark.parametrize("name", ["onderwerpen-afstemming.yaml", "onderwerpen-toets.yaml"])
def test_proposals_on_fixture_rules_find_the_topic_in_the_top_three(name, model):
    rules = load_yaml(FIXTURES / name).data["regels"]
    assert len(rules) >= 15
    matcher = TopicMatcher(model)
    hits = 0
    for rule in rules:
        assert set(rule["onderwerpen"]) <= set(model.topics)
        proposals = matcher.propose(rule["tekst"])
        assert len(proposals) <= MAX_PROPOSALS and set(proposals) <= set(model.topics)
        hits += bool(set(proposals) & set(rule["onderwerpen"]))
    assert hits / len(rules) >= 0.85


def test_model_rules_left_out_of_the_matcher_still_find_their_topic(model):
    rules = list(model.rules())
    hits = sum(bool(set(TopicMatcher(model, leave_out=r.id).propose(f"{r.title} {r.text}")) & set(r.topics)) for r in rules)
    assert hits / len(rules) >= 0.85


def test_text_without_any_topic_gets_no_proposal(model):
    assert TopicMatcher(model).propose("Lorem ipsum dolor sit amet.") == ()


# --- Comparison with the model and the cards ---

def gap_protocol(model, cards, tmp_path: Path) -> tuple[Path, set[str]]:
    """A school protocol with every model rule except those about the first kwestie's topics, plus one unmatched rule."""
    left_out = set(cards[0].kwesties[0].topics)
    chapters = [{"id": "hoofdstuk-1", "titel": "Alles", "regels": []}]
    for rule in model.rules():
        topics = [t for t in rule.topics if t not in left_out]
        if topics:
            chapters[0]["regels"].append({"id": f"r-{rule.id}", "tekst": rule.text, "onderwerpen": topics})
    chapters[0]["regels"].append({"id": "r-eigen", "tekst": "De kantine is open tot 16.00 uur.", "onderwerpen": []})
    data = {"versie": 1, "titel": "Eigen protocol", "bron": {"bestand": "eigen.docx", "formaat": "docx"}, "hoofdstukken": chapters}
    path = tmp_path / "eigen.yaml"
    path.write_text(dump_protocol(data), encoding="utf-8")
    return path, left_out


def test_comparison_names_the_gaps(model, cards, tmp_path):
    path, left_out = gap_protocol(model, cards, tmp_path)
    comparison = compare(load_model(path, topics_from=model), model, cards)
    assert set(comparison.missing_topics) == left_out
    assert [r.id for r in comparison.unmatched] == ["r-eigen"]
    for card, view in zip(cards, comparison.cards):
        for kwestie, coverage in zip(card.kwesties, view.kwesties):
            assert coverage.covered == bool(set(kwestie.topics) - left_out)
            assert set(coverage.missing_topics) == set(kwestie.topics) & left_out
    first = comparison.cards[0].kwesties[0]
    assert not first.covered


def test_comparison_report_links_every_kwestie_in_both_formats(model, cards, tmp_path):
    path, _ = gap_protocol(model, cards, tmp_path)
    folder = tmp_path / "verslag"
    assert main(["vergelijk", str(path), "--uitvoer", str(folder), "--handboek", "https://handboek.example/"]) == 0
    html = BeautifulSoup((folder / "vergelijking.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in html.find_all("a")}
    markdown = (folder / "vergelijking.md").read_text(encoding="utf-8")
    for card in cards:
        for kwestie in card.kwesties:
            url = f"https://handboek.example/kaarten/{card.id}.html#{kwestie.anchor}"
            assert url in links and f"]({url})" in markdown
    assert "niet besproken" in html.get_text()
    assert main(["vergelijk", str(path), "--uitvoer", str(folder)]) == 1  # no overwriting by surprise


# --- Imported text is data in every output format ---

HOSTILE = ["{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "<script>alert(1)</script>", '" onmouseover="x',
           "<img src=x onerror=alert(1)>", "**vet** _schuin_ [link](http://x) # kop", "\\input{/etc/passwd} $x$ & % ~ ^",
           "- lijst 1. lijst > citaat", ":::{note} x :::", "`code`", "]]><!--", "&amp; &lt;"]


def hostile_markdown() -> str:
    lines = [f"# {HOSTILE[2]}", ""]
    for index, text in enumerate(HOSTILE):
        lines += [f"## Hoofdstuk {index} {text}", "", f"Regel {index}: {text}", ""]
    return "\n".join(lines)


def test_hostile_imported_text_stays_literal_in_every_format(tmp_path, model, cards):
    docx_texts = {"lid1": HOSTILE[0], "num1": HOSTILE[2], "tekstvak": HOSTILE[6], "cel11": HOSTILE[4], "slot": HOSTILE[5]}
    sources = [write(tmp_path, "vijandig.md", hostile_markdown()),
               write(tmp_path, "vijandig.docx", wordbouw.protocol_docx(docx_texts))]
    for source in sources:
        imported = import_protocol(source, model)
        protocol = check_protocol(dump_protocol(imported.data), str(source), model)
        document = model_document(protocol, cards)
        texts = [" ".join(str(clean_text(r.text)).split()) for c in document.chapters for r in c.rules]
        page = BeautifulSoup(render_html(document), "html.parser")
        assert not page.find_all(["script", "img"]) and not any(
            a.startswith("on") for tag in page.find_all(True) for a in tag.attrs)
        shown = " ".join(page.get_text(" ").split())
        rendered_md = BeautifulSoup(__import__("markdown_it").MarkdownIt("commonmark").render(render_markdown(document)), "html.parser")
        shown_md = " ".join(rendered_md.get_text(" ").split())
        word = " ".join(" ".join(p.text for p in Document(io.BytesIO(render_docx(document))).paragraphs).split())
        for text in texts:
            assert text in shown and text in shown_md and text in word, text
        comparison = render_comparison(compare(protocol, model, cards), "https://h/")
        report = BeautifulSoup(comparison["vergelijking.html"], "html.parser")
        assert not report.find_all(["script", "img"])
        assert protocol.title in " ".join(report.get_text(" ").split())
        report_md = BeautifulSoup(__import__("markdown_it").MarkdownIt("commonmark").render(comparison["vergelijking.md"]), "html.parser")
        assert not report_md.find_all(["script", "img"]) and protocol.title in report_md.get_text()
        assert yaml.safe_load(dump_protocol(imported.data))["hoofdstukken"]


# --- Whatever the checker accepts for an imported protocol, every later step handles ---

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from protocol.eigen_protocol import confirm_proposals, protocol_data  # noqa: E402
from protocol.model import current_model  # noqa: E402
from protocol.schema import ValidationError  # noqa: E402

TOPICS = sorted(current_model().topics)
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120).filter(str.strip)
TEXT = st.one_of(ANY_TEXT, st.sampled_from(HOSTILE))
RULE = st.fixed_dictionaries(
    {"tekst": TEXT, "onderwerpen": st.lists(st.sampled_from(TOPICS), max_size=3, unique=True)},
    optional={"titel": TEXT, "nummer": st.sampled_from(["1.", "2.3.", "a)", "•", "iv."]),
              "niveau": st.integers(1, 9), "onderwerpen_voorstel": st.lists(st.sampled_from(TOPICS), max_size=3, unique=True)},
)
CHAPTER = st.fixed_dictionaries({"regels": st.lists(RULE, min_size=1, max_size=4)}, optional={"titel": TEXT, "nummer": st.just("1.")})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=TEXT, chapters=st.lists(CHAPTER, min_size=1, max_size=3))
def test_any_accepted_imported_protocol_renders_compares_and_round_trips(title, chapters, model, cards):
    for n, chapter in enumerate(chapters, 1):
        chapter["id"] = f"hoofdstuk-{n}"
        for m, rule in enumerate(chapter["regels"], 1):
            rule["id"] = f"regel-{n}-{m}"
    data = {"versie": 1, "titel": title, "bron": {"bestand": "x.docx", "formaat": "docx"}, "hoofdstukken": chapters}
    try:
        protocol = check_protocol(dump_protocol(data), "x.yaml", model)
    except ValidationError as error:  # refused (a text of invisible characters only, say): with file, line and field
        assert all(problem.line and "veld " in str(problem) for problem in error.errors), error
        return
    document = model_document(protocol, cards)
    render_markdown(document), render_html(document)
    render_comparison(compare(protocol, model, cards), "https://h/")
    again = protocol_data(protocol, Path("x.yaml"))
    assert check_protocol(dump_protocol(again), "x.yaml", model) == protocol
    confirm_proposals(again)
    assert all(not r.proposed_topics for r in check_protocol(dump_protocol(again), "x.yaml", model).rules())


# --- More of Word: numbered headings, modern text boxes, restarts and number formats ---

def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_headings_numbered_by_a_list_style_keep_their_numbers(tmp_path, model):
    document = Document()
    wordbouw.add_article_numbering(document)
    for style, ilvl in (("Heading 1", None), ("Heading 2", "1")):
        properties = document.styles[style].element.get_or_add_pPr()
        ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl else ""
        properties.append(wordbouw.parse_xml(
            f'<w:numPr {wordbouw.nsdecls("w")}>{ilvl_xml}<w:numId w:val="{wordbouw.ARTICLE_NUM_ID}"/></w:numPr>'))
    document.add_heading("Contact", 1)
    document.add_heading("Kanalen", 2)
    document.add_paragraph("Alleen via de schoolmail.")
    document.add_heading("Toon", 2)
    document.add_paragraph("Zakelijk en vriendelijk.")
    document.add_heading("Beeld", 1)
    document.add_paragraph("Alleen met toestemming.")
    data = import_protocol(write(tmp_path, "koppen.docx", _save(document)), model).data
    assert [(c["titel"], c.get("nummer")) for c in data["hoofdstukken"]] == [("Contact", "1."), ("Beeld", "2.")]
    first = data["hoofdstukken"][0]["regels"]
    assert [(r["titel"], r["nummer"], r["tekst"]) for r in first] == [
        ("Kanalen", "1.1.", "Alleen via de schoolmail."), ("Toon", "1.2.", "Zakelijk en vriendelijk.")]


def test_a_modern_text_box_arrives_once(tmp_path, model):
    document = Document()
    document.add_heading("Regels", 1)
    paragraph = document.add_paragraph("Zie het kader.")
    paragraph._p.append(wordbouw.parse_xml(
        f'<w:r {wordbouw.nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="Tekstvak 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
        '<w:txbxContent><w:p><w:r><w:t>Bel bij twijfel de vertrouwenspersoon.</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
        '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:t>Bel bij twijfel de vertrouwenspersoon.</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    imported = import_protocol(write(tmp_path, "kader.docx", _save(document)), model)
    texts = [r["tekst"] for c in imported.data["hoofdstukken"] for r in c["regels"]]
    assert texts == ["Zie het kader.", "Bel bij twijfel de vertrouwenspersoon."]
    assert any(note.startswith("1 tekstvak:") for note in imported.notes)


def test_numbering_restarts_per_list_and_follows_the_number_format(tmp_path, model):
    document = Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (start, fmt, text) in enumerate([(1, "upperLetter", "%1."), (1, "lowerRoman", "%1.%2"), (3, "decimal", "(%3)")]))
    numbering.insert(0, wordbouw.parse_xml(f'<w:abstractNum {wordbouw.nsdecls("w")} w:abstractNumId="80">{levels}</w:abstractNum>'))
    numbering.append(wordbouw.parse_xml(f'<w:num {wordbouw.nsdecls("w")} w:numId="81"><w:abstractNumId w:val="80"/></w:num>'))
    numbering.append(wordbouw.parse_xml(
        f'<w:num {wordbouw.nsdecls("w")} w:numId="82"><w:abstractNumId w:val="80"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>'))
    plan = [("81", 0), ("81", 1), ("81", 1), ("81", 2), ("81", 0), ("81", 1), ("82", 0), ("82", 0)]
    for index, (num_id, ilvl) in enumerate(plan):
        wordbouw.direct_level(document.add_paragraph(f"punt {index}"), ilvl, num_id)
    data = import_protocol(write(tmp_path, "nummers.docx", _save(document)), model).data
    numbers = [r["nummer"] for c in data["hoofdstukken"] for r in c["regels"]]
    assert numbers == ["A.", "A.i", "A.ii", "(3)", "B.", "B.i", "D.", "E."]


def test_footnotes_are_reported_not_mixed_into_the_rules(tmp_path, model):
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = Document()
    document.add_heading("Regels", 1)
    paragraph = document.add_paragraph("Zie de wet.")
    paragraph._p.append(wordbouw.parse_xml(f'<w:r {wordbouw.nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    footnotes = (f'<w:footnotes {wordbouw.nsdecls("w")}><w:footnote w:id="1"><w:p><w:r><w:t>Wet op het primair onderwijs.</w:t>'
                 '</w:r></w:p></w:footnote></w:footnotes>').encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", footnotes, document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    imported = import_protocol(write(tmp_path, "noten.docx", _save(document)), model)
    assert [r["tekst"] for c in imported.data["hoofdstukken"] for r in c["regels"]] == ["Zie de wet."]
    assert any(note.startswith("1 voetnoot of eindnoot is niet overgenomen") for note in imported.notes)


def test_an_unknown_paragraph_style_is_named_but_a_list_style_is_not(tmp_path, model):
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    wordbouw.add_article_numbering(document)
    document.styles.add_style("Artikelkop", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Kop in een eigen stijl", style="Artikelkop")
    document.add_paragraph("Eerste artikel", style="Artikel")
    notes = " ".join(import_protocol(write(tmp_path, "stijl.docx", _save(document)), model).notes)
    assert "'Artikelkop'" in notes and "'Artikel'" not in notes
