"""The protocol wizard: from a session's decisions to a draft school protocol.

- ``answers_schema``: every field of the answers file, declared once (key, kind, required, length, Dutch
  label and help, placeholder, particulars), with the schema version and its migrations;
- ``answers``: reading, checking and writing the answers file by that declaration;
- ``empty_file``: the commented empty answers file of ``protocolwizard leeg``, from the declaration;
- ``roundtrip``: updating a hand-edited answers file without losing its comments (ruamel.yaml);
- ``draft``: the draft protocol and the change report built from the answers;
- ``output``: writing md, html, docx, pdf, the change report and the normalised answers;
- ``interview``: the interactive questions (questionary), saved after every answer;
- ``services``: what the command does apart from asking (context, loading, making outputs);
- ``cli``: the ``protocolwizard`` command.
"""

import sys

#: The oldest Python the wizard runs on (pyproject's requires-python says the same to pip).
PYTHON_MIN = (3, 11)

if sys.version_info < PYTHON_MIN:  # said at once, before any import that would fail with a traceback
    raise SystemExit(
        f"Fout: de protocolwizard heeft Python {'.'.join(map(str, PYTHON_MIN))} of nieuwer nodig; "
        f"dit is Python {sys.version_info.major}.{sys.version_info.minor}."
    )
