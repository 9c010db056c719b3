#!/usr/bin/env bash
# Set everything up, then build the whole bundled edition into exports/:
# the HTML site, the EPUB and the CSV indexes, the citation files, and the deposit bag.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# One process for the whole job: the edition is parsed once, each stylesheet compiled once.
.venv/bin/teikit build --cite --deposit "$@"
