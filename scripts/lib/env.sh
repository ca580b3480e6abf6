# Sourced by the scripts: create .venv when missing and install the project (and extras) into it.
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"

ensure_env() {
  local extras="${1:-}"
  local python="${PYTHON:-python3}"
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> 创建 Python 虚拟环境 .venv"
    "$python" -m venv "$VENV"
  fi
  local spec="$ROOT"
  [ -n "$extras" ] && spec="$ROOT[$extras]"
  local stamp="$VENV/.healthpress-installed-${extras:-base}"
  local digest
  digest="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    echo "==> 安装 healthpress 及其依赖${extras:+（$extras）}"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec"
    echo "$digest" > "$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}

# Pagefind 1.6 segments Chinese the same way when indexing and when searching (1.5.2, the newest on
# PyPI, does not: its 医改 results are wrong). Until PyPI has 1.6, take the binary from npm into
# .cache/ and point the Python API at it; without npm the build falls back to PyPI's 1.5.2.
PAGEFIND_VERSION=1.6.0
ensure_pagefind() {
  local platform
  case "$(uname -m)" in
    x86_64) platform=linux-x64 ;;
    aarch64) platform=linux-arm64 ;;
    *) return 0 ;;
  esac
  local dir="$ROOT/.cache/pagefind-npm"
  local binary="$dir/node_modules/@pagefind/$platform/bin/pagefind_extended"
  if [ ! -x "$binary" ] && command -v npm >/dev/null; then
    echo "==> 安装 Pagefind $PAGEFIND_VERSION（中文搜索索引，放在 .cache/）"
    npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$dir" \
      "@pagefind/$platform@$PAGEFIND_VERSION" || echo "（npm 安装失败，改用 PyPI 的 Pagefind）"
  fi
  if [ -x "$binary" ]; then
    export PAGEFIND_BINARY_PATH="$binary"
  else
    echo "（没有 npm：搜索索引用 PyPI 的 Pagefind 1.5.2，中文结果的排序较差）"
  fi
}
