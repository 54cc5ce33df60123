"""The model social-media protocol: its data, its checks and its renderings.

- ``strict_yaml`` and ``schema``: safe loading and Dutch error messages for hand-written YAML;
- ``model``: the model protocol (``tools/protocol/templates/voorbeeldprotocol.yaml``) as data;
- ``trace``: which rules each kwestie of the cards touches, and back;
- ``document``: what a rendering shows (a sector's rules, numbered, with their kwesties);
- ``render``: Markdown/MyST and HTML through sandboxed Jinja templates;
- ``word``: the Word (.docx) rendering through docxtpl;
- ``eigen_protocol``: a school's own protocol imported from Word, Markdown or YAML into the model's format
  (``import_docx``, ``word_numbering``, ``import_markdown``, ``import_blocks``);
- ``onderwerpen``: proposing the model's topics for a school's rule (keywords, Dutch stemming, TF-IDF);
- ``vergelijking``: the comparison of a school's protocol with the model and the cards' kwesties.
"""
