# Sourced by scripts/setup and scripts/cross: installs the Debian packages named that
# are not installed yet (apt-get, through sudo when not root).
#   apt_install_missing PACKAGE...
apt_install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  (( ${#missing[@]} )) || return 0
  local sudo=""
  (( EUID == 0 )) || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
