"""The one Jinja environment: sandboxed, autoescaping, strict. Only the HTML frames use it.

Data is never template: values are passed in and escaped (HTML autoescaping);
the writers build everything else in Python.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from .model import TEMPLATES_DIR
from .cleantext import clean_text


@lru_cache(maxsize=None)
def environment() -> SandboxedEnvironment:
    """Made once per process, so that each template is compiled once (the handbook writes five HTML files per
    build); Jinja still reloads a template whose file changed. Rendering does not change the environment."""
    return SandboxedEnvironment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=clean_text,
    )
