#!/usr/bin/env bash
# Lists the tests that were skipped in the test reports written after a marker file, and fails if there is any.
# On a machine set up by deploy/test every precondition a test checks (Docker, the stack images, nginx,
# ssh-keygen) is present, so a skip there means a broken set-up, not a test that does not apply.
#
#   deploy/lib/skipped-tests.sh MARKER_FILE
set -euo pipefail
. "$(dirname "$0")/common.sh"

marker="$1"
total=0
while IFS= read -r report; do
  skipped="$(grep -o -m1 '<testsuite [^>]*' "$report" | grep -o ' skipped="[0-9]*"' | grep -o '[0-9]*' || true)"
  if [ "${skipped:-0}" -gt 0 ]; then
    total=$((total + skipped))
    warn "$skipped skipped in ${report#"$PAAS_REPO_DIR"/}:"
    # Each skipped test case, with the reason its assumption gave.
    awk 'match($0, /<testcase name="[^"]*"/) { name = substr($0, RSTART + 16, RLENGTH - 17) }
         /<skipped/ { reason = ""; if (match($0, /message="[^"]*"/)) reason = substr($0, RSTART + 9, RLENGTH - 10)
                      print "      " name ": " reason }' "$report" >&2
  fi
done < <(find "$PAAS_REPO_DIR" -path '*/target/*-reports/TEST-*.xml' -newer "$marker" | sort)
if [ "$total" -gt 0 ]; then
  die "$total test(s) skipped: a test skips only when what it needs is missing, which deploy/test installs"
fi
