from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.donations.hosts import validate_donation_url


class DonationLinkQuerySet(models.QuerySet):
    def active(self, at=None):
        """Links that may be shown: switched on and, if dated, within their campaign period."""
        at = at or timezone.now()
        return self.filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=at),
            Q(ends_at__isnull=True) | Q(ends_at__gt=at),
            is_active=True,
        )

    def default(self, at=None):
        """The site default link, whatever its switch and dates say.

        Pages must never lose their donation call: ``DonationLink.clean`` refuses dates on the
        default and unticking it, and this keeps pages right for rows changed without the form
        (an older row, a bulk update). ``at`` is accepted for symmetry with ``active``.
        """
        return self.filter(is_default=True).first()


class DonationLink(models.Model):
    name = models.CharField(max_length=120, help_text="For editors only, e.g. “Secondary breast cancer appeal 2026”.")
    call_to_action = models.CharField(
        max_length=200,
        help_text="The sentence readers see, e.g. “Help fund research into stopping secondary breast cancer”.",
    )
    button_label = models.CharField(max_length=40, default="Donate")
    url = models.URLField(
        "web address",
        max_length=500,
        validators=[validate_donation_url],
        help_text="The donation page on the charity's donation platform, starting with https://",
    )
    campaign = models.CharField(
        max_length=50,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", "Use letters, numbers, - and _ only, e.g. spring-appeal-26.")],
        help_text="A short code the fundraising team uses in reports.",
    )
    is_default = models.BooleanField(
        "site default",
        default=False,
        help_text="Shown on every article that has no link of its own or from its topic. "
        "Ticking this takes over from the current default.",
    )
    is_active = models.BooleanField(default=True, help_text="Untick to stop showing this link anywhere.")
    starts_at = models.DateTimeField(
        "campaign starts", null=True, blank=True, help_text="Optional. The link is not shown before this date and time."
    )
    ends_at = models.DateTimeField(
        "campaign ends", null=True, blank=True, help_text="Optional. The link stops being shown at this date and time."
    )

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
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="donation_campaign_ends_after_start",
                violation_error_message="The campaign must end after it starts.",
            ),
        ]

    def __str__(self):
        return self.name

    def is_live(self, at=None):
        """The Python twin of ``DonationLinkQuerySet.active()``, for links already loaded."""
        at = at or timezone.now()
        return (
            self.is_active
            and (self.starts_at is None or self.starts_at <= at)
            and (self.ends_at is None or self.ends_at > at)
        )

    def clean(self):
        super().clean()
        if self.is_default and not self.is_active:
            raise ValidationError(
                {"is_active": "The site default must be active; make another link the default first."}
            )
        if self.is_default and (self.starts_at or self.ends_at):
            message = (
                "The site default is shown whenever no other campaign applies, so it cannot have campaign "
                "dates (they would leave pages without a donation call). Clear the dates, or tick “site "
                "default” on another link first and then date this one."
            )
            dated = [name for name in ("starts_at", "ends_at") if getattr(self, name)]
            raise ValidationError(dict.fromkeys(dated, message))
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
