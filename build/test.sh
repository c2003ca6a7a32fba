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

# One plain totals line over every test project, from the TRX files.
python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
