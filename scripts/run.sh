#!/usr/bin/env bash
# Sets up, builds, and starts care-server on http://127.0.0.1:8080 serving the
# desktop, with its database in ./data, as a live demo (CARE_DEMO=0: without).
# Extra arguments go to care-server.
set -euo pipefail
root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${CARE_PRESET:-release}
"$root_dir/scripts/build.sh"
cd "$root_dir"
demo=()
[ "${CARE_DEMO:-1}" = 0 ] || demo=(--demo)
exec "build/$preset/server/care-server" --host 127.0.0.1 --port "${CARE_PORT:-8080}" --data "${CARE_DATA:-data}" "${demo[@]}" "$@"
