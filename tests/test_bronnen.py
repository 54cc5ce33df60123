"""Every source is a link to its entry on Bronnen, and every entry links back."""

from urllib.parse import urljoin, urlsplit

from handboek.bronnen import source_key


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


def test_every_citation_resolves_to_its_entry(site):
    links = list(_citation_links(site))
    assert len(links) == 17
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


def test_each_source_is_listed_once_as_the_cards_give_it(site):
    names = [s.get_text() for s in site.article("bronnen.html").select("li.bron-entry > p > strong")]
    assert len(names) == len(set(names)) == 12
    assert "Algemeen Dagblad" in names
    assert "Onderwijspersoneel vo & social media, Centrum School & Veiligheid, 2015" in names
    assert names == sorted(names, key=str.casefold)


def test_shared_source_collects_citations_from_both_cards(site):
    entry = site.article("bronnen.html").find(id="bron-" + source_key("Algemeen Dagblad"))
    assert entry.select_one(".bron-backlinks").get_text() == (
        "Vermeld in Goedbedoelde acties met desastreuze gevolgen: Voorbeeld 1, Aandachtspunten; "
        "De populaire hiphopleraar: Voorbeeld 2, Voorbeeld 4."
    )
    assert [a["title"] for a in entry.select(".bron-backlinks a")][0] == (
        "Goedbedoelde acties met desastreuze gevolgen, Voorbeeld 1"
    )


def test_repeated_context_is_numbered(site):
    key = source_key("Onderwijspersoneel vo & social media, Centrum School & Veiligheid, 2015")
    entry = site.article("bronnen.html").find(id="bron-" + key)
    labels = [a.get_text() for a in entry.select(".bron-backlinks a")]
    assert labels == ["Aandachtspunten", "Aandachtspunten (2)"]


def test_kwestie_and_voorbeeld_references_are_links(site):
    hiphop = site.article("kaarten/populaire-hiphopleraar.html")
    kwestie3 = hiphop.find(id="kwestie-3")
    link = kwestie3.find("a", string="kwestie 2") or kwestie3.find("a", href="#kwestie-2")
    assert link is not None and link["href"] == "#kwestie-2"
    sext = hiphop.find(id="kwestie-4").find("a", href="#voorbeeld-7")
    assert sext is not None and "sext" in sext.get_text()
    assert hiphop.find(id="voorbeeld-7").name == "details"
