# Sourced by scripts/bench and scripts/test after lib/env.sh: Hugo, which the side-by-side benchmark
# (benchmarks/sidebyside.py, `./scripts/bench --side-by-side`) and its tests (tests/tools, marked
# `bench`) build the same articles with. Debian's package (0.111), installed only when missing.

ensure_hugo() {
  command -v hugo >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  local log
  log="$(mktemp)"
  echo "==> 安装 Hugo（Debian 的 hugo 软件包，供并列基准测试对比）"
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hugo; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "!!  apt-get could not install hugo (the side-by-side benchmark and its tests will say it is missing)" >&2
  fi
  rm -f "$log"
}
