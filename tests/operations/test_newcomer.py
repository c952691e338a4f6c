"""What a newcomer types: `make run PORT=...`, and the printed password hint."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import skip_or_fail

PROJECT = Path(__file__).resolve().parent.parent.parent


def dry_run(*variables):
    make = shutil.which("make")
    if make is None:
        skip_or_fail("needs make (apt-get install make)")
    # Not the flags of a `make test` this suite may be running under.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    result = subprocess.run(
        [make, "-n", "run", *variables], cwd=PROJECT, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout


def test_make_run_serves_on_the_port_given_and_prints_the_admin_address_there():
    commands = dry_run("PORT=8001")
    assert "runserver 127.0.0.1:8001" in commands
    assert "ensure_demo_admin --admin-url http://127.0.0.1:8001/admin/" in commands
    assert "Serving on http://127.0.0.1:8001" in commands
    assert "8000" not in commands


def test_make_run_takes_a_host_too():
    commands = dry_run("HOST=localhost", "PORT=9001")
    assert "runserver localhost:9001" in commands
    assert "--admin-url http://localhost:9001/admin/" in commands


def test_make_run_defaults_to_port_8000():
    assert "runserver 127.0.0.1:8000" in dry_run()


def run_as_printed(command_line, *extra):
    """Run a printed shell line (``VAR=value program args``) from the project folder, as a newcomer would."""
    words = command_line.split()
    assignments = {}
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        assignments[name] = value
    if not (PROJECT / words[0]).exists():
        skip_or_fail(f"needs the project's virtualenv at {words[0]} (make .venv/.installed-dev)")
    # A newcomer's shell has none of the test suite's settings.
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    return subprocess.run(
        [*words, *extra], cwd=PROJECT, env={**env, **assignments}, capture_output=True, text=True, timeout=60
    )


@pytest.mark.django_db
def test_password_hint_on_a_second_run_gives_a_command_that_works_as_printed(settings, capsys):
    settings.DEBUG = True
    call_command("ensure_demo_admin", "--admin-url", "http://127.0.0.1:8001/admin/")
    capsys.readouterr()
    call_command("ensure_demo_admin", "--admin-url", "http://127.0.0.1:8001/admin/")
    hint = capsys.readouterr().out
    assert hint.startswith("Admin: http://127.0.0.1:8001/admin/")
    printed = hint.split("password? ")[1].split(").")[0]
    assert printed == "DJANGO_DEBUG=true .venv/bin/python manage.py changepassword admin"

    result = run_as_printed(printed, "--help")  # --help: the real command would ask for a password
    assert result.returncode == 0, result.stderr
    assert "usage: manage.py changepassword" in result.stdout
    # Without debug mode the settings refuse to start, which is why the hint includes it.
    assert run_as_printed(printed.removeprefix("DJANGO_DEBUG=true "), "--help").returncode != 0
