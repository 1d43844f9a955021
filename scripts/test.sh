#!/usr/bin/env bash
# Sets up, builds, and runs the whole test suite through CTest: GoogleTest suites,
# the fuzz run and the browser tests. Exits non-zero when anything fails.
set -euo pipefail
root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${CARE_PRESET:-release}
"$root_dir/scripts/build.sh"
cd "$root_dir"
ctest --preset "$preset" "$@"
