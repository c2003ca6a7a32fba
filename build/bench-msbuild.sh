#!/usr/bin/env bash
# Whole-process benchmark of the MSBuild package. One run measures each case and its baseline alternately, so the
# ratios compare like with like on this machine at this moment; every figure is the median of RUNS runs.
#   1. no-op: an incremental `dotnet build` of samples/TalosCluster (nothing changed) vs the same project without
#      the package. Goal: at most 5 % slower, and no helm process started (counted by a recording helm wrapper).
#   2. cold: a 4-cluster project built from scratch (no obj/, no outputs) vs 4 sequential `talos-cilium render`
#      runs of the same renders; plus the render alone (outputs and build state removed, restore and compile done).
# Every build runs with node reuse and build servers off, so nothing outlives the script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${RUNS:-7}"
shared="${TCR_SHARED:-$root/../shared}"
chart="$shared/charts/cilium-1.18.1.tgz"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./build/install-helm.sh >/dev/null
version="0.0.0-bench.$(date +%s)"
dotnet pack src/TalosCiliumRender.MSBuild -c Release -o "$work/feed" "-p:Version=$version" -nologo -v quiet -nodeReuse:false
dotnet build src/TalosCiliumRender.Cli -c Release -nologo -v quiet -nodeReuse:false
cli="$root/artifacts/bin/TalosCiliumRender.Cli/release/talos-cilium.dll"

export NUGET_PACKAGES="$work/packages"
helm_log="$work/helm.log"
printf '#!/bin/sh\necho "$1" >> %s\nexec %s "$@"\n' "$helm_log" "$root/.tools/helm/v3.17.3/helm" > "$work/helm"
chmod +x "$work/helm"
machine_packages="${HOME}/.nuget/packages"
cat > "$work/nuget.config" <<XML
<configuration>
  <packageSources><add key="bench" value="$work/feed" /></packageSources>
  <fallbackPackageFolders><add key="machine" value="$machine_packages" /></fallbackPackageFolders>
</configuration>
XML
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"

mkdir -p "$work/with" "$work/without" "$work/four"
sed "s|Version=\"0.1.0\"|Version=\"$version\"|" samples/TalosCluster/TalosCluster.csproj > "$work/with/TalosCluster.csproj"
cp samples/TalosCluster/cilium-manifests.yaml "$work/with/"
grep -v 'TalosCiliumRender.MSBuild' samples/TalosCluster/TalosCluster.csproj > "$work/without/TalosCluster.csproj"
features=("" "hubble-relay;hubble-ui" "bgp" "gateway-api")
{
  echo '<Project Sdk="Microsoft.Build.NoTargets/3.7.0">'
  echo '  <PropertyGroup><TargetFramework>net10.0</TargetFramework><TalosCiliumRenderVersion>1.18.1</TalosCiliumRenderVersion></PropertyGroup>'
  echo "  <ItemGroup><PackageReference Include=\"TalosCiliumRender.MSBuild\" Version=\"$version\" /></ItemGroup>"
  echo '  <ItemGroup>'
  for i in 0 1 2 3; do echo "    <TalosCiliumRender Include=\"cluster$i.yaml\" Features=\"${features[$i]}\" />"; done
  echo '  </ItemGroup>'
  echo '</Project>'
} > "$work/four/Four.csproj"

props=(-p:TalosCiliumRenderChart="$chart" -p:TalosCiliumRenderHelmPath="$work/helm")
build() { dotnet build "$1" -nologo -v quiet -nodeReuse:false --disable-build-servers "${props[@]}" "${@:2}" >"$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
helm_runs() { [ -f "$helm_log" ] && wc -l < "$helm_log" | tr -d ' ' || echo 0; }

# 1. no-op incremental builds (after one warm-up build of each, which restores, compiles and renders)
build "$work/with"; build "$work/without"
before=$(helm_runs)
with=(); without=()
for _ in $(seq "$runs"); do
  t=$(now_ms); build "$work/with" --no-restore; with+=($(( $(now_ms) - t )))
  t=$(now_ms); build "$work/without" --no-restore; without+=($(( $(now_ms) - t )))
done
noop_helm=$(( $(helm_runs) - before ))
m_with=$(median "${with[@]}"); m_without=$(median "${without[@]}")

# 2. cold: 4 renders in one build vs 4 sequential CLI renders
cold=(); render_only=(); sequential=()
build "$work/four"
for _ in $(seq "$runs"); do
  rm -rf "$work/four/bin" "$work/four/obj" "$work/four"/cluster*.yaml
  t=$(now_ms); build "$work/four"; cold+=($(( $(now_ms) - t )))
  rm -f "$work/four"/cluster*.yaml "$work/four"/obj/Debug/net10.0/TalosCiliumRender.*
  t=$(now_ms); build "$work/four" --no-restore; render_only+=($(( $(now_ms) - t )))
  rm -f "$work"/cli*.yaml
  t=$(now_ms)
  for i in 0 1 2 3; do
    args=(render --chart "$chart" --version 1.18.1 --helm "$work/helm" -o "$work/cli$i.yaml")
    IFS=';' read -ra list <<<"${features[$i]}"
    for f in "${list[@]}"; do args+=(--feature "$f"); done
    dotnet "$cli" "${args[@]}"
  done
  sequential+=($(( $(now_ms) - t )))
done
m_cold=$(median "${cold[@]}"); m_render=$(median "${render_only[@]}"); m_seq=$(median "${sequential[@]}")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo "bench-msbuild: $runs runs each, medians in ms ($(nproc) cores, $(dotnet --version))"
echo "  no-op build, with package:       $m_with   (runs: ${with[*]})"
echo "  no-op build, without package:    $m_without   (runs: ${without[*]})"
echo "  no-op ratio with/without:        $(ratio "$m_with" "$m_without")   (goal <= 1.05)"
echo "  helm processes in no-op builds:  $noop_helm   (goal 0)"
echo "  4 clusters, cold dotnet build:   $m_cold   (runs: ${cold[*]})"
echo "  4 clusters, render-only build:   $m_render   (runs: ${render_only[*]})"
echo "  4 sequential CLI renders:        $m_seq   (runs: ${sequential[*]})"
echo "  cold build / sequential CLI:     $(ratio "$m_cold" "$m_seq")"
echo "  render-only build / sequential:  $(ratio "$m_render" "$m_seq")"
