#!/usr/bin/env bash
# Renders slides/workshop.md into slides/dist/workshop.html, one file that needs no network.
# reveal.js comes from the mkslides wheel on PyPI, fetched into slides/.cache/ on first use.
set -euo pipefail
cd "$(dirname "$0")"
exec python3 scripts/build.py "$@"
