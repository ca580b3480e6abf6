# Sourced by lib/e2e-tools.sh and lib/bench-tools.sh: install Debian packages the tests or the benchmark
# drive, saying why; on failure apt-get's output is shown and the caller's tests say what is missing.

apt_install() {
  local why="$1"
  shift
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  local log
  log="$(mktemp)"
  echo "==> 安装${why}：$*"
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "!!  apt-get could not install: $* (the tests that need it will fail and say what is missing)" >&2
  fi
  rm -f "$log"
}
