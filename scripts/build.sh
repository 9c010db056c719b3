#!/usr/bin/env bash
# Set everything up, then build the whole bundled edition into exports/:
# the HTML site, the EPUB and the CSV indexes, the citation files, and the deposit bag.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# One command for the whole job (validate, check, build, cite, deposit): the edition is parsed
# once, each stylesheet compiled once, and both cores work (docs/cli.md, docs/performance.md).
.venv/bin/teikit build --validate --check --cite --deposit "$@"
