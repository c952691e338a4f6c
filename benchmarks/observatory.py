"""Score the production response headers with the MDN HTTP Observatory, offline.

    .venv/bin/python benchmarks/observatory.py [--address 127.0.0.1]

Serves the demo site as production would (debug off, collected static files) on
https://ADDRESS:443 with a self-signed certificate made by openssl, and on http://ADDRESS:80
(which should redirect to https), then runs the Observatory's own scanner (npm package
``@mdn/mdn-http-observatory``, installed into a temporary folder outside the repository,
without its install scripts, which download lists from the internet) and prints the score,
the grade and every test's result. The Observatory takes a bare host name, so the ports
are the standard ones (needs root); pick another loopback address if they are taken.
Everything it makes lives in a temporary folder that is removed at the end.
"""

# The commands run are fixed tools (npm, openssl, node) with arguments built here, not input.
# ruff: noqa: S603, S607

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.scale.servers import Gunicorn, manage, production_env  # noqa: E402

PACKAGE = "@mdn/mdn-http-observatory@1"
DEFAULT_NPM_DIR = Path(tempfile.gettempdir()) / "research-voices-observatory"


def install_observatory(folder):
    scanner = folder / "node_modules" / "@mdn" / "mdn-http-observatory"
    if not scanner.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--ignore-scripts", PACKAGE],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    # Normally downloaded by the install script; no site on 127.0.0.1 is on the preload list.
    preload = scanner / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}")
    return scanner


def self_signed_certificate(folder, address):
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={address}"]
        + ["-addext", f"subjectAltName=IP:{address}", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", default="127.0.0.1", help="loopback address to serve on (ports 80 and 443)")
    parser.add_argument("--npm-dir", type=Path, default=DEFAULT_NPM_DIR, help="where the npm package is installed")
    parser.add_argument("--json", action="store_true", help="print the scanner's whole JSON answer too")
    args = parser.parse_args()

    scanner = install_observatory(args.npm_dir)
    scratch = Path(tempfile.mkdtemp(prefix="rv-observatory-"))
    try:
        cert, key = self_signed_certificate(scratch, args.address)
        env = production_env(
            host=args.address,
            DATABASE_URL=f"sqlite:///{scratch / 'site.sqlite3'}",
            DJANGO_STATIC_ROOT=scratch / "static",
            MEDIA_ROOT=scratch / "media",
            DJANGO_SECURE_SSL_REDIRECT="true",
        )
        env.pop("REDIS_URL", None)
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["seed_demo"]):
            manage(*command, env=env)
        https = Gunicorn(443, env, host=args.address, extra_args=["--certfile", str(cert), "--keyfile", str(key)])
        http = Gunicorn(80, env, host=args.address)
        with https, http:
            result = subprocess.run(
                ["node", str(scanner / "src" / "scan.js"), args.address],
                env={**os.environ, "NODE_EXTRA_CA_CERTS": str(cert)},
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report = json.loads(result.stdout or "{}")
    if "scan" not in report:
        sys.exit(f"The scan failed: {result.stdout} {result.stderr}")
    if args.json:
        print(json.dumps(report, indent=2))
    scan = report["scan"]
    print(
        f"MDN HTTP Observatory on https://{args.address}/: score {scan['score']}, grade {scan['grade']}, "
        f"{scan['testsPassed']}/{scan['testsQuantity']} tests passed"
    )
    for name, test in sorted(report["tests"].items()):
        print(f"  {test['scoreModifier']:+4d}  {'pass' if test['pass'] else 'FAIL'}  {name}: {test['result']}")


if __name__ == "__main__":
    main()
