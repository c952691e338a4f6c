"""Staff sign-in in Chromium: password plus a real code, setting up the app, and the lockout page.

Each new page is watched for Content-Security-Policy violations and console errors; the
lockout page, which anyone can reach, is also checked with axe-core.
"""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp

from tests.accounts.helpers import add_app, code_for
from tests.browser.admin_editor import EDITOR_PASSWORD
from tests.browser.page_problems import PageProblems, axe_report

try:
    from playwright.sync_api import expect
except ImportError:  # The browser fixture then skips or fails with an installation hint.
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADMIN_HOME = "Articles, authors and donation links"


@pytest.fixture
def two_factor_required(settings):
    settings.REQUIRE_2FA = True


def enter_password(page, user, password=EDITOR_PASSWORD):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def assert_no_problems(problems):
    assert problems.csp_violations == []
    assert problems.console_errors == []


def test_publisher_signs_in_with_password_and_a_code_from_the_app(
    page, page_problems, publisher_user, two_factor_required
):
    device = add_app(publisher_user)
    enter_password(page, publisher_user)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=ADMIN_HOME)).to_be_visible()

    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_text("Two-factor sign-in is on for your account")).to_be_visible()
    assert_no_problems(page_problems)
    assert page_problems.failed_requests == []


def test_publisher_sets_up_the_app_by_typing_the_key(page, page_problems, publisher_user, two_factor_required):
    enter_password(page, publisher_user)
    expect(page.get_by_text("you need to set up two-factor sign-in")).to_be_visible()
    expect(page.locator("svg.qr-code")).to_be_visible()
    # What a person with an app that cannot scan does: type the key shown under the QR code.
    key = b32decode(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.get_by_label("Code from the app").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    page.get_by_role("link", name="I have kept them: go to the admin").click()
    expect(page.get_by_role("heading", name=ADMIN_HOME)).to_be_visible()
    assert_no_problems(page_problems)


def test_lockout_page_is_clear_accessible_and_runs_nothing_inline(page, page_problems, editor_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        enter_password(page, editor_user, "wrong-guess")
    expect(page.get_by_role("heading", name="Sign-in is paused for a while")).to_be_visible()
    assert "In 15 minutes" in page.locator("main").inner_text()
    assert page_problems.csp_violations == []
    # The 429 answer itself is reported by Chromium; nothing else may be.
    assert [e for e in page_problems.console_errors if "status of 429" not in e] == []
    assert axe_report(page) == ""


def test_superuser_unlocks_from_the_locked_sign_ins_page(new_context, editor_user, django_user_model, settings):
    chief_user = django_user_model.objects.create_superuser("chief", "chief@example.org", EDITOR_PASSWORD)
    chief = new_context().new_page()
    chief_problems = PageProblems(chief)
    enter_password(chief, chief_user)
    expect(chief.get_by_role("heading", name=ADMIN_HOME)).to_be_visible()

    editor = new_context().new_page()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        enter_password(editor, editor_user, "wrong-guess")
    expect(editor.get_by_role("heading", name="Sign-in is paused for a while")).to_be_visible()

    chief.get_by_role("link", name="Locked sign-ins").click()
    chief.get_by_role("button", name="Unlock account editor").click()
    expect(chief.get_by_text("Unlocked the account “editor”")).to_be_visible()
    # The address was paused by the same failed attempts, which are now forgotten.
    expect(chief.get_by_text("No account is locked.")).to_be_visible()
    expect(chief.get_by_text("No address is locked.")).to_be_visible()
    assert_no_problems(chief_problems)
    assert axe_report(chief) == ""

    enter_password(editor, editor_user)
    expect(editor.get_by_role("heading", name=ADMIN_HOME)).to_be_visible()
