"""Validators and help texts shared by the content models."""

from django.core.validators import URLValidator

http_or_https = URLValidator(
    schemes=["http", "https"], message="Enter a full web address starting with https://", code="web_address_required"
)

MARKDOWN_HELP = (
    "Write in Markdown: ## for a heading, **bold**, *italic*, [link text](https://…), "
    "“- ” for a list. Drag a photo into the box to upload it; give every image a short "
    "description for people who cannot see it: ![what the image shows](…), or ![decorative](…) "
    "for one that only decorates. The preview "
    "beside the box is exactly what readers will see."
)
