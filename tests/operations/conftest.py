import pytest

from tests.conftest import skip_or_fail
from tests.operations.varnish import Varnish, varnishd_path
from tests.scale.conftest import collected_static, start_server  # noqa: F401 - real gunicorn servers


@pytest.fixture
def start_varnish():
    """``start_varnish(backend_port, purge_port=None)`` runs Varnish with the project's VCL; all stop after the test."""
    if not varnishd_path():
        skip_or_fail("varnishd is missing: apt-get install -y varnish (CI installs it)")
    started = []

    def start(backend_port, purge_port=None):
        proxy = Varnish(backend_port, purge_port)
        started.append(proxy)
        return proxy.start()

    yield start
    for proxy in started:
        proxy.stop()
