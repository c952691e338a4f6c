from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q

from .fields import https_only


class DonationLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def default(self):
        return self.active().filter(is_default=True).first()


class DonationLink(models.Model):
    name = models.CharField(max_length=120, help_text="For editors only, e.g. “Secondary breast cancer appeal 2026”.")
    call_to_action = models.CharField(
        max_length=200,
        help_text="The sentence readers see, e.g. “Help fund research into stopping secondary breast cancer”.",
    )
    button_label = models.CharField(max_length=40, default="Donate")
    url = models.URLField(
        "web address", max_length=500, validators=[https_only], help_text="The donation page, starting with https://"
    )
    campaign = models.CharField(
        max_length=50,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", "Use letters, numbers, - and _ only, e.g. spring-appeal-26.")],
        help_text="A short code the fundraising team uses in reports.",
    )
    is_default = models.BooleanField(
        "site default",
        default=False,
        help_text="Shown on every article that has no link of its own. "
        "Ticking this takes over from the current default.",
    )
    is_active = models.BooleanField(default=True, help_text="Untick to stop showing this link anywhere.")

    objects = DonationLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_donation_link",
                violation_error_message="Only one donation link can be the site default.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.is_default and not self.is_active:
            raise ValidationError(
                {"is_active": "The site default must be active; make another link the default first."}
            )
        if not self.is_default and self.pk:
            was_default = DonationLink.objects.filter(pk=self.pk, is_default=True).exists()
            if was_default:
                raise ValidationError(
                    {"is_default": "There must always be a site default. Tick “site default” on another link instead."}
                )

    def validate_constraints(self, exclude=None):
        # Ticking "site default" hands the role over in save(), so the one-default rule
        # holds by construction; the database constraint still guards against races.
        exclude = set(exclude or ()) | {"is_default"}
        super().validate_constraints(exclude=exclude)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.is_default:
                DonationLink.objects.filter(is_default=True).exclude(pk=self.pk).update(is_default=False)
            super().save(*args, **kwargs)
