"""The protocol wizard: from a session's decisions to a draft school protocol.

- ``answers``: the answers file (schema version 1) and its checks;
- ``draft``: the draft protocol and the change report built from the answers;
- ``output``: writing md, html, docx, pdf, the change report and the normalised answers;
- ``interview``: the interactive questions (questionary), saved after every answer;
- ``cli``: the ``protocolwizard`` command.
"""
