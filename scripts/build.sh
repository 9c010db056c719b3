#!/usr/bin/env bash
# Set everything up, then build the whole bundled edition into exports/:
# the HTML site, the EPUB and the CSV indexes, the citation files, and the deposit bag.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/teikit build "$@"
.venv/bin/teikit cite
.venv/bin/teikit deposit
