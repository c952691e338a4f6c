"""Field-by-field merge of two people's edits of the same article.

The change form carries the fingerprints of every field as they were when it was opened
(its *base*). On saving, a field counts as changed by *me* if my value differs from the
base, and by *them* if the article (or its working copy) now differs from the base. Fields
only they changed keep their value; fields only I changed take mine; a field we both
changed to different values is a conflict, and the save is refused for it alone, showing
both versions side by side.
"""

import json
from dataclasses import dataclass, field

from articles.editorial.content import FIELDS, ArticleContent


@dataclass
class Merge:
    content: ArticleContent
    conflicts: list = field(default_factory=list)
    kept_theirs: list = field(default_factory=list)


def merge(base, theirs, mine, fields=FIELDS):
    """``base``: fingerprints when opened (empty: no merge, mine wins); ``theirs``: current content."""
    if not base:
        return Merge(mine)
    their_prints, my_prints = theirs.fingerprints(), mine.fingerprints()
    merged = dict(mine.values)
    result = Merge(ArticleContent(merged))
    for name in fields:
        opened = base.get(name)
        if opened is None:
            continue
        they_changed, i_changed = their_prints[name] != opened, my_prints[name] != opened
        if they_changed and i_changed and their_prints[name] != my_prints[name]:
            result.conflicts.append(name)
        elif they_changed and not i_changed:
            merged[name] = theirs.values[name]
            result.kept_theirs.append(name)
    return result


def parse_base(raw):
    """The base a form sent back; anything malformed counts as no base (mine wins, as before merging)."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(name): str(value) for name, value in data.items() if name in FIELDS}


def dump_base(content):
    return json.dumps(content.fingerprints(), sort_keys=True)
