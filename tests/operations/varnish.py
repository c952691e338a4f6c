"""A real varnishd with the project's VCL (deploy/varnish/) in front of a backend on 127.0.0.1.

Started in its own process group and stopped by that group's id, so a failing test never leaves
a cache process behind. The VCL is used as shipped, except for the backend's port.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.scale.servers import PROJECT, free_port

VCL = PROJECT / "deploy" / "varnish" / "research-voices.vcl"


def varnishd_path():
    return shutil.which("varnishd") or next(
        (path for path in ("/usr/sbin/varnishd", "/usr/local/sbin/varnishd") if os.path.exists(path)), None
    )


class Varnish:
    """``with Varnish(backend_port) as proxy:`` caches in front of that port until the block ends."""

    def __init__(self, backend_port, purge_port=None):
        self.backend_port = backend_port
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.purge_port = purge_port or free_port()  # the listener named "purge", the only one taking bans
        self.purge_url = f"http://127.0.0.1:{self.purge_port}/"
        self.process = None

    def start(self, timeout=30):
        # Its own folder outside pytest's (which is private to this user): varnishd's workers read it.
        self.folder = Path(tempfile.mkdtemp(prefix="rv-varnish-"))
        self.folder.chmod(0o755)
        vcl = self.folder / "site.vcl"
        vcl.write_text(re.sub(r'\.port = "\d+";', f'.port = "{self.backend_port}";', VCL.read_text(), count=1))
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [
                varnishd_path(),
                "-F",  # stay in the foreground, so the process group holds manager and child
                "-n",
                str(self.folder / "state"),
                "-a",
                f"public=127.0.0.1:{self.port}",
                "-a",
                f"purge=127.0.0.1:{self.purge_port}",
                "-f",
                str(vcl),
                "-s",
                "malloc,64m",
                "-p",
                "default_grace=0",  # only what the page's Cache-Control allows
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.folder / "varnishd.log", "wb"),  # noqa: SIM115 - kept open while it runs
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited: {(self.folder / 'varnishd.log').read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"varnishd did not answer within {timeout} s")

    def stop(self):
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
