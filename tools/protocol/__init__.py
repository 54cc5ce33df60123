"""The model social-media protocol: its data, its checks and its renderings.

- ``strict_yaml`` and ``schema``: safe loading and Dutch error messages for hand-written YAML;
- ``model``: the model protocol (``tools/protocol/templates/voorbeeldprotocol.yaml``) as data;
- ``trace``: which rules each kwestie of the cards touches, and back;
- ``document``: what a rendering shows (a sector's rules, numbered, with their kwesties);
- ``render``: Markdown/MyST and HTML through sandboxed Jinja templates;
- ``word``: the Word (.docx) rendering through docxtpl.
"""
