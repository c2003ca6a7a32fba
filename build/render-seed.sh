#!/usr/bin/env bash
# The README's main job: render the Talos seed configuration (Cilium 1.18.1, preset talos) into
# cilium-manifests.yaml, using the pinned helm and the chart package in ../shared/charts (no download).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shared="${TCR_SHARED:-$root/../shared}"
./build/install-helm.sh >/dev/null
dotnet build src/TalosCiliumRender.Cli -c Release -nologo -v quiet
dotnet artifacts/bin/TalosCiliumRender.Cli/release/talos-cilium.dll render \
  --chart "$shared/charts/cilium-1.18.1.tgz" --version 1.18.1 \
  --helm "$root/.tools/helm/v3.17.3/helm" \
  -o "${1:-cilium-manifests.yaml}" "${@:2}"
echo "render-seed: wrote ${1:-cilium-manifests.yaml}"
