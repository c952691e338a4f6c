"""The Markdown editor of the admin: a formatting toolbar, the text, and the preview beside it.

Built on django-markdownx's widget (its script sends the text to our guarded preview endpoint,
``articles.admin.editor``) but without markdownx's own admin stylesheet, which fixes both boxes
at 610 pixels and styles the preview in the admin's fonts. The preview is styled by
``static/css/prose.css``, the stylesheet of the public article page, so it looks as readers
will see it; the layout (side by side on wide screens, stacked on narrow ones) is in
``static/css/admin-editor.css``.

The toolbar is hidden until ``static/js/editor-toolbar.js`` shows it: without JavaScript the
editor is a plain text box, and no button does nothing.
"""

from django import forms
from markdownx.widgets import AdminMarkdownxWidget, minified


class EditorMarkdownWidget(AdminMarkdownxWidget):
    template_name = "admin/widgets/markdown_editor.html"

    def __init__(self, attrs=None, citations=False):
        super().__init__(attrs)
        self.citations = citations

    def get_context(self, name, value, attrs=None):
        context = super().get_context(name, value, attrs)
        context["widget"]["citations"] = self.citations
        return context

    @property
    def media(self):
        return forms.Media(
            js=[f"markdownx/js/markdownx{minified}.js", "js/editor-toolbar.js"],
            css={"all": ["css/prose.css", "css/admin-editor.css"]},
        )
