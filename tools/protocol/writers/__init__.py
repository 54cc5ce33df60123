"""Writers: one module per output format, each turning a :class:`~protocol.blocks.Page` into a file.

A writer module implements::

    EXTENSION: str                         # the file name's ending, e.g. "md"
    def render(page: Page) -> str | bytes  # the whole file

and renders every block and inline type of :mod:`protocol.blocks` (a writer
may ignore ``Section`` anchors and styles it has no use for). It escapes
every text for its format (user text is data, never markup) and adds no words
of its own: phrases live in :mod:`protocol.teksten`, the order of things in
:mod:`protocol.layout`. Adding an output format is adding one module here and
its entry in :data:`WRITERS`.
"""

from __future__ import annotations

from types import ModuleType

from . import html, latex, markdown, word

WRITERS: dict[str, ModuleType] = {module.EXTENSION: module for module in (markdown, html, latex, word)}
