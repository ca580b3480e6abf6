# Sourced by scripts/build, scripts/test and scripts/bench after lib/env.sh: what WeasyPrint needs of the
# system to make the weekly's print editions (render/printedition.py): Pango (with HarfBuzz's subsetter)
# and a Chinese font. Debian packages, each installed only when missing, so a second run costs a few checks.
# Without them the build still succeeds: it says once that the print editions were not made, and why.

source "$ROOT/scripts/lib/apt.sh"

# grep reads the whole list (no -q): stopping at the first match would kill ldconfig with SIGPIPE, and
# under `set -o pipefail` a library that is there would count as missing.
_print_has_lib() { { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null | grep "$1" >/dev/null; }
_print_has_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null)" ]; }

ensure_print_libs() {
  local missing=()
  _print_has_lib 'libpango-1\.0\.so\.0' || missing+=(libpango-1.0-0)
  _print_has_lib 'libpangoft2-1\.0\.so\.0' || missing+=(libpangoft2-1.0-0)
  _print_has_lib 'libharfbuzz-subset\.so\.0' || missing+=(libharfbuzz-subset0)
  _print_has_cjk_font || missing+=(fonts-noto-cjk)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "生成健康周刊打印版（PDF）需要的 Pango 和中文字体" "${missing[@]}"
  fi
}
