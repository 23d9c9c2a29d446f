"""What approving an item would change for apps: the JSON approval would publish against what is served now.

Both sides are the API's own rendering of the item (conditions/preview.py), so the diff covers everything an
app would see change: the item's fields, its links and their claims, the sources and professionals it cites
(approval publishes their edits too), in full text. Items in a list are matched by slug where they have one,
so a link added or removed reads as that, not as every later link changing.
"""

import difflib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import mark_safe

from conditions import preview

# Written by approval itself, or by the clock: not what the reviewer is asked to check.
STAMPED = {"updated_at", "created_at", "last_reviewed", "reviewed_by", "next_review_due", "review_state"}


@dataclass(frozen=True)
class Change:
    path: str
    old: object  # None: not served now
    new: object  # None: not served after approval

    @property
    def kind(self):
        if self.old is None:
            return "added"
        return "removed" if self.new is None else "changed"

    @property
    def old_html(self):
        return _marked(self.old, self.new, "del")

    @property
    def new_html(self):
        return _marked(self.new, self.old, "ins")


def changes(item, request):
    """The changes approving `item` now would make to what the API serves, in document order."""
    old = _flat(preview.served_now(item, request) or {})
    try:
        new = _flat(preview.preview(item, request))
    except ValidationError as error:  # e.g. its new slug is still live for another item: approval would fail
        return [Change("approval would be refused", "", " ".join(error.messages))]
    paths = list(old) + [path for path in new if path not in old]
    return [Change(path, old.get(path), new.get(path)) for path in paths if old.get(path) != new.get(path)]


def _flat(data, prefix=""):
    """{"sources[An article].url": "…"}: every leaf of `data` by its path; lists keyed by slug or title."""
    leaves = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if prefix or key not in STAMPED:
                leaves |= _flat(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(data, list) and data:
        keys = set()
        for index, value in enumerate(data):
            key = _key(value, index)
            key = key if key not in keys else f"{key} #{index + 1}"  # two links to one item (two kinds)
            keys.add(key)
            leaves |= _flat(value, f"{prefix}[{key}]")
    else:
        leaves[prefix] = "" if data is None else data
    return leaves


def _key(value, index):
    if isinstance(value, dict):
        for name in ("slug", "title"):
            if isinstance(value.get(name), str):
                return value[name]
    return index


def _marked(text, other, tag):
    """`text` in full, escaped, its words that `other` lacks wrapped in <tag>."""
    if text is None:
        return ""
    if other is None or not isinstance(text, str) or not isinstance(other, str):
        return mark_safe(f"<{tag}>{escape(text)}</{tag}>")
    words = text.split(" ")
    other_words = str(other).split(" ")
    matcher = difflib.SequenceMatcher(a=words, b=other_words, autojunk=False)
    parts = []
    for op, start, end, _other_start, _other_end in matcher.get_opcodes():
        chunk = escape(" ".join(words[start:end]))
        if chunk:
            parts.append(chunk if op == "equal" else f"<{tag}>{chunk}</{tag}>")
    return mark_safe(" ".join(parts))
