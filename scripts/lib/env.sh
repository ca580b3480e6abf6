# Sourced by the scripts: create the engine's venv when missing and install the project (and extras)
# into it, with exactly the versions the test suite ran against (requirements/ENGINE.lock.txt, as pip
# constraints). Re-installs only when pyproject.toml or the lock file changed since the last install.
#
# HEALTHPRESS_ENGINE picks the engine, each in its own venv so both can stay installed:
#   mkdocs (the default)  MkDocs 1.6, in .venv
#   properdocs            ProperDocs 1.6, MkDocs' maintained continuation, in .venv-properdocs
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ENGINE="${HEALTHPRESS_ENGINE:-mkdocs}"
case "$ENGINE" in
  mkdocs) VENV="$ROOT/.venv" ENGINE_EXTRA="" ;;
  properdocs) VENV="$ROOT/.venv-properdocs" ENGINE_EXTRA="properdocs" ;;
  *) echo "HEALTHPRESS_ENGINE 只能是 mkdocs（默认）或 properdocs，现在是“$ENGINE”" >&2; exit 2 ;;
esac
LOCK="$ROOT/requirements/$ENGINE.lock.txt"

ensure_env() {
  local extras="${1:-}"
  local python="${PYTHON:-python3}"
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> 创建 Python 虚拟环境 ${VENV#"$ROOT/"}"
    "$python" -m venv "$VENV"
  fi
  local wanted="${extras}${extras:+${ENGINE_EXTRA:+,}}${ENGINE_EXTRA}"
  local spec="$ROOT"
  [ -n "$wanted" ] && spec="$ROOT[$wanted]"
  local stamp="$VENV/.healthpress-installed-${extras:-base}"
  local digest
  digest="$(cat "$ROOT/pyproject.toml" "$LOCK" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    echo "==> 安装 healthpress 及其依赖${wanted:+（$wanted）}，版本见 requirements/$ENGINE.lock.txt"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c "$LOCK" -e "$spec"
    echo "$digest" > "$stamp"
  fi
  if [ "$ENGINE" = properdocs ]; then
    _use_properdocs
  fi
  export PATH="$VENV/bin:$PATH"
}

# material requires the `mkdocs` package, so ProperDocs' venv holds MkDocs too, and healthpress, its
# tests and material import `mkdocs.*`: this .pth file makes those imports resolve to ProperDocs at every
# start of the venv's Python (healthpress build, pytest, the processes they start), as ProperDocs' own
# command does for itself (src/healthpress/engine/choice.py).
_use_properdocs() {
  local pth line
  pth="$(echo "$VENV"/lib/python3*/site-packages)/healthpress-properdocs.pth"
  line='import importlib.util; importlib.util.find_spec("healthpress") and __import__("healthpress.engine.choice", fromlist=["*"]).use_properdocs()'
  if [ ! -f "$pth" ] || [ "$(cat "$pth")" != "$line" ]; then
    echo "$line" > "$pth"
  fi
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
