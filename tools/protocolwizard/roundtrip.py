"""Updating an answers file someone may have edited by hand, keeping its comments and layout.

ruamel.yaml's round-trip mode reads the file as it stands; :func:`update_yaml`
changes only the values that differ from the new data, adds what is new and
removes what is gone, and writes the rest back untouched. This is used only
to *write*: every file is still *read* by the strict loader
(``protocol.strict_yaml``), and the result must read back to the same data,
or the caller falls back to a plain dump.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

#: Long enough that ruamel never re-wraps a line it leaves unchanged.
WIDTH = 4096
COMMENT_COLUMN = 22


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _plain(value: Any) -> Any:
    """New data as plain block-style YAML values."""
    if isinstance(value, dict):
        result = CommentedMap()
        for key, item in value.items():
            result[key] = _plain(item)
        return result
    if isinstance(value, list):
        return CommentedSeq(_plain(item) for item in value)
    return value


def _same_scalar(old: Any, new: Any) -> bool:
    return type(new) is not bool and not isinstance(old, (dict, list)) and str(old) == str(new) and (
        isinstance(old, str) == isinstance(new, str))


def _innermost_last(value: Any) -> Any:
    """The collection that holds the last scalar of ``value`` (where YAML keeps the comments after a block)."""
    while True:
        last = value[-1] if isinstance(value, CommentedSeq) else value[list(value)[-1]]
        if not isinstance(last, (CommentedMap, CommentedSeq)) or not last:
            return value
        value = last


def _slot(holder: Any) -> tuple[Any, int]:
    """Where the comment after ``holder``'s last item is kept: (key or index, position in ``ca.items``)."""
    if isinstance(holder, CommentedSeq):
        return len(holder) - 1, 0
    return list(holder)[-1], 2


def _take_trailing(value: Any) -> str:
    """Remove and return the comment lines that follow a block (not the comment on its last line)."""
    if not isinstance(value, (CommentedMap, CommentedSeq)) or not value:
        return ""
    holder = _innermost_last(value)
    where, position = _slot(holder)
    entry = holder.ca.items.get(where)
    if not entry or entry[position] is None:
        return ""
    on_line, newline, following = entry[position].value.partition("\n")
    if not following.strip():
        return ""
    entry[position].value = on_line + newline
    return following


def _put_trailing(value: Any, following: str) -> None:
    """Attach comment lines after the (new) end of a block."""
    if not following or not isinstance(value, (CommentedMap, CommentedSeq)) or not value:
        return
    holder = _innermost_last(value)
    where, position = _slot(holder)
    entry = holder.ca.items.setdefault(where, [None, None, None, None] if position == 2 else [None, None])
    if entry[position] is None:
        entry[position] = CommentToken("\n" + following, CommentMark(0), None)
    else:
        entry[position].value = entry[position].value.rstrip("\n") + "\n" + following


def _move_comment(parent: CommentedMap, key: Any) -> None:
    """A value that was written on one line (``kaarten: []  # uitleg``) and is now a block: the comment on
    its line stays after the key, the comment lines that followed stay after the block."""
    value = parent[key]
    entry = parent.ca.items.get(key)
    token = entry[2] if entry else None
    if token is None or not isinstance(value, (CommentedMap, CommentedSeq)) or not value:
        return
    entry[2] = None
    on_line, _, following = token.value.partition("\n")
    if on_line.strip():
        parent.yaml_add_eol_comment(on_line.strip(), key, column=COMMENT_COLUMN)
    _put_trailing(value, following)


def _merge(old: Any, new: Any) -> Any:
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        if not old or not new:
            return _plain(new)  # from or to "{}": a new value, written in the style that fits it
        trailing = _take_trailing(old)
        for key in [k for k in old if k not in new]:
            del old[key]
        previous = None
        for key, value in new.items():
            if key in old:
                before = old[key]
                old[key] = _merge(before, value)
                if old[key] is not before:
                    _move_comment(old, key)
            else:
                position = list(old).index(previous) + 1 if previous in old else 0
                old.insert(position, key, _plain(value))
            previous = key
        _put_trailing(old, trailing)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        if not old or not new:
            return _plain(new)  # from or to "[]"
        trailing = _take_trailing(old)
        del old[len(new):]
        for index, value in enumerate(new):
            if index < len(old):
                old[index] = _merge(old[index], value)
            else:
                old.append(_plain(value))
        _put_trailing(old, trailing)
        return old
    if _same_scalar(old, new):
        return old  # keeps the way it was written (quotes, folded text)
    return _plain(new)


def update_yaml(previous: str, data: dict) -> str:
    """``previous`` with its values replaced by ``data``, comments and layout kept where values stay."""
    yaml = _yaml()
    document = yaml.load(previous)
    if not isinstance(document, CommentedMap):
        document = CommentedMap()
    document = _merge(document, data)
    stream = io.StringIO()
    yaml.dump(document, stream)
    return stream.getvalue()
