#!/usr/bin/env bash
# Shared by scripts/demo and scripts/test: find or install uv (pinned), then sync the
# locked environment. Needs only Python 3.11 and the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.9.5
if ! command -v uv >/dev/null 2>&1 || [ "$(uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  if [ ! -x .tools/bin/uv ]; then
    python3 -m venv .tools
    .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
  fi
  export PATH="$PWD/.tools/bin:$PATH"
fi
uv sync --frozen --quiet
