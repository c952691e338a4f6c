"""Readers' feedback and the site's own pages (footer links), with who may see and change them.

The four pages are created here, with starting text, so the footer's links work on every
database from the first deploy; Publishers adapt the text (the email addresses are examples).
Editors and Publishers may read feedback and pages; only Publishers may change a page.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import markdownx.models
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import articles.content.rendering
from articles.content.rendering import render_markdown

CONTACT = """We are glad to hear from you, whether you have a question about an article, have spotted a \
mistake or would like to suggest something we should write about.

## Questions about an article

Email the editorial team at [editors@example.org](mailto:editors@example.org). Tell us which \
article you mean and what you would like to know. We aim to reply within ten working days.

## Found a mistake?

Please tell us. We check every report, and if the page is wrong we correct it.

## Worried about your health?

We cannot give medical advice by email. For questions about your own health or treatment, please \
speak to your GP, your hospital team or your breast care nurse. If you need help urgently, call \
NHS 111, or 999 in an emergency.

## Press and media

To talk to one of our researchers, email [press@example.org](mailto:press@example.org).
"""

PRIVACY = """This page explains what we collect when you use this website, and why.

## Reading articles

You can read every page without signing in. We set no cookies for readers, we use no advertising \
or tracking tools, and our pages load nothing from other companies' servers.

Like almost every website, our servers keep technical records of requests (for example which page \
was asked for, and when) so that we can keep the site running and secure. We keep them for a \
short time only.

## "Was this page useful?"

When you answer this question we keep your answer, any comment you write and the date. We do not \
keep your internet address. If you choose to give your email address, we use it only to reply to \
you about your comment.

To stop automated spam, we briefly count how many answers come from each connection. The count is \
kept under a scrambled code rather than your address, and it disappears after ten minutes.

## Donating

The donate button takes you to the charity's own donation pages, which have their own privacy \
notice. We count how many people press the button on each article, but not who they are.

## Your rights

You can ask us what information we hold about you, and ask us to correct or delete it: email \
[privacy@example.org](mailto:privacy@example.org). If you are unhappy with how we have handled \
your information, you can complain to the Information Commissioner's Office (ICO).
"""

ACCESSIBILITY = """We want everyone to be able to use this website, including people who use a screen \
reader, screen magnification, voice control or only a keyboard.

## What you should be able to do

- make text up to four times bigger without the page breaking
- reach every link and button with a keyboard alone
- hear every page read aloud by a screen reader, including descriptions of images
- read pages on a small phone without scrolling sideways
- read every page with JavaScript switched off

## How we check

We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Automated \
accessibility tests run on every change to the site, and we also try pages with a keyboard and a \
screen reader. Automated tests cannot find every problem, so we are grateful for reports.

## Tell us about a problem

If part of this site is hard to use, email [access@example.org](mailto:access@example.org) with \
the page and what went wrong. We will reply within five working days. If you need an article in \
another format, such as large print, ask us and we will do our best to help.

If you are not happy with our reply, you can contact the Equality Advisory and Support Service (EASS).
"""

HOW_WE_WRITE = """The articles on this site are written by scientists whose research the charity \
funds. They explain what they are working on, what they have found and what it could mean for \
people affected by breast cancer.

## Written to be understood

We aim for plain language: short sentences, everyday words, and any technical term explained \
the first time it appears. We check how easy each article is to read before it is published.

## Based on evidence

Each article lists its sources, such as published studies, trial results and guidance, so that \
you can see where the information comes from.

## Checked before it goes live

Our editorial team reads every article before it is published. Health information is also \
checked by someone with the right expertise, and the page says who reviewed it and when.

## Kept up to date

We review every article at least once every two years, and sooner if important new evidence \
appears. Each page shows when it was last reviewed and when the next review is due. If an article \
is no longer right, we update it or take it down.

## No advertising

We carry no advertising and nobody can pay to have a subject covered. The research described is \
paid for by the charity's supporters.

## Your views

At the foot of every article you can tell us whether it was useful. We read every answer, and \
the people reviewing a page see them.

## Not medical advice

Our articles explain research. They cannot tell you what is right for you: please talk to your \
doctor or breast care nurse about your own health and treatment.
"""

PAGES = [
    ("contact", "Contact us", CONTACT),
    ("privacy", "Privacy", PRIVACY),
    ("accessibility", "Accessibility statement", ACCESSIBILITY),
    ("how-we-write", "How we write our information", HOW_WE_WRITE),
]
EDITORS, PUBLISHERS = "Editors", "Publishers"
READ = ["view_feedback", "view_sitepage"]


def create_pages_and_permissions(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the groups can hold them.
    articles_config = apps.get_app_config("articles")
    articles_config.models_module = True
    create_permissions(articles_config, apps=apps, verbosity=0)
    articles_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    mine = Permission.objects.filter(content_type__app_label="articles")
    for name in (EDITORS, PUBLISHERS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*mine.filter(codename__in=READ))
    Group.objects.get(name=PUBLISHERS).permissions.add(*mine.filter(codename="change_sitepage"))

    SitePage = apps.get_model("articles", "SitePage")
    for slug, title, body in PAGES:
        SitePage.objects.get_or_create(
            slug=slug, defaults={"title": title, "body": body, "body_html": render_markdown(body)}
        )


def remove_pages(apps, schema_editor):
    apps.get_model("articles", "SitePage").objects.filter(slug__in=[slug for slug, _, _ in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_search_vocabulary"),
    ]

    operations = [
        migrations.CreateModel(
            name="SitePage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(editable=False, max_length=60, unique=True)),
                (
                    "title",
                    models.CharField(help_text="The page's heading, e.g. Accessibility statement.", max_length=120),
                ),
                (
                    "body",
                    markdownx.models.MarkdownxField(
                        help_text="Write in Markdown: ## for a heading, **bold**, *italic*, [link text](https://…), “- ” for a list. Drag a photo into the box to upload it; give every image a short description for people who cannot see it: ![what the image shows](…). The preview beside the box is exactly what readers will see.",
                        validators=[articles.content.rendering.validate_markdown_size],
                    ),
                ),
                ("body_html", models.TextField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
            ],
            options={
                "verbose_name": "site page",
                "ordering": ["title"],
            },
        ),
        migrations.CreateModel(
            name="Feedback",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("useful", models.BooleanField(verbose_name="found it useful")),
                ("comment", models.TextField(blank=True, max_length=1000)),
                (
                    "email",
                    models.EmailField(
                        blank=True, help_text="Only when the reader chose to leave one, to be answered.", max_length=254
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="sent")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="feedback", to="articles.article"
                    ),
                ),
            ],
            options={
                "verbose_name": "reader feedback",
                "verbose_name_plural": "reader feedback",
                "ordering": ["-created_at", "-id"],
                "indexes": [models.Index(fields=["article", "-created_at"], name="feedback_article_recent")],
                "constraints": [
                    models.CheckConstraint(
                        condition=django.db.models.lookups.LessThanOrEqual(
                            django.db.models.functions.text.Length("comment"), 1000
                        ),
                        name="feedback_comment_length",
                        violation_error_message="A comment may be at most 1,000 characters.",
                    )
                ],
            },
        ),
        migrations.RunPython(create_pages_and_permissions, remove_pages),
    ]
