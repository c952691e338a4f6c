"""The Sources inline of the article form: one row per source, numbered as the text cites them.

Like the byline, the rows are not saved by the formset: the admin reads them into the
article's ``ArticleContent`` and the write path saves them (a live article's go into its
working copy). Checked here, with the reason beside the field: the DOI, PubMed ID and web
address rules (``articles.content.sources``), numbers that run 1, 2, 3… without gaps or
repeats, and that every ``[@n]`` in the text has its source (the error is shown at the text
too, naming the number). A form sent without the Sources rows at all (a page opened before
they existed) keeps the article's sources instead of emptying them.

The rows are always shown as new rows filled in from what editors are working on (the
working copy, else the article), never bound to the saved rows by id: the write path
replaces the rows whenever the sources change, so a colleague's edit of them would otherwise
leave this form pointing at rows that no longer exist. Each row has its own *Remove* box,
which also works without JavaScript.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from articles.admin.locking import WorkingCopyRowsFormSet, conflict_error
from articles.content.sources import (
    REFERENCE_FIELDS,
    findability_errors,
    normalise_doi,
    normalise_pmid,
    unknown_citations,
    unknown_citations_message,
    validate_doi,
    validate_pmid,
)
from articles.editorial.content import REFERENCES, ArticleContent
from articles.editorial.merge import merge
from articles.models import Reference


class ReferenceForm(forms.ModelForm):
    number = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=999,
        help_text="Cited as [@1], [@2]… Left empty, it takes the next free number.",
        widget=forms.NumberInput(attrs={"class": "vIntegerField"}),
    )
    # Plain text fields: a pasted https://doi.org/… or "PMID: …" is tidied before it is checked.
    doi = forms.CharField(label="DOI", required=False, max_length=300, help_text="e.g. 10.1038/nature14282")
    pmid = forms.CharField(label="PubMed ID", required=False, max_length=40, help_text="e.g. 25822788")
    # An address typed without its scheme (www.nice.org.uk/…) is taken as https, not http.
    url = forms.URLField(
        label="Web address",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=Reference._meta.get_field("url").help_text,
    )
    remove = forms.BooleanField(label="Remove this source", required=False)

    class Meta:
        model = Reference
        fields = ["number", *REFERENCE_FIELDS]
        error_messages = {"title": {"required": "Every source needs its title."}}
        # Not just "Title": the article's own headline field is called that on the same page.
        labels = {"title": "Source title", "authors": "Source authors"}
        widgets = {"year": forms.NumberInput(attrs={"class": "vIntegerField"})}

    def clean_doi(self):
        doi = normalise_doi(self.cleaned_data.get("doi"))
        validate_doi(doi)
        return doi

    def clean_pmid(self):
        pmid = normalise_pmid(self.cleaned_data.get("pmid"))
        validate_pmid(pmid)
        return pmid

    def clean(self):
        data = super().clean()
        if not {"doi", "pmid", "url"} & set(self.errors):
            for name, error in findability_errors(data.get("doi"), data.get("pmid"), data.get("url")).items():
                self.add_error(name, error)
        return data


class ReferenceFormSet(WorkingCopyRowsFormSet):
    def __init__(self, data=None, *args, **kwargs):
        prefix = kwargs.get("prefix") or self.get_default_prefix()
        self.left_out = data is not None and f"{prefix}-TOTAL_FORMS" not in data
        if self.left_out:
            data = data.copy()
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        super().__init__(data, *args, **kwargs)

    def _should_delete_form(self, form):
        # The rows are never saved ones, so Django shows no delete box; "Remove this source" is it.
        return bool(form.cleaned_data.get("remove")) if hasattr(form, "cleaned_data") else False

    def clean(self):
        super().clean()
        if self.left_out:
            return
        _check_numbers(_kept_rows(self))
        sources = sources_of(self)
        lock = getattr(self.instance, "_edit_lock_form", None)
        unknown = unknown_citations(self.instance.body, len(sources))
        if unknown:
            message = unknown_citations_message(unknown, len(sources))
            if lock is not None:
                lock.add_error("body", message)
            raise ValidationError(message, code="unknown_citation")
        if lock is None or not self.instance.pk:
            return
        theirs = lock.current_content()
        mine = ArticleContent(dict(theirs.values))
        mine.values[REFERENCES] = sources
        result = merge(lock.base, theirs, mine, fields=(REFERENCES,))
        if result.conflicts:
            lock.accept_theirs(result.conflicts)
            raise conflict_error(theirs, mine, result.conflicts)


def _kept_rows(formset):
    """(number or None, row index, form) for each filled-in row that is not being deleted."""
    return [
        (form.cleaned_data.get("number"), index, form)
        for index, form in enumerate(formset.forms)
        if form.cleaned_data.get("title") and not form.cleaned_data.get("remove")
    ]


def _numbered(rows):
    """Rows with their numbers: a row left without one takes the lowest number still free."""
    taken = {number for number, _, _ in rows if number}
    free = (number for number in range(1, len(rows) + len(taken) + 2) if number not in taken)
    numbered = [(number or next(free), index, form) for number, index, form in rows]
    return sorted(numbered, key=lambda row: (row[0], row[1]))


def _check_numbers(rows):
    given = [number for number, _, _ in rows if number]
    repeated = sorted({number for number in given if given.count(number) > 1})
    if repeated:
        listed = ", ".join(str(number) for number in repeated)
        raise ValidationError(
            f"Two sources have the same number ({listed}). Each source needs its own number.", code="repeated_number"
        )
    numbers = [number for number, _, _ in _numbered(rows)]
    missing = [number for number in range(1, len(numbers) + 1) if number not in numbers]
    if missing:
        gaps = ", ".join(str(number) for number in missing[:5])
        raise ValidationError(
            f"Sources are numbered 1, 2, 3… without gaps, but no source has the number {gaps}. "
            "Renumber them, and check that each citation in the text still points to the right source.",
            code="number_gap",
        )


def sources_of(formset):
    """The sources as the editor left the rows, in number order, as dicts for the article's content."""
    if getattr(formset, "left_out", False):
        return None
    return [
        {name: form.cleaned_data.get(name) for name in REFERENCE_FIELDS}
        for _, _, form in _numbered(_kept_rows(formset))
    ]


class ReferenceInline(admin.StackedInline):
    model = Reference
    form = ReferenceForm
    formset = ReferenceFormSet
    extra = 1
    classes = ["sources-inline"]
    verbose_name = "source"
    verbose_name_plural = "Sources (cite source 1 in the text as [@1])"
    fieldsets = [
        (None, {"fields": [("number", "remove"), "title", "authors", ("publisher", "year")]}),
        ("Where readers find it: a DOI, a PubMed ID, or an https address", {"fields": [("doi", "pmid"), "url"]}),
    ]

    class Media:
        js = ["js/editor-sources.js"]  # names a citation without its source while the text is typed
        css = {"all": ["css/admin-sources.css"]}

    # Sources are part of the article's content: whoever may edit the article edits its sources.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article") or self.has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("articles.add_article") or request.user.has_perm("articles.change_article")

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def get_extra(self, request, obj=None, **kwargs):
        # The current sources, and one empty row so a source can be added without JavaScript.
        return len(current_sources(obj)) + 1


def current_sources(article):
    """The sources editors are working on (the working copy's, else the article's); none for a new article."""
    if article is None or article.pk is None:
        return []
    content = getattr(article, "_current_content", None)  # read once by the form's edit lock
    if content is None:
        content = ArticleContent.current(article)
    return content.values.get(REFERENCES) or []


def sources_initial(article):
    """The inline's rows, filled in from the current sources, numbered from 1."""
    return [
        {"number": number, **{name: values.get(name) for name in REFERENCE_FIELDS}}
        for number, values in enumerate(current_sources(article), start=1)
    ]
