"""JSON log lines carry the request id; security events are logged at WARNING."""

import io
import json
import logging

import pytest

from articles.operations.request_id import JsonFormatter
from tests.images import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the production console handler writes, one parsed JSON object per line."""
    handler = next(h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter))
    stream = io.StringIO()
    previous = handler.setStream(stream)

    def lines():
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    handler.setStream(previous)


def test_response_carries_a_fresh_request_id(client):
    first, second = client.get("/")["X-Request-ID"], client.get("/")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_a_safe_incoming_id_is_kept(client):
    response = client.get("/", HTTP_X_REQUEST_ID="lb-7f3a9c2e-0001")
    assert response["X-Request-ID"] == "lb-7f3a9c2e-0001"


@pytest.mark.parametrize(
    "hostile",
    [
        'x" level=CRITICAL msg="forged',
        "abc\r\nX-Injected: 1",
        "<script>alert(1)</script>",
        "a" * 65,
        "",
    ],
)
def test_an_unsafe_incoming_id_is_replaced(client, hostile, log_lines):
    response = client.get("/", HTTP_X_REQUEST_ID=hostile)
    assert response["X-Request-ID"] != hostile
    assert len(response["X-Request-ID"]) == 32
    assert all(line["request_id"] == response["X-Request-ID"] for line in log_lines())


def test_every_log_line_of_a_request_carries_its_id(client, log_lines):
    client.get("/articles/", HTTP_X_REQUEST_ID="req-one")
    client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-two")
    lines = log_lines()
    by_id = {
        request_id: [line for line in lines if line["request_id"] == request_id]
        for request_id in ("req-one", "req-two")
    }
    assert [line["message"] for line in by_id["req-one"]] == ["GET /articles/ 200"]
    # The 404 is logged by Django itself as well as by the access line: both carry the id.
    assert {line["logger"] for line in by_id["req-two"]} == {"django.request", "access"}
    assert all(set(line) >= {"time", "level", "logger", "message", "request_id"} for line in lines)
    assert all("request" not in line for line in lines)


def test_log_lines_never_hold_the_query_string(client, log_lines):
    client.get("/search/?q=my+diagnosis")
    client.get("/no-such-page/?q=my+diagnosis")
    assert len(log_lines()) == 3
    assert "diagnosis" not in json.dumps(log_lines())


def test_logs_outside_a_request_have_no_id(log_lines):
    logging.getLogger("articles").warning("from a command")
    assert log_lines()[-1]["request_id"] == "-"


def test_refused_permission_is_a_security_warning(client, django_user_model, log_lines):
    user = django_user_model.objects.create_user("intern", password="a-long-password-1", is_staff=True)
    client.force_login(user)
    response = client.post("/editor/markdownify/", {"content": "x"}, HTTP_X_REQUEST_ID="probe-403")
    assert response.status_code == 403
    [event] = [line for line in log_lines() if line["logger"] == "security"]
    assert event["level"] == "WARNING"
    assert event["message"] == "permission refused"
    assert event["user_id"] == user.pk
    assert event["path"] == "/editor/markdownify/"
    assert event["request_id"] == "probe-403"


def test_refused_upload_is_a_security_warning(editor_client, editor_user, log_lines):
    response = editor_client.post(
        "/editor/upload/", {"image": upload(b"<html><script>alert(1)</script>", name="evil.png")}
    )
    assert response.status_code == 400
    [event] = [line for line in log_lines() if line["logger"] == "security"]
    assert event["level"] == "WARNING"
    assert event["message"] == "upload refused"
    assert event["user_id"] == editor_user.pk
    assert event["reason"] == response.json()["error"]
    assert "<script>" not in json.dumps(event)
