"""The Sphinx-free core that the protocol, the handbook extension and the wizard build on.

- ``kaartformaat``: the card format declared once (blocks, their number and options), for the loader
  and the handbook's directives alike;
- ``loader``: the card model (kaarten, kwesties, vragen, onderwerpen) read from the card pages
  with MyST's own parsing;
- ``slug``: safe names from Dutch text;
- ``adres``: where the handbook is published (one setting);
- ``latex``: running LaTeX with Dutch hyphenation checked.

The card pages ship with the package as ``kern/kaarten`` (in the checkout a link to
``docs/kaarten``, the only place the card texts are written).
"""
