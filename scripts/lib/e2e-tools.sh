# Sourced by scripts/test after lib/env.sh: the programs the end-to-end tests (tests/e2e) drive,
# each installed only when it is missing, so a second run costs a few checks.
#   Debian: nginx, chromium, a Java runtime (for vnu.jar), npm, a CJK font for the screenshots
#   npm:    axe-core and vnu-jar, pinned in tests/e2e/package-lock.json, into tests/e2e/node_modules
#   PyPI:   Playwright for Python, pinned in pyproject.toml's `test` extra (installed by ensure_env)
# Never `playwright install`: it downloads a browser build, which cannot be fetched here; the tests
# drive Debian's /usr/bin/chromium instead.

source "$ROOT/scripts/lib/apt.sh"
E2E_DIR="$ROOT/tests/e2e"

_e2e_has_nginx() { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }
_e2e_has_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null)" ]; }

_e2e_npm_ci() {
  local modules="$E2E_DIR/node_modules"
  local stamp="$modules/.healthpress-installed"
  local digest
  digest="$(cat "$E2E_DIR/package.json" "$E2E_DIR/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ] &&
     [ -f "$modules/axe-core/axe.min.js" ] && [ -f "$modules/vnu-jar/build/dist/vnu.jar" ]; then
    return 0
  fi
  echo "==> 安装 axe-core 和 vnu-jar（npm ci，tests/e2e/node_modules）"
  # --ignore-scripts: vnu-jar's postinstall downloads a Java runtime from GitHub; Debian's is used.
  if (cd "$E2E_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error); then
    echo "$digest" >"$stamp"
  else
    echo "!!  npm ci failed in tests/e2e (the end-to-end tests will fail and say what is missing)" >&2
  fi
}

ensure_e2e_tools() {
  local missing=()
  _e2e_has_nginx || missing+=(nginx)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  _e2e_has_cjk_font || missing+=(fonts-noto-cjk)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "端到端测试需要的软件包" "${missing[@]}"
  fi
  if command -v npm >/dev/null 2>&1; then
    _e2e_npm_ci
  fi
}
