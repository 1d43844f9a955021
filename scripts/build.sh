#!/usr/bin/env bash
# Sets up what is missing, then configures and builds everything (native + WASM).
#   CARE_PRESET=release|debug (default release) picks build/<preset>/.
set -euo pipefail
root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${CARE_PRESET:-release}

imgui_dir=$("$root_dir/scripts/setup.sh")

# emcc needs Debian's node-acorn; and a writable cache (a copy when not root).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
if [ ! -w /usr/share/emscripten/cache ] && [ -z "${EM_CACHE:-}" ]; then
  export EM_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/care-desktop/emscripten-cache"
  [ -d "$EM_CACHE" ] || cp -r /usr/share/emscripten/cache "$EM_CACHE"
fi

cd "$root_dir"
cmake --preset "$preset" -DCARE_IMGUI_DIR="$imgui_dir" >/dev/null
cmake --build --preset "$preset"
