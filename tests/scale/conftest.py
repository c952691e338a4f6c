"""A real S3 API on 127.0.0.1 (moto's server mode) for the object storage tests."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest

from tests.scale.servers import Gunicorn, free_port, manage, production_env

S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "scale-tests", "AWS_SECRET_ACCESS_KEY": "scale-tests-secret"}
REGION = "eu-west-2"


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server in a subprocess on a free port, stopped after the session."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url, timeout=1).close()  # noqa: S310 - 127.0.0.1 only
                break
            except urllib.error.HTTPError:
                break  # answering, even if with an error
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto's S3 server did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_client(s3_endpoint):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )


@pytest.fixture
def s3_bucket(s3_client, s3_endpoint, settings):
    """A new, empty bucket that the site's default storage now writes to."""
    name = f"rv-media-{uuid.uuid4().hex[:12]}"
    s3_client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "site_project.storage.MediaS3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": REGION,
                "access_key": S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
                "secret_key": S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            },
        },
    }
    return name


def bucket_keys(s3_client, bucket):
    return sorted(item["Key"] for item in s3_client.list_objects_v2(Bucket=bucket).get("Contents", []))


def server_database_url():
    """The database pytest-django made for this run, as a URL a server process can use."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Production serves fingerprinted static files: collect them once for every server."""
    folder = tmp_path_factory.mktemp("static")
    manage("collectstatic", "--noinput", env=production_env(DJANGO_STATIC_ROOT=folder))
    return folder


@pytest.fixture
def start_server(transactional_db, collected_static, tmp_path):
    """``start_server(workers=1)`` runs a production gunicorn on the test database; all stop after the test."""
    from articles.discovery.search import clear_search_index, rebuild_search_index

    # The search index tables are unmanaged, so the flush between tests that commit leaves
    # their rows behind: start and end with an index that matches the articles.
    rebuild_search_index()
    started = []

    def start(workers=1, **env):
        port = free_port()
        defaults = {
            "DATABASE_URL": server_database_url(),
            "REDIS_URL": os.environ.get("REDIS_URL", ""),
            "DJANGO_STATIC_ROOT": collected_static,
            "MEDIA_ROOT": tmp_path / "media",
        }
        server_env = production_env(**{**defaults, **env})
        server = Gunicorn(port, server_env, workers=workers, log=tmp_path / f"gunicorn-{port}.log")
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()
    clear_search_index()
