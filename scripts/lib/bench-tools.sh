# Sourced by scripts/bench and scripts/test after lib/env.sh: Hugo, which the side-by-side benchmark
# (benchmarks/sidebyside.py, `./scripts/bench --side-by-side`) and its tests (tests/tools, marked
# `bench`) build the same articles with. Debian's package (0.111), installed only when missing.

source "$ROOT/scripts/lib/apt.sh"

ensure_hugo() {
  command -v hugo >/dev/null 2>&1 || apt_install " Hugo（Debian 的 hugo 软件包，供并列基准测试对比）" hugo
}
