"""The "Was this page useful?" form: an answer, an optional comment and an optional email."""

from django import forms

from articles.models.feedback import COMMENT_MAX_CHARS

# The honeypot: a text box that people never see (the stylesheet hides it) but form-filling
# robots do, and fill. Its name must not invite a browser's autofill.
TRAP_FIELD = "leave_empty"


class CommentField(forms.CharField):
    """Counts a line break as one character, as the browser's ``maxlength`` does (it sends CRLF)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(
        label="Was this page useful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose Yes or No."},
    )
    comment = CommentField(
        label="Tell us more (optional)",
        required=False,
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"At most {COMMENT_MAX_CHARS:,} characters. Please leave out personal or medical details.",
        error_messages={
            "max_length": f"Please shorten your comment to {COMMENT_MAX_CHARS:,} characters (it has %(show_value)d).",
        },
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        max_length=254,
        help_text="Only if you would like a reply. We use it for nothing else.",
        error_messages={"invalid": "This does not look like an email address; leave it empty if you prefer."},
    )
    leave_empty = forms.CharField(label="Leave this box empty", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields[TRAP_FIELD].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
