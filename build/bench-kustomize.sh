#!/usr/bin/env bash
# Whole-process wall time of `talos-cilium kustomize DIR` against `kubectl kustomize DIR` on the same folder:
# the benchmark overlay on the cilium 1.18.1 render (Hubble relay and UI on). By default it measures the tool as
# users get it: packed by build/pack-tool.sh and installed with `dotnet tool install` (Native AOT on linux-x64).
# It checks both tools print the same bytes, then times RUNS interleaved runs of each and prints the medians and
# their ratio (goal: <= 0.15).
#
#   build/bench-kustomize.sh [RUNS]          default 15
#   TCR_BENCH_MODE=tool|r2r|jit              tool (default): the installed package; r2r/jit: publishes to compare
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:-15}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
shared="${TCR_SHARED:-$root/../shared}"
overlay="$root/tests/TalosCiliumRender.Benchmarks/overlay"
out="$root/artifacts/bench"
mkdir -p "$out"

command -v kubectl >/dev/null || { echo "bench-kustomize: kubectl (with kustomize) is required on PATH" >&2; exit 2; }

# The base: helm's render, made fresh (it holds generated TLS keys, so it is never committed).
if [ ! -f "$overlay/cilium-rendered.yaml" ]; then
  ./build/install-helm.sh >/dev/null
  .tools/helm/v3.17.3/helm template cilium "$shared/charts/cilium-1.18.1.tgz" --namespace kube-system \
    --kube-version 1.35.0 --set hubble.relay.enabled=true --set hubble.ui.enabled=true > "$overlay/cilium-rendered.yaml"
fi

# The tool under test: the packed Native AOT tool, or a ReadyToRun / JIT publish (TCR_BENCH_MODE).
source "$root/build/bench-tool.sh"

tool=""
for mode in ${TCR_BENCH_MODE:-tool}; do
  tool="$(publish "$mode")"
  if [ -n "$tool" ]; then used="$mode"; break; fi
  echo "bench-kustomize: $mode publish failed (see $out/publish-$mode.log), trying the next mode" >&2
done
[ -n "$tool" ] || { echo "bench-kustomize: could not publish the CLI" >&2; exit 1; }

"$tool" kustomize "$overlay" > "$out/talos-cilium.yaml"
kubectl kustomize "$overlay" > "$out/kubectl.yaml" 2>/dev/null
if cmp -s "$out/talos-cilium.yaml" "$out/kubectl.yaml"; then same="byte-equal"; else same="DIFFERENT (see $out/*.yaml)"; fi

python3 - "$runs" "$tool" "$overlay" "$used" "$same" <<'PY'
import statistics, subprocess, sys, time
runs, tool, overlay, mode, same = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
commands = {"talos-cilium": [tool, "kustomize", overlay], "kubectl": ["kubectl", "kustomize", overlay]}
times = {name: [] for name in commands}
for _ in range(runs):
    for name, command in commands.items():  # interleaved, so drift in machine load hits both alike
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times[name].append(time.perf_counter() - start)
ours, theirs = statistics.median(times["talos-cilium"]), statistics.median(times["kubectl"])
ratio = ours / theirs
print(f"talos-cilium kustomize ({mode}): median {ours * 1000:.1f} ms over {runs} runs")
print(f"kubectl kustomize:          median {theirs * 1000:.1f} ms over {runs} runs")
print(f"ratio: {ratio:.3f} (goal <= 0.15: {'met' if ratio <= 0.15 else 'missed'}); outputs {same}")
PY
