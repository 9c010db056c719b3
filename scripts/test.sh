#!/usr/bin/env bash
# Set everything up, then run the linters and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/mypy  # src/teikit, configured in pyproject.toml ([tool.mypy])
exec .venv/bin/python -m pytest "$@"
