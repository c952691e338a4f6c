"""What one sign-in attempt costs the server before and after the lockout.

Uses Django's real password hasher (PBKDF2, as in production; the tests use a fast one) on a
throw-away test database on whatever DATABASE_URL points at, e.g.

    .venv/bin/python benchmarks/login_lockout.py

and prints the median time of a wrong-password POST to the admin login while it is still
answered, then of wrong and right passwords once the sign-in is locked out (refused before
hashing, so they should cost a small fraction).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.test_settings")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
PASSWORD = "a-long-password-1"  # noqa: S105 - a throw-away test database


def median_ms(client, username, password, rounds, expect):
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.post("/admin/login/", {"username": username, "password": password})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == expect, response.status_code
    return statistics.median(timings)


def main():
    setup_test_environment()
    test_db = connection.creation.create_test_db(verbosity=0)
    try:
        get_user_model().objects.create_user("editor", "editor@example.org", PASSWORD, is_staff=True)
        limit = settings.AXES_FAILURE_LIMIT
        print(f"database: {connection.vendor}; hasher: PBKDF2; lockout after {limit} failures")
        # Each wrong guess below the limit comes from a fresh address, so none is locked yet.
        before = []
        for number in range(ROUNDS):
            client = Client(REMOTE_ADDR=f"198.51.100.{number + 1}")
            before.append(median_ms(client, f"someone{number}", "wrong-guess", 1, 200))
        print(f"wrong password, not locked out:  median {statistics.median(before):7.1f} ms")

        attacker = Client(REMOTE_ADDR="203.0.113.9")
        median_ms(attacker, "editor", "wrong-guess", limit - 1, 200)
        median_ms(attacker, "editor", "wrong-guess", 1, 429)
        locked_wrong = median_ms(attacker, "editor", "another-guess", ROUNDS, 429)
        locked_right = median_ms(attacker, "editor", PASSWORD, ROUNDS, 429)
        print(f"wrong password, locked out:      median {locked_wrong:7.1f} ms")
        print(f"right password, locked out:      median {locked_right:7.1f} ms")
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
