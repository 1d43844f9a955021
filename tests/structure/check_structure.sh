#!/usr/bin/env bash
# The project's shape, checked on every run (issue 12): what a review found once must
# not creep back. Each check prints PASS or FAIL with the offending lines.
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 2
passed=0
failed=0

check() {  # check NAME OUTPUT: passes when OUTPUT (the offending lines) is empty
  if [ -z "$2" ]; then
    echo "PASS $1"
    passed=$((passed + 1))
  else
    echo "FAIL $1"
    printf '%s\n' "$2" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

# Request bodies come from the shared encoders, through client/api only.
check "no request body built by hand in client/" \
  "$(grep -rnE '(Json|json) body|body\.dump\(|call\(.*\.dump\(' client --include='*.cpp' --include='*.hpp' |
     grep -v '^client/api/')"

# One percent-encoder: care::percent_encode in shared/. (SQL's LIKE wildcard is not one.)
check "one percent-encoder (shared/src/url.cpp)" \
  "$(grep -rnE "'%'" client server shared tests bench --include='*.cpp' --include='*.hpp' | grep -v '^shared/src/url.cpp:' | grep -v ' LIKE ')"

# Event names live in shared/include/care/event_names.hpp alone.
names=$(grep -oE '"[a-z]+\.[a-z]+"' shared/include/care/event_names.hpp | sort -u)
[ -n "$names" ] || { echo "FAIL no event names found"; exit 1; }
hits=""
for name in $names; do
  # Comments may name an event; the audit trail's action "agent.state" is not one.
  found=$(grep -rnF "$name" client server shared --include='*.cpp' --include='*.hpp' |
          grep -v '^shared/include/care/event_names.hpp:' | grep -vE '^[^:]+:[0-9]+: *//' |
          grep -v 'audit(')
  [ -z "$found" ] || hits+="$found"$'\n'
done
hits=$(printf '%s' "$hits" | sort -u)
check "event names only in shared/include/care/event_names.hpp" "$hits"

# Panels keep what they remember in members, never in function statics.
check "no static UI state under client/panels/" \
  "$(grep -rnE '\bstatic\b' client/panels | grep -vE 'static_cast|static (constexpr|const) ')"

# Panels get the time from the frame; only the main loop reads the clock.
check "no clock read in client/panels/" \
  "$(grep -rnE 'system_clock|steady_clock|GetTime\(' client/panels)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
