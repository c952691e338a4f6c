"""Write the renditions of every stored image again (after changing their widths or formats, or on a new server).

Pages name renditions without checking that they exist (``articles.content.renditions``), so
run this once after deploying this feature, after changing ``WIDE``, ``PHOTO`` or the encoding
settings, and after restoring media from a backup that lacked them. It also fills in the size
of author photos saved before their size was stored. ``--missing`` leaves alone the images whose
renditions are all there.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from articles.content import renditions
from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.models import Article, Author, WorkingCopy
from articles.operations.progress import progress_for


def body_images(storage):
    """Names of the editor's uploads whose size is in their name (the ones pages show as ``<picture>``)."""
    folder = settings.MARKDOWNX_MEDIA_PATH.rstrip("/")
    try:
        _, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    return [f"{folder}/{name}" for name in sorted(files) if renditions.size_in_name(name)]


def images_to_render(storage):
    """(storage name, widths) of every image a page or a preview may show."""
    heroes = set(Article.objects.exclude(hero_image="").values_list("hero_image", flat=True))
    for content in WorkingCopy.objects.values_list("content", flat=True):
        heroes.add(ArticleContent.from_json(content).values.get("hero_image") or "")
    photos = set(Author.objects.exclude(photo="").values_list("photo", flat=True))
    found = [(name, renditions.WIDE) for name in sorted(heroes - {""})]
    found += [(name, renditions.PHOTO) for name in sorted(photos)]
    found += [(name, renditions.WIDE) for name in body_images(storage)]
    return found


def record_photo_size(name, width, height):
    """A photo saved before its size was stored gets it, so its pages can offer renditions."""
    with changes.change(None) as current:
        # update(), not save(): no editor changed anything, so nothing to audit or re-render;
        # the pages showing the author are refreshed as after ``rerender_markdown``.
        missing = Author.objects.filter(photo=name, photo_width__isnull=True)
        if missing.update(photo_width=width, photo_height=height):
            current.touched()


class Command(BaseCommand):
    help = "Write the responsive renditions of every hero image, author photo and body image again."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="only images whose renditions are not all there")

    def handle(self, *args, missing, verbosity, **options):
        images = images_to_render(default_storage)
        track = progress_for(self, verbosity)
        done, failed = 0, []
        for name, widths in track(images, total=len(images), description="Renditions", unit="image"):
            try:
                width, height = renditions.generate(name, widths, replace=not missing)
            except FileNotFoundError:
                failed.append(f"{name} (file missing)")
                continue
            except Exception as error:  # one damaged file must not stop the rest
                failed.append(f"{name} ({error})")
                continue
            done += 1
            if widths is renditions.PHOTO:
                record_photo_size(name, width, height)
        for problem in failed:
            self.stderr.write(f"Could not render {problem}")
        self.stdout.write(self.style.SUCCESS(f"Renditions in place for {done} of {len(images)} image(s)."))
