"""Links to kwesties and examples: ``{kwestie}`2```, ``{voorbeeld}`de sext <7>```.

A target is ``<n>`` on the same card or ``<card-id>/<n>`` on another card. The
role leaves a ``kaartverwijzing`` node; once every page has been read, it becomes a
link (``paginadoorloop``), or a warning says that the target does not exist.

The link is resolved when a page is written, from what the target card recorded
when it was read. A page that links to a card is therefore read and written again
whenever that card changes (``env-get-outdated``): an incremental build checks the
link against the card as it is now, and warns as a clean build does.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from .kaartblokken import card_id_of
from .links import PageLinks
from kern.loader import KAARTEN_DIR, numbered_ref_title, split_role_content
from .paginadoorloop import add_placeholder
from .store import doc_store

logger = logging.getLogger(__name__)


class kaartverwijzing(nodes.Inline, nodes.TextElement):  # noqa: N801
    """An unresolved link to a numbered card block."""


class KaartverwijzingRole(SphinxRole):
    def __init__(self, kind: str) -> None:
        self.kind = kind

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        _, target = split_role_content(self.text)
        card, _, number = target.rpartition("/")
        if not number.isdigit():
            message = self.inliner.reporter.error(
                f"'{self.text}' is geen {self.kind}: gebruik een nummer, bijvoorbeeld "
                f"{{{self.kind}}}`2` of {{{self.kind}}}`andere-kaart/2`.",
                line=self.lineno,
            )
            return [], [message]
        node = kaartverwijzing(
            self.rawtext,
            numbered_ref_title(self.kind, self.text),
            kind=self.kind,
            card=card or card_id_of(self.env.docname),
            number=int(number),
        )
        self.set_source_info(node)
        doc_store(self.env, "verwijst naar").setdefault(self.env.docname, set()).add(card_docname(node["card"]))
        return [node], []


def card_docname(card_id: str) -> str:
    return f"{KAARTEN_DIR}/{card_id}"


def linking_documents(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The pages that link to a card that is new, changed or gone: they are read again.

    A card page saved without a change in its text (only touched) changes no anchor, so its
    linking pages are left alone.
    """
    touched = added | removed | {docname for docname in changed if _text_changed(env, docname)}
    return sorted(
        docname
        for docname, cards in doc_store(env, "verwijst naar").items()
        if cards & touched and docname not in removed
    )


_READ_TEXT = "handboek_gelezen_tekst"


def _digest(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def _remember_text(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: the text of a card page as it was read (kept in the environment)."""
    if docname.startswith(KAARTEN_DIR + "/"):
        app.env.__dict__.setdefault(_READ_TEXT, {})[docname] = _digest(Path(app.env.doc2path(docname)).read_bytes())


def _text_changed(env: BuildEnvironment, docname: str) -> bool:
    """Whether a page's file differs from the text last read from it."""
    known = env.__dict__.get(_READ_TEXT, {}).get(docname)
    return known != _digest(Path(env.doc2path(docname)).read_bytes())


def _fill_links(transform: SphinxPostTransform, placeholders: list[kaartverwijzing]) -> None:
    """Turn a page's links to card blocks into links, or warn where the target does not exist."""
    env = transform.env
    targets = doc_store(env, "targets")
    links = PageLinks(env, env.docname)
    for node in placeholders:
        docname = card_docname(node["card"])
        found = targets.get(docname, {}).get(f"{node['kind']}/{node['number']}")
        content = nodes.inline("", node.astext(), classes=["kaartverwijzing"])
        if not found:
            logger.warning(
                "verwijzing naar %s %s van kaart '%s' bestaat niet",
                node["kind"], node["number"], node["card"],
                location=node, type="handboek", subtype="verwijzing",
            )
            node.replace_self(content)
            continue
        anchor, title = found
        node.replace_self(links.link(docname, anchor, content, title))


def setup_verwijzingen(app: Sphinx) -> None:
    app.add_node(kaartverwijzing)
    app.add_role("kwestie", KaartverwijzingRole("kwestie"))
    app.add_role("voorbeeld", KaartverwijzingRole("voorbeeld"))
    add_placeholder(app, kaartverwijzing, _fill_links)
    app.connect("source-read", _remember_text)
    app.connect("env-get-outdated", linking_documents)
