#!/usr/bin/env bash
# Set everything up, then build the whole bundled edition into exports/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/teikit build "$@"
