"""Donation links may only lead to the charity's donation platform; redirect targets keep their query."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.donations.hosts import campaign_url, validate_donation_url
from articles.models import DonationLink
from tests.factories import DonationLinkFactory

ALLOWED = "https://breastcancernow.org/donate/"


@pytest.fixture(autouse=True)
def allowed_hosts(settings):
    settings.DONATION_ALLOWED_HOSTS = ["breastcancernow.org", ".give.example.org"]


def refusal(url):
    with pytest.raises(ValidationError) as error:
        validate_donation_url(url)
    return " ".join(error.value.messages)


def test_address_on_the_allowed_host_is_accepted():
    assert validate_donation_url(ALLOWED) is None


def test_host_is_compared_without_regard_to_case_or_trailing_dot():
    assert validate_donation_url("https://BreastCancerNow.ORG./donate/") is None


def test_leading_dot_entry_allows_subdomains():
    assert validate_donation_url("https://appeal.give.example.org/") is None


def test_plain_http_is_refused():
    assert "must start with https://" in refusal("http://breastcancernow.org/donate/")


def test_javascript_url_is_refused():
    assert "must start with https://" in refusal("javascript:alert(document.cookie)//breastcancernow.org")


def test_data_url_is_refused():
    assert "must start with https://" in refusal("data:text/html,<script>alert(1)</script>")


def test_other_host_is_refused_naming_the_allowed_ones():
    assert "(breastcancernow.org, .give.example.org); “evil.example” is not one of them" in refusal(
        "https://evil.example/donate/"
    )


def test_host_that_merely_ends_with_the_allowed_name_is_refused():
    assert "is not one of them" in refusal("https://notbreastcancernow.org/")


def test_allowed_name_as_a_subdomain_of_another_site_is_refused():
    assert "is not one of them" in refusal("https://breastcancernow.org.evil.example/")


def test_credentials_in_the_address_are_refused():
    assert "sign-in details" in refusal("https://breastcancernow.org@evil.example/donate/")


def test_user_and_password_in_the_address_are_refused():
    assert "sign-in details" in refusal("https://user:secret@breastcancernow.org/donate/")


def test_explicit_port_is_refused():
    assert "Remove “:8443”" in refusal("https://breastcancernow.org:8443/donate/")


def test_cyrillic_lookalike_host_is_refused():
    # The "о" in "now" is Cyrillic U+043E.
    message = refusal("https://breastcancern\u043ew.org/donate/")
    assert "letters from another alphabet" in message


def test_cyrillic_lookalike_message_names_the_real_host():
    assert "xn--breastcancernw-7zl.org" in refusal("https://breastcancern\u043ew.org/donate/")


def test_fullwidth_letters_that_normalise_to_the_allowed_host_are_refused():
    assert "look-alike characters" in refusal("https://\uff42reastcancernow.org/donate/")


def test_punycode_of_a_lookalike_is_refused():
    assert "is not one of them" in refusal("https://xn--breastcancernw-7zl.org/donate/")


def test_unicode_host_is_accepted_when_its_idna_form_is_allowed(settings):
    settings.DONATION_ALLOWED_HOSTS = ["spenden.bücher.example"]
    assert validate_donation_url("https://spenden.xn--bcher-kva.example/") is None


def test_admin_shows_the_refusal_on_the_address_field(admin_client):
    response = admin_client.post(
        reverse("admin:articles_donationlink_add"),
        {
            "name": "Phishing test",
            "call_to_action": "Give",
            "button_label": "Donate",
            "url": "https://evil.example/donate/",
            "campaign": "test",
            "is_active": "on",
        },
    )
    assert "“evil.example” is not one of them" in response.content.decode()


def test_admin_refusal_saves_nothing(admin_client):
    admin_client.post(
        reverse("admin:articles_donationlink_add"),
        {
            "name": "x",
            "call_to_action": "Give",
            "button_label": "Donate",
            "url": "http://evil.example/",
            "campaign": "t",
        },
    )
    assert not DonationLink.objects.filter(name="x").exists()


def query_of(url):
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def test_campaign_parameters_are_added():
    assert query_of(campaign_url(ALLOWED, "spring-26", "neutrophils")) == [
        ("utm_source", "research-voices"),
        ("utm_medium", "website"),
        ("utm_campaign", "spring-26"),
        ("utm_content", "neutrophils"),
    ]


def test_existing_query_is_kept_before_campaign_parameters():
    url = campaign_url("https://breastcancernow.org/donate/?appeal=secondary&amount=10", "spring-26", "a")
    assert query_of(url)[:2] == [("appeal", "secondary"), ("amount", "10")]


def test_existing_utm_parameters_are_replaced_not_repeated():
    url = campaign_url("https://breastcancernow.org/donate/?utm_campaign=old&utm_source=x", "spring-26", "a")
    assert [value for key, value in query_of(url) if key == "utm_campaign"] == ["spring-26"]


def test_path_and_fragment_are_kept():
    url = campaign_url("https://breastcancernow.org/donate/monthly/?a=1#form", "c")
    assert (urlsplit(url).path, urlsplit(url).fragment) == ("/donate/monthly/", "form")


def test_encoded_characters_in_existing_query_survive():
    url = campaign_url("https://breastcancernow.org/donate/?note=caf%C3%A9%20%26%20more", "c")
    assert ("note", "café & more") in query_of(url)


def test_no_article_means_no_utm_content():
    assert "utm_content" not in dict(query_of(campaign_url(ALLOWED, "c")))


@pytest.mark.django_db
def test_model_validation_uses_the_allow_list():
    link = DonationLinkFactory.build(url="https://evil.example/")
    with pytest.raises(ValidationError, match="is not one of them"):
        link.full_clean()


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example\\.breastcancernow.org/",
        "https://breastcancernow.org\\@evil.example/",
        "https://evil.example%2F.breastcancernow.org/",
        "https:/\\evil.example/",
        "https://[::1]/donate/",
        "https://127.0.0.1/donate/",
        "https:///breastcancernow.org/",
        "//breastcancernow.org/donate/",
    ],
)
def test_addresses_that_parsers_read_differently_are_refused(url):
    with pytest.raises(ValidationError):
        validate_donation_url(url)
