"""The Content-Security-Policy every page carries, in Chromium: nothing on any page breaks it
(light, dark, on a phone, the 404 page at any depth), the theme switch and search still work,
and the policy does block a script that is not the site's own."""

from __future__ import annotations

import pytest

from handboek.beveiliging import DIRECTIVES

#: Records every violation of the page's policy, from the first script on.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', event => window.__violations.push(
  `${event.violatedDirective} ${event.blockedURI || ''} ${event.sourceFile || ''}:${event.lineNumber || ''} ${event.sample || ''}`));
"""
THEMES = ["light", "dark"]


@pytest.fixture
def csp_visit(visit, context):
    context.add_init_script(RECORD_VIOLATIONS)
    return visit


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def policy_of(page) -> str:
    return page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")


@pytest.mark.parametrize("theme", THEMES)
def test_no_page_breaks_its_policy(csp_visit, pages, watch, theme):
    found = {}
    for path in pages:
        page = csp_visit(path, theme)
        page.wait_for_load_state("networkidle")
        assert "script-src 'self'" in policy_of(page), path
        if problems := violations(page):
            found[path] = problems
        page.close()
    assert found == {}
    assert watch.errors == []


def test_the_policy_allows_only_the_site_itself(csp_visit):
    page = csp_visit("index.html")
    policy = dict(part.strip().split(" ", 1) for part in policy_of(page).split(";"))
    assert set(policy) == set(DIRECTIVES)
    for directive, sources in policy.items():
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, directive
        assert "http" not in sources and "*" not in sources, directive


def test_a_script_that_is_not_the_sites_own_is_blocked(csp_visit):
    page = csp_visit("index.html")
    page.evaluate("""() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.head.append(script);
    }""")
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__injected") is None
    assert any(v.startswith("script-src") for v in violations(page))


def test_the_not_found_page_at_any_depth_keeps_its_policy(csp_visit, watch):
    page = csp_visit("kaarten/bestaat/niet/meer.html")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("Pagina niet gevonden")
    assert violations(page) == []
    # The one error is the page's own status, 404; every file it loads was found.
    assert len(watch.errors) == 1 and "404" in watch.errors[0], watch.errors


def test_theme_switch_works_under_the_policy(csp_visit, watch):
    page = csp_visit("index.html", "light")
    seen = [page.evaluate("document.body.dataset.theme")]
    for _ in range(2):
        page.locator("button.theme-toggle:visible").first.click()
        seen.append(page.evaluate("document.body.dataset.theme"))
    assert len(set(seen)) == 3, seen
    assert violations(page) == []
    assert watch.errors == []


def test_search_works_under_the_policy(csp_visit, watch, cards):
    word = cards[0].title.split()[-1]
    page = csp_visit(f"search.html?q={word}")
    summary = page.locator("#search-results p.search-summary")
    summary.filter(has_text="gevonden").wait_for()
    assert page.locator("#search-results ul.search li").count() >= 1
    assert violations(page) == []
    assert watch.errors == []
