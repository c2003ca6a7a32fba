#!/usr/bin/env bash
# Packs the talos-cilium dotnet tool into OUT (default artifacts/package): the pointer package
# TalosCiliumRender.Cli, the Native AOT implementation TalosCiliumRender.Cli.linux-x64 and the framework-dependent
# TalosCiliumRender.Cli.any that every other platform installs. `dotnet tool install TalosCiliumRender.Cli` picks
# the right one. Extra arguments go to every `dotnet pack` (e.g. -p:Version=1.2.3).
#
#   build/pack-tool.sh [OUT] [dotnet pack arguments...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$(mkdir -p "${1:-artifacts/package}" && cd "${1:-artifacts/package}" && pwd)"
shift || true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Publish folders are reused between packs; a stale file (an old native symbol file) would be packed too.
rm -rf artifacts/publish/TalosCiliumRender.Cli
project=src/TalosCiliumRender.Cli/TalosCiliumRender.Cli.csproj
for rid in "" linux-x64 any; do
  dotnet pack "$project" -c Release ${rid:+-r "$rid"} -o "$out" -nologo -v quiet -nodeReuse:false "$@"
done
echo "pack-tool: talos-cilium packages are in $out"
