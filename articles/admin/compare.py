"""Side-by-side rows for two contents of one article: live against working copy, or a conflict."""

from django.utils.text import capfirst

from articles.admin.revisions import _line_diff
from articles.content.sources import citation_text
from articles.editorial.content import BYLINE, FIELDS, REFERENCES
from articles.models import Article, Author, DonationLink, Reviewer, Topic


def readable(name, value):
    """A field's value as an editor would recognise it."""
    if value in (None, "", []):
        return ""
    if name == BYLINE:
        names = {author.pk: author.display_name for author in Author.objects.filter(pk__in=value)}
        return ", ".join(names.get(pk, f"(deleted author {pk})") for pk in value)
    if name == REFERENCES:
        return "\n".join(f"{number}. {citation_text(source)}" for number, source in enumerate(value, start=1))
    if name == "topics":
        return ", ".join(sorted(Topic.objects.filter(pk__in=value).values_list("name", flat=True)))
    if name == "pending_reviewers":
        return ", ".join(sorted(Reviewer.objects.filter(pk__in=value).values_list("name", flat=True)))
    if name == "related_articles":
        return ", ".join(sorted(Article.objects.filter(pk__in=value).values_list("title", flat=True)))
    if name == "donation_link":
        link = DonationLink.objects.filter(pk=value).first()
        return str(link) if link else f"(deleted, id {value})"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return "\n".join(value.splitlines())
    return str(value)


def label(name):
    if name == BYLINE:
        return "Authors"
    if name == REFERENCES:
        return "Sources"
    return capfirst(Article._meta.get_field(name).verbose_name)


def content_rows(before, after, fields=FIELDS, only_changed=False):
    rows = []
    for name in fields:
        old, new = readable(name, before.values.get(name)), readable(name, after.values.get(name))
        changed = old != new
        if only_changed and not changed:
            continue
        rows.append(
            {
                "label": label(name),
                "before": old,
                "after": new,
                "changed": changed,
                "diff": _line_diff(old, new) if changed and "\n" in old + new else [],
            }
        )
    return rows
