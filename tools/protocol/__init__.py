"""The model social-media protocol: its data, its checks and its renderings.

- ``strict_yaml`` and ``schema``: safe loading and Dutch error messages for hand-written YAML;
- ``model``: the model protocol (``tools/protocol/templates/voorbeeldprotocol.yaml``) as data;
- ``trace``: which rules each kwestie of the cards touches, and back;
- ``document``: what a rendering shows (a sector's rules, numbered, with their kwesties; a draft's
  particulars, versions and adoption fields; the change report);
- ``teksten``: every Dutch phrase of the protocol and the change report;
- ``blocks`` and ``layout``: the protocol and the change report as one structure of blocks, laid out once;
- ``writers``: one thin writer per output format (Markdown/MyST, HTML, LaTeX, Word) that renders those
  blocks, escaping for its format; ``render`` is the entry point;
- ``word_template``: generates the styled Word template the Word writer fills;
- ``cleantext`` (characters no document may hold) and ``templating`` (the sandboxed Jinja environment
  of the HTML frames).
- ``eigen_protocol``: a school's own protocol imported from Word, Markdown or YAML into the model's format
  (``import_docx``, ``word_numbering``, ``import_markdown``, ``import_blocks``);
- ``onderwerpen``: proposing the model's topics for a school's rule (keywords, Dutch stemming, TF-IDF);
- ``vergelijking``: the comparison of a school's protocol with the model and the cards' kwesties.
"""
