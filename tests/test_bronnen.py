"""Every source is a link to its entry on Bronnen, and every entry links back.

What to expect comes from the cards (the loader's ``Card.sources``), not from today's cards.
"""

import re
from urllib.parse import urljoin, urlsplit

from handboek.bronnen import source_anchor, source_key


def _resolve(site, page: str, href: str):
    """The element an href on ``page`` points to, or None."""
    url = urlsplit(urljoin(page, href))
    target = site.html(url.path)
    return target.find(id=url.fragment) if url.fragment else target


def _citation_links(site):
    for page in sorted(site.outdir.glob("kaarten/*.html")):
        name = f"kaarten/{page.name}"
        for link in site.article(name).select("a[id^=bron-]"):
            yield name, link


def test_every_bron_in_the_cards_is_a_link(site):
    for page in site.outdir.glob("kaarten/*.html"):
        article = site.article(f"kaarten/{page.name}")
        text = article.get_text()
        links = article.select("a[id^=bron-]")
        assert text.count("(Bron:") == len(links) > 0, page.name


def test_every_citation_resolves_to_its_entry(site, cards):
    links = list(_citation_links(site))
    assert [link.get_text() for _, link in links] == [source for card in cards for source in card.sources]
    for page, link in links:
        entry = _resolve(site, page, link["href"])
        assert entry is not None, link
        assert entry.find("strong").get_text() == link.get_text(), link


def test_every_entry_links_back_to_each_citation(site):
    bronnen = site.article("bronnen.html")
    entries = bronnen.select("li.bron-entry")
    citations = {(page, link["id"]) for page, link in _citation_links(site)}
    seen = set()
    for entry in entries:
        for backlink in entry.select(".bron-backlinks a"):
            page, _, fragment = urljoin("bronnen.html", backlink["href"]).partition("#")
            target = _resolve(site, "bronnen.html", backlink["href"])
            assert target is not None and target.name == "a", backlink
            assert target["href"].endswith("#" + entry["id"]), backlink
            seen.add((page, fragment))
    assert seen == citations


def test_each_source_is_listed_once_as_the_cards_give_it(site, cards):
    names = [s.get_text() for s in site.article("bronnen.html").select("li.bron-entry > p > strong")]
    cited_elsewhere = {
        link.get_text()
        for page in site.outdir.glob("*.html")
        for link in (site.article(page.name) or site.html(page.name)).select("a[id^=bron-]")
    }
    assert len(names) == len(set(names))
    assert set(names) == {source for card in cards for source in card.sources} | cited_elsewhere
    assert names == sorted(names, key=str.casefold)


def backlink_groups(entry) -> dict[str, list[str]]:
    """An entry's backlinks: page title -> the labels of its links, in order."""
    groups: dict[str, list[str]] = {}
    for child in entry.select_one(".bron-backlinks").children:
        if child.name == "em":
            labels = groups.setdefault(child.get_text(), [])
        elif child.name == "a":
            labels.append(child.get_text())
    return groups


def test_each_entry_links_back_to_every_card_that_cites_it_in_page_order(site, cards):
    bronnen = site.article("bronnen.html")
    titles = {card.title for card in cards}
    for source in {source for card in cards for source in card.sources}:
        entry = bronnen.find(id=source_anchor(source_key(source)))
        groups = backlink_groups(entry)
        citing = [card for card in sorted(cards, key=lambda c: c.id) if source in card.sources]
        assert [title for title in groups if title in titles] == [card.title for card in citing], source
        for card in citing:
            assert len(groups[card.title]) == card.sources.count(source), (card.id, source)


def test_repeated_context_is_numbered(site):
    for entry in site.article("bronnen.html").select("li.bron-entry"):
        for labels in backlink_groups(entry).values():
            assert len(labels) == len(set(labels)), labels
            for label in labels:
                if match := re.fullmatch(r"(.+) \((\d+)\)", label):
                    previous = match[1] if match[2] == "2" else f"{match[1]} ({int(match[2]) - 1})"
                    assert previous in labels[: labels.index(label)], labels


ROLE = re.compile(r"\{(?P<kind>kwestie|voorbeeld)\}`(?:[^`<]*<)?(?P<target>[^`>]+)>?`")


def test_kwestie_and_voorbeeld_references_are_links(site, cards):
    for card in cards:
        page = f"kaarten/{card.id}.html"
        written = ROLE.findall(card.path.read_text(encoding="utf-8"))
        links = site.article(page).select("a:has(> span.kaartverwijzing)")
        assert len(links) == len(written), card.id
        for (kind, _), link in zip(written, links):
            target = _resolve(site, page, link["href"])
            assert target is not None and kind in target["class"], link
            assert target.name == ("section" if kind == "kwestie" else "details"), link
