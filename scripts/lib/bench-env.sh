# Shared by the benchmark scripts (sourced inside scripts/in-session): a private
# emulator, private XDG dirs and keychain service, and a linked account.
#   bench_env_start   sets $bin, $work, $emu and the SPOTLINK_* variables
#   bench_link        links the emulator's user with the CLI, curl playing the browser

bench_env_start() {
  bin=$(realpath "${CARGO_TARGET_DIR:-target}")/release
  work=$(mktemp -d)
  export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
  "$bin/spotify-emulator" --port 0 --port-file "$work/port" --consent auto-approve "$@" >/dev/null 2>&1 &
  emu_pid=$!
  trap 'kill $emu_pid 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.05; done
  emu="http://127.0.0.1:$(cat "$work/port")"
  export SPOTLINK_CLIENT_ID=spotlink-test-client SPOTLINK_ACCOUNTS_URL=$emu SPOTLINK_API_URL=$emu/v1
  export SPOTLINK_KEYRING_SERVICE=spotlink-bench
}

bench_link() {
  "$bin/spotlink" link --no-browser 2>"$work/link.err" >/dev/null &
  local link_pid=$!
  for _ in $(seq 1 100); do grep -q "^$emu/authorize" "$work/link.err" && break; sleep 0.05; done
  curl -sfL "$(grep "^$emu/authorize" "$work/link.err")" >/dev/null
  wait "$link_pid"
}

# Median of numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
