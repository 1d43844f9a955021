#!/usr/bin/env bash
# Installs what Care Desktop needs on a Debian bookworm machine and nothing else.
# Idempotent: every step checks first, so running it again is cheap and safe.
#   scripts/setup.sh            system packages, ImGui sources, npm packages
set -euo pipefail
# Standard output carries one line, the ImGui folder (build.sh reads it); all else
# goes to standard error.
exec 3>&1 1>&2

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# ImGui's sources live outside the checkout so every clone (and CI) reuses them.
deps_dir=${CARE_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/care-desktop}

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
as_root() { "${sudo_cmd[@]}" "$@"; }

log() { printf '[setup] %s\n' "$*" >&2; }

packages=(
  # native build
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev libsodium-dev libssl-dev zlib1g-dev
  # the PostgreSQL store: libpq to build; the server programs (initdb, pg_ctl) for its
  # tests, which start a throw-away cluster
  libpq-dev postgresql
  # the operations tests run the sample nginx configuration (deploy/) in front of three
  # nodes: nginx as the test's own unprivileged process, never the package's service
  nginx
  # native debug client
  libglfw3-dev libgl-dev
  # …and its test, in a real X server without a screen
  xvfb xauth
  # web client: Debian's Emscripten (system clang 14, prebuilt libc)
  emscripten
  # fonts: Cyrillic and Latin Extended glyphs, cut to size at build time
  fonts-dejavu-core fonttools
  # browser tests and benchmarks
  chromium wrk
  # ImGui sources come from Debian's source package
  dpkg-dev
  curl ca-certificates
)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  # The tests start their own PostgreSQL and nginx from temporary folders, not the
  # packages' services; nginx's would take port 80 with its default site (or fail the
  # install where something holds it). Unless the machine has a policy already (Docker
  # images do), no service starts while the packages install.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    trap 'as_root rm -f "$policy"' EXIT
    printf '#!/bin/sh\n# scripts/setup.sh: no service starts while it installs\nexit 101\n' |
      as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
  fi
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ -e "$policy" ] && grep -q 'scripts/setup.sh' "$policy"; then
    as_root rm -f "$policy"
    trap - EXIT
  fi
  # …nor does nginx's start at the next boot, where this install put it there.
  case " ${missing[*]} " in
    *" nginx "*) [ ! -d /run/systemd/system ] || as_root systemctl disable --quiet nginx || true ;;
  esac
fi

# deb-src for bookworm main, so `apt-get source imgui` can find the sources.
imgui_version=1.86
imgui_dir="$deps_dir/imgui-$imgui_version"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  if ! apt-get source --print-uris imgui >/dev/null 2>&1; then
    log "adding a deb-src entry for bookworm main"
    src_list=/etc/apt/sources.list.d/care-desktop-src.sources
    as_root tee "$src_list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    as_root apt-get update -qq
  fi
  log "fetching ImGui $imgui_version sources into $imgui_dir"
  mkdir -p "$deps_dir"
  work=$(mktemp -d "$deps_dir/imgui-src.XXXXXX")
  (cd "$work" && apt-get source -qq "imgui=$imgui_version*" >/dev/null 2>&1 || apt-get source -qq imgui >/dev/null)
  src=$(find "$work" -maxdepth 2 -name imgui.cpp -printf '%h\n' | head -n1)
  [ -n "$src" ] || { log "ImGui sources not found in the source package"; exit 1; }
  rm -rf "$imgui_dir"
  mv "$src" "$imgui_dir"
  rm -rf "$work"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ]; then
  log "Node.js 18 or newer is needed for the browser tests (found $(node --version 2>/dev/null || echo none))"
  exit 1
fi

# npm packages for browser tests (playwright-core drives Debian's chromium).
if [ -f "$root_dir/package.json" ]; then
  if [ ! -d "$root_dir/node_modules" ] || [ "$root_dir/package-lock.json" -nt "$root_dir/node_modules/.package-lock.json" ]; then
    log "installing npm packages"
    (cd "$root_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

echo "$imgui_dir" >&3
