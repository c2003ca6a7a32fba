#!/usr/bin/env bash
# The README's test command: installs what the tests need (pinned helm 3 and 4), builds once, runs every
# test project, and prints the totals as "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export TCR_SHARED="${TCR_SHARED:-$root/../shared}"

./build/install-helm.sh || { echo "test: helm installation failed" >&2; exit 1; }

configuration="${TCR_CONFIGURATION:-Release}"
dotnet build TalosCiliumRender.sln -c "$configuration" -nodeReuse:false || { echo "test: build failed" >&2; exit 1; }

results="$root/artifacts/test-results"
rm -rf "$results"
dotnet test TalosCiliumRender.sln -c "$configuration" --no-build \
  --logger "trx" --results-directory "$results" "$@"
status=$?

# One plain totals line over every test project, from the TRX files (awk only: nothing else to install).
cat "$results"/*.trx 2>/dev/null | awk '
  /<Counters / {
    for (i = 1; i <= NF; i++) {
      split($i, kv, "=")
      gsub(/[">\/]/, "", kv[2])
      if (kv[1] == "passed") p += kv[2]
      else if (kv[1] == "failed" || kv[1] == "error" || kv[1] == "timeout" || kv[1] == "aborted") f += kv[2]
      else if (kv[1] == "notExecuted") s += kv[2]
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }'
exit $status
