"""Delete uploaded images that nothing refers to any more, local or in the bucket.

Images are not deleted when an editor replaces one or deletes an article: an earlier revision
(django-reversion), a restored article or a Markdown body elsewhere may still show it, and a
file deleted at save time cannot come back with them. This sweep deletes a stored file only when
its name appears nowhere in the database: no image field, no article text or biography, no saved
revision, no text column of any model. Files younger than ``--older-than-days`` are kept too,
since an image uploaded in the editor belongs to no saved article until the editor saves.
A rendition (``renditions/<original's name>/…``, see ``articles.content.renditions``) is named
nowhere: it goes exactly when its original goes.

Without ``--delete`` it only lists what it would delete.
"""

import re
from datetime import timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import models
from django.utils import timezone

from articles.content import renditions


def stored_files(storage, folder=""):
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from stored_files(storage, f"{folder}/{directory}" if folder else directory)


def referenced_names(folders):
    """Every ``folder/…`` path that any text or file column of any model mentions."""
    alternatives = "|".join(re.escape(folder) for folder in folders)
    pattern = re.compile(rf"(?:{alternatives})/[^\s\"'()<>\[\]\\?#]+")
    found = set()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:  # unmanaged: the search index, a copy of article text
            continue
        columns = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.FileField | models.JSONField)
        ]
        if not columns:
            continue
        for row in model._default_manager.values_list(*columns).iterator():
            for value in row:
                if value:
                    found.update(pattern.findall(str(value)))
    return found


class Command(BaseCommand):
    help = "Delete uploaded files that no article, author, revision or other record refers to."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=float, default=2, help="keep younger files (default 2)")
        parser.add_argument("--delete", action="store_true", help="delete them; without it, only list them")

    def handle(self, *args, older_than_days, delete, **options):
        files = [name for name in stored_files(default_storage) if "/" in name]  # uploads live in folders
        originals = {name: renditions.source_of(name) or name for name in files}
        folders = sorted({original.split("/", 1)[0] for original in originals.values()})
        referenced = referenced_names(folders) if folders else set()
        cutoff = timezone.now() - timedelta(days=older_than_days)
        unused = [
            name
            for name in files
            if originals[name] not in referenced and default_storage.get_modified_time(name) < cutoff
        ]
        for name in unused:
            if delete:
                default_storage.delete(name)
            self.stdout.write(f"{'deleted' if delete else 'unused'}: {name}")
        summary = f"{len(unused)} unused file(s) of {len(files)}"
        self.stdout.write(self.style.SUCCESS(f"{summary} deleted." if delete else f"{summary}; run with --delete."))
