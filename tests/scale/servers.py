"""Real gunicorn servers for the scale-out tests and the benchmarks, on 127.0.0.1 only.

Each server is started in its own process group and stopped by that group's id, so a
test that fails half-way never leaves a worker behind.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent.parent
TEST_SECRET_KEY = "scale-tests-only-secret-key-9f3b1c7d2e8a4f6b0c5d9e1a7b3c8d2f4e6a0b9c"  # noqa: S105


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def production_env(host="127.0.0.1", **extra):
    """The environment of a production server (debug off, test secrets) plus ``extra``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "site_project.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": TEST_SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": host,
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            # The test Publishers sign in with a password only; two-factor sign-in has its own tests.
            "DJANGO_REQUIRE_2FA": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(*args, env, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, check=check
    )


class Gunicorn:
    """``with Gunicorn(port, env) as server:`` serves the site until the block ends."""

    def __init__(self, port, env, host="127.0.0.1", workers=1, log=None, extra_args=(), scheme="http"):
        self.host, self.port, self.env, self.workers = host, port, env, workers
        self.extra_args = list(extra_args)
        self.scheme = scheme
        self.log = log
        self.process = None

    @property
    def url(self):
        return f"{self.scheme}://{self.host}:{self.port}"

    def start(self, timeout=30):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        output = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 - closed in stop()
        self._output = output
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "site_project.wsgi",
                "--bind",
                f"{self.host}:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
                *self.extra_args,
            ],
            cwd=PROJECT,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_until_answering(timeout)
        return self

    def wait_until_answering(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on port {self.port} exited with {self.process.returncode}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn on port {self.port} did not answer within {timeout} s")

    def worker_pids(self):
        """The master's live worker processes (read from /proc, Linux only)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
        if self._output is not subprocess.DEVNULL:
            self._output.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def get(url, timeout=10, headers=None):
    """GET ``url``; returns (status, body text), with 4xx/5xx answers returned, not raised."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - 127.0.0.1 only
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
