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
