#!/usr/bin/env bash
# The README's main job: pack the MSBuild package into artifacts/package, then `dotnet build` samples/TalosCluster
# with it, exactly as a user's project builds. That renders the Talos seed configuration (Cilium 1.18.1, preset
# talos) into samples/TalosCluster/cilium-manifests.yaml with the pinned helm and the chart package in
# ../shared/charts: no chart download. Extra arguments go to dotnet build (e.g. -p:TalosCiliumRenderMode=Check).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shared="${TCR_SHARED:-$root/../shared}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

./build/install-helm.sh >/dev/null
dotnet pack src/TalosCiliumRender.MSBuild -c Release -o artifacts/package -nologo -v quiet -nodeReuse:false

# A private package folder: a re-packed 0.1.0 must not be shadowed by an older copy in ~/.nuget/packages.
export NUGET_PACKAGES="$root/artifacts/sample-packages"
rm -rf "$NUGET_PACKAGES/talosciliumrender.msbuild"
dotnet build samples/TalosCluster -nologo -v minimal -nodeReuse:false \
  -p:TalosCiliumRenderChart="$shared/charts/cilium-1.18.1.tgz" \
  -p:TalosCiliumRenderHelmPath="$root/.tools/helm/v3.17.3/helm" \
  "$@"
echo "render-seed: samples/TalosCluster/cilium-manifests.yaml is up to date"
