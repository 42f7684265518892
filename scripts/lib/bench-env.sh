# Shared by the benchmark scripts (sourced inside scripts/in-session): a private
# emulator, private XDG dirs and keychain service, and a linked account.
#   bench_env_start   sets $bin, $work, $emu and the SPOTLINK_* variables
#   bench_link        links the emulator's user with the CLI, curl playing the browser
#   bench_link_as ID  signs in as the emulator's account ID (made if new), then links it
#   tree_pids PID, tree_pss_kib PID, tree_cpu_ticks PID: a process and its descendants,
#                     their summed PSS (KiB) and CPU time (clock ticks)

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
  # A new file each time: grepping the last sign-in's address before this one's
  # process has truncated the file would answer a sign-in that is over.
  rm -f "$work/link.err"
  "$bin/spotlink" link --no-browser 2>"$work/link.err" >/dev/null &
  local link_pid=$!
  for _ in $(seq 1 100); do grep -qs "^$emu/authorize" "$work/link.err" && break; sleep 0.05; done
  curl -sfL "$(grep "^$emu/authorize" "$work/link.err")" >/dev/null
  wait "$link_pid"
}

bench_link_as() {
  curl -sf -X POST -H 'content-type: application/json' -d "{\"id\": \"$1\"}" "$emu/_emulator/sign-in" >/dev/null
  bench_link
}

# Median of numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

tree_pids() {
  local pid=$1
  echo "$pid"
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do tree_pids "$child"; done
}
tree_pss_kib() {
  local total=0 pss
  for p in $(tree_pids "$1"); do
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${pss:-0}))
  done
  echo "$total"
}
tree_cpu_ticks() {
  local total=0
  for p in $(tree_pids "$1"); do
    # utime + stime: fields 14 and 15, counted after the parenthesised command name.
    total=$((total + $(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}' || echo 0)))
  done
  echo "$total"
}
