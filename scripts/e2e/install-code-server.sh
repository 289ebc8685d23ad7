#!/usr/bin/env bash
# Installs what the end-to-end tests need: code-server 4.100.3 (the real VS Code 1.100 workbench, the
# newest that runs on Node 20) into a cache folder outside the repo, plus Debian's chromium to drive it.
# Works offline but for npm and apt (see docs/recipes.md); a second run takes well under a second.
#
#   TUNEBOARD_E2E_CACHE   cache root (default ~/.cache/tuneboard-e2e); code-server lands in <root>/code-server
set -euo pipefail

readonly CODE_SERVER_VERSION=4.100.3
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11, whose postinstall fetches rg 13.0.0-10 from GitHub.
readonly RIPGREP_PACKAGE_VERSION=1.15.11
readonly RIPGREP_RELEASE=v13.0.0-10

cache_root="${TUNEBOARD_E2E_CACHE:-$HOME/.cache/tuneboard-e2e}"
prefix="$cache_root/code-server"
installed_marker="$prefix/.installed-$CODE_SERVER_VERSION"
started_at=$(date +%s)

log() { printf '[e2e install] %s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - started_at ))s"; }

# --- apt: only what is missing, so a warm machine never touches the network -------------------------
missing_packages=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing_packages+=(libkrb5-dev)   # code-server's kerberos addon
[[ -x /usr/bin/chromium ]] || missing_packages+=(chromium)                # the browser Playwright drives
command -v rg >/dev/null 2>&1 || missing_packages+=(ripgrep)             # seeds @vscode/ripgrep below
command -v g++ >/dev/null 2>&1 || missing_packages+=(g++ make)           # node-gyp builds (fresh images)

if (( ${#missing_packages[@]} > 0 )); then
  if [[ $(id -u) -eq 0 ]]; then
    log "apt-get install ${missing_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
  else
    log "not root: skipping apt; install these yourself if the steps below fail: ${missing_packages[*]}"
  fi
fi

# --- code-server ------------------------------------------------------------------------------------
if [[ -f $installed_marker && -x $prefix/node_modules/.bin/code-server ]]; then
  log "code-server $CODE_SERVER_VERSION already in $prefix ($(elapsed))"
  exit 0
fi

case "$(uname -m)" in
  x86_64) ripgrep_target=x86_64-unknown-linux-musl ;;
  aarch64) ripgrep_target=aarch64-unknown-linux-musl ;;
  *) log "unsupported architecture $(uname -m)"; exit 1 ;;
esac

# A private TMPDIR: @vscode/ripgrep looks for its download in $TMPDIR/vscode-ripgrep-cache-<version>/.
install_tmp="$cache_root/tmp"
ripgrep_cache="$install_tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
ripgrep_tarball="$ripgrep_cache/ripgrep-$RIPGREP_RELEASE-$ripgrep_target.tar.gz"
mkdir -p "$ripgrep_cache" "$prefix"

if [[ ! -s $ripgrep_tarball ]]; then
  staging=$(mktemp -d "$install_tmp/rg.XXXXXX")
  if [[ -x /usr/bin/rg ]]; then
    cp /usr/bin/rg "$staging/rg"
  else
    # Not root and no ripgrep installed: unpack Debian's package without installing it.
    log "extracting rg from Debian's ripgrep package"
    (cd "$staging" && apt-get download ripgrep >/dev/null && dpkg-deb -x ripgrep_*.deb root)
    cp "$staging/root/usr/bin/rg" "$staging/rg"
  fi
  tar -czf "$ripgrep_tarball" -C "$staging" rg
  rm -rf "$staging"
fi

log "npm install code-server@$CODE_SERVER_VERSION into $prefix (about a minute)"
# unsafe_perm: code-server's postinstall refuses to run as root otherwise.
# yes: node-pty's postinstall runs `npx node-gyp`, which would otherwise wait for a prompt.
TMPDIR="$install_tmp" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
  "code-server@$CODE_SERVER_VERSION"

"$prefix/node_modules/.bin/code-server" --version >/dev/null
touch "$installed_marker"
log "installed code-server $CODE_SERVER_VERSION in $(elapsed)"
