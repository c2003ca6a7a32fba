#!/usr/bin/env bash
# Whole-process wall and CPU time of `talos-cilium render` against helm itself, the floor of any render (issue 12). The
# chart is ../shared/charts/cilium-1.18.1.tgz with Hubble relay and UI on, rendered by helm 4
# (.tools/helm/v4.1.4/helm, passed with --helm). One run times every case and its baseline alternately, so the
# ratios compare like with like on this machine at this moment; every figure is the median of RUNS runs.
#   1. `render -o FILE` vs bare `helm template` of the same chart with the same effective values (taken from
#      `talos-cilium values`, so helm does identical work). Goal <= 1.10.
#   2. `render -k OVERLAY -o FILE` vs the seed's pipeline: `helm template ... > file`, then `kubectl kustomize` of
#      the same overlay over that file (tests/TalosCiliumRender.Benchmarks/overlay: images for every Cilium image,
#      3 strategic merge patches, 2 JSON 6902 patches, commonLabels). Goal <= 0.58.
#   3. helm processes per warm render, counted by a helm wrapper (passed as --helm) that logs each invocation.
#      Goal 1.
#   4. the cold first render (a fresh, empty TALOS_CILIUM_CHART_CACHE folder) vs the warm one; plus
#      `helm version --short` alone, for scale.
#   5. our own work without helm's spread: a render through a stand-in helm that prints bare helm's saved output,
#      minus the stand-in alone. Serial (nothing overlaps helm), so an upper bound of goal 2 (<= 35 ms).
# Warm renders write to an output that already exists (as a re-render does: certificates are carried over, and the
# file is left alone when its bytes do not change); the cold render does too, only its chart cache is empty.
# By default it measures the tool as users get it: packed by build/pack-tool.sh and installed with
# `dotnet tool install` (Native AOT on linux-x64).
#
#   build/bench-render.sh [RUNS]             default 9 (or $RUNS)
#   TCR_BENCH_MODE=tool|r2r|jit              tool (default): the installed package; r2r/jit: publishes to compare
#   TCR_BENCH_TOOL=path/to/talos-cilium      measure this executable instead of publishing one
#   TCR_BENCH_KEEP=1                         keep the work folder (outputs, helm log) for inspection
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:-${RUNS:-9}}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
shared="${TCR_SHARED:-$root/../shared}"
chart="$(cd "$shared/charts" && pwd)/cilium-1.18.1.tgz"
helm="$root/.tools/helm/v4.1.4/helm"
overlay="$root/tests/TalosCiliumRender.Benchmarks/overlay"
out="$root/artifacts/bench-render"
mkdir -p "$out"

command -v kubectl >/dev/null || { echo "bench-render: kubectl (with kustomize) is required on PATH" >&2; exit 2; }
[ -f "$chart" ] || { echo "bench-render: $chart is missing (set TCR_SHARED)" >&2; exit 2; }
[ -x "$helm" ] || ./build/install-helm.sh >/dev/null

# The tool under test: the packed Native AOT tool, or a ReadyToRun / JIT publish (TCR_BENCH_MODE).
source "$root/build/bench-tool.sh"

if [ -n "${TCR_BENCH_TOOL:-}" ]; then
  tool="$(cd "$(dirname "$TCR_BENCH_TOOL")" && pwd)/$(basename "$TCR_BENCH_TOOL")"; used="given: $tool"
else
  tool=""
  for mode in ${TCR_BENCH_MODE:-tool}; do
    tool="$(publish "$mode")"
    if [ -n "$tool" ]; then used="$mode"; break; fi
    echo "bench-render: $mode publish failed (see $out/publish-$mode.log), trying the next mode" >&2
  done
  [ -n "$tool" ] || { echo "bench-render: could not publish the CLI" >&2; exit 1; }
fi

work="$(mktemp -d)"
[ -n "${TCR_BENCH_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
# The chart cache is private to the run: the warm one is filled by the warm-up, the cold one emptied before each run.
export TALOS_CILIUM_CHART_CACHE="$work/cache"
unset TALOS_CILIUM_HELM

# A helm that records every invocation (its arguments, one line each) and then is the real helm.
helm_log="$work/helm.log"
printf '#!/bin/sh\necho "$*" >> %s\nexec %s "$@"\n' "$helm_log" "$helm" > "$work/helm"
chmod +x "$work/helm"

render_args=(render --chart "$chart" --version 1.18.1 --feature hubble-relay --feature hubble-ui)
# The render's lint warnings (Hubble's helm-generated TLS keys) are expected; only a failure exit code stops the run.
tc() {
  "$tool" "$@" >/dev/null 2>>"$work/tool.err" || { echo "bench-render: talos-cilium $* failed:" >&2; tail -20 "$work/tool.err" >&2; return 1; }
}

# The same effective values helm gets from a render, and the overlay twice: as the seed uses it (its base is the
# file helm writes) and as `render -k` uses it (the render is its base, so the overlay names no resources).
"$tool" values --chart "$chart" --version 1.18.1 --feature hubble-relay --feature hubble-ui --helm "$helm" > "$work/values.yaml" \
  || { echo "bench-render: talos-cilium values failed" >&2; exit 1; }
mkdir -p "$work/seed" "$work/overlay"
cp "$overlay"/* "$work/seed/"
rm -f "$work/seed/cilium-rendered.yaml"
cp "$overlay"/* "$work/overlay/"
rm -f "$work/overlay/cilium-rendered.yaml"
python3 - "$work/overlay/kustomization.yaml" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
text, n = re.subn(r"^resources:\n(- .*\n)+", "", text, flags=re.M)
assert n == 1, "bench-render: the overlay's resources list was not found"
open(path, "w").write(text)
PY

helm_template=(template cilium "$chart" --namespace kube-system --values "$work/values.yaml" --kube-version 1.35.0)
bare_helm() { "$helm" "${helm_template[@]}" > "$work/helm.yaml"; }
seed() { "$helm" "${helm_template[@]}" > "$work/seed/cilium-rendered.yaml" && kubectl kustomize "$work/seed" > "$work/seed.yaml" 2>/dev/null; }
warm() { tc "${render_args[@]}" --helm "$helm" -o "$work/render.yaml"; }
warm_k() { tc "${render_args[@]}" --helm "$helm" -k "$work/overlay" -o "$work/render-k.yaml"; }
cold() { rm -rf "$work/cold-cache"; TALOS_CILIUM_CHART_CACHE="$work/cold-cache" tc "${render_args[@]}" --helm "$helm" -o "$work/cold.yaml"; }
helm_version() { "$helm" version --short >/dev/null; }
# A stand-in helm that prints the newest saved render of bare helm (same values): a render through it is our own
# work alone, all of it serial (nothing overlaps a helm run), without helm's run-to-run spread. An upper bound of the
# own work in a real render, where the digest, the scan and the read of the output run while helm does.
printf '#!/bin/sh\nif [ "$1" = version ]; then echo "%s"; exit 0; fi\nexec cat "%s"\n' "$("$helm" version --short)" "$work/helm.yaml" > "$work/stand-in-helm"
chmod +x "$work/stand-in-helm"
stand_in() { tc "${render_args[@]}" --helm "$work/stand-in-helm" -o "$work/stand-in.yaml"; }
stand_in_alone() { "$work/stand-in-helm" template >/dev/null; }

# Helm processes: one cold render (empty cache), then warm renders, each through the recording wrapper.
counted() { # cache folder, extra render arguments... -> "N (helm subcommands)"
  : > "$helm_log"
  TALOS_CILIUM_CHART_CACHE="$1" "$tool" "${render_args[@]}" --helm "$work/helm" "${@:2}" >/dev/null 2>>"$work/tool.err"
  echo "$(wc -l < "$helm_log" | tr -d ' ') ($(awk '{print $1}' "$helm_log" | paste -sd, -))"
}
rm -rf "$work/count-cache"
count_cold=$(counted "$work/count-cache" -o "$work/count.yaml")
cache_files=$( [ -d "$work/count-cache" ] && find "$work/count-cache" -type f | wc -l || echo 0)
count_warm=$(counted "$work/count-cache" -o "$work/count.yaml")
count_warm_k=$(counted "$work/count-cache" -k "$work/overlay" -o "$work/count-k.yaml")
tool_template="$(grep '^template ' "$helm_log" | head -1)"

# Warm-up: fills the warm chart cache, writes every output once (later renders carry its certificates over) and
# brings the binaries into the page cache.
warm; warm_k; cold; bare_helm; seed; helm_version; stand_in; stand_in_alone
[ -s "$work/render.yaml" ] && [ -s "$work/render-k.yaml" ] && [ -s "$work/seed.yaml" ] && [ -s "$work/stand-in.yaml" ] \
  || { echo "bench-render: a warm-up run wrote nothing (see $work/tool.err)" >&2; cat "$work/tool.err" >&2; exit 1; }
# The same objects on both sides of each comparison (helm's output order and the tool's are not the same).
kinds() { # the sorted kind/name of every document
  python3 - "$1" <<'PY'
import re, sys
objects = []
for doc in re.split(r"^---.*$", open(sys.argv[1]).read(), flags=re.M):
    kind = re.search(r"^kind: *['\"]?([^'\"\s]+)", doc, re.M)
    name = re.search(r"^metadata:\n(?:  .*\n)*?  name: *['\"]?([^'\"\s]+)", doc, re.M)
    if kind:
        objects.append(f"{kind.group(1)}/{name.group(1) if name else '?'}")
print("\n".join(sorted(objects)))
PY
}
if [ "$(kinds "$work/render.yaml")" = "$(kinds "$work/helm.yaml")" ]; then same="same objects"; else same="DIFFERENT objects"; fi
mirrored() { grep -c 'registry.example.internal/mirror/' "$1" || true; }
if [ "$(kinds "$work/render-k.yaml")" = "$(kinds "$work/seed.yaml")" ]; then same_k="same objects"; else same_k="DIFFERENT objects"; fi
same_k="$same_k, $(mirrored "$work/render-k.yaml") vs $(mirrored "$work/seed.yaml") mirrored image references"

load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)
now_us() { echo $(( $(date +%s%N) / 1000 )); }
# CPU time (user + system of the finished child processes, helm's and kubectl's included) is measured too: unlike
# wall time it hardly moves when other work shares the machine.
cpu_now() { # sets cpu_val; `times` must run in this shell (a subshell's counts start at zero)
  times > "$work/times"
  cpu_val=$(tail -1 "$work/times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); n += (p[1] * 60 + p[2]) * 1000000 } printf "%d", n }')
}
declare -A times cpu
cases=(render helm render_k seed cold helm_version stand_in stand_in_alone)
declare -A command_of=([render]=warm [helm]=bare_helm [render_k]=warm_k [seed]=seed [cold]=cold [helm_version]=helm_version
  [stand_in]=stand_in [stand_in_alone]=stand_in_alone)
for _ in $(seq "$runs"); do
  for c in "${cases[@]}"; do  # interleaved, so drift in machine load hits every case alike
    cpu_now; u=$cpu_val; t=$(now_us)
    "${command_of[$c]}"
    times[$c]+="$(( $(now_us) - t )) "; cpu_now; cpu[$c]+="$(( cpu_val - u )) "
  done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {printf "%.1f", ((NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2) / 1000}'; }
ms_list() { tr ' ' '\n' <<<"$1" | grep . | awk '{printf "%s%.0f", (NR > 1 ? " " : ""), $1 / 1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
verdict() { awk -v r="$1" -v g="$2" 'BEGIN { print (r <= g) ? "met" : "missed" }'; }
declare -A m mc
for c in "${cases[@]}"; do m[$c]=$(median "${times[$c]}"); mc[$c]=$(median "${cpu[$c]}"); done
r_render=$(ratio "${m[render]}" "${m[helm]}"); r_k=$(ratio "${m[render_k]}" "${m[seed]}"); r_cold=$(ratio "${m[cold]}" "${m[render]}")
warm_helm=${count_warm%% *}

load_after=$(load)
mem_gib=$(awk '/^MemTotal:/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
echo "bench-render: $runs alternating runs each, medians in ms (wall, and CPU = user + system of all processes); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, ${cpu_model:-unknown CPU}, ${mem_gib} GiB memory; $(uname -sr); load average $load_before before, $load_after after the timed runs"
echo "tool: talos-cilium ($used); helm $("$helm" version --short); kubectl $(kubectl version --client 2>/dev/null | awk '/^Client/ {print $3}') (kustomize $(kubectl version --client 2>/dev/null | awk '/^Kustomize/ {print $3}'))"
echo "chart: cilium 1.18.1 ($chart), features hubble-relay + hubble-ui"
echo "helm args of the tool:  $tool_template"
echo "helm args of the bench: ${helm_template[*]}"
echo
printf '| %-52s | %9s | %9s | %s\n' "case" "wall" "CPU" "wall of each run (ms)"
printf '| %-52s | %9s | %9s | %s\n' "----" "----" "---" "---------------------"
row() { printf '| %-52s | %9s | %9s | %s\n' "$1" "${m[$2]}" "${mc[$2]}" "$(ms_list "${times[$2]}")"; }
row "talos-cilium render -o FILE (warm)" render
row "helm template, same values (bare)" helm
row "talos-cilium render -k OVERLAY -o FILE (warm)" render_k
row "seed: helm template > file; kubectl kustomize" seed
row "talos-cilium render -o FILE, cold (empty cache)" cold
row "helm version --short" helm_version
row "talos-cilium render -o FILE, stand-in helm (cat)" stand_in
row "the stand-in helm alone" stand_in_alone
echo
echo "render / bare helm template:        $r_render   (goal <= 1.10: $(verdict "$r_render" 1.10)); $same"
echo "render -k / seed pipeline:          $r_k   (goal <= 0.58: $(verdict "$r_k" 0.58)); $same_k"
echo "cold / warm render:                 $r_cold   (cold - warm: $(awk -v a="${m[cold]}" -v b="${m[render]}" 'BEGIN { printf "%.1f", a - b }') ms)"
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
echo "render - bare helm (our own work):  $(diff_ms "${m[render]}" "${m[helm]}") ms wall, $(diff_ms "${mc[render]}" "${mc[helm]}") ms CPU"
echo "own work, serial (stand-in render - stand-in alone): $(diff_ms "${m[stand_in]}" "${m[stand_in_alone]}") ms wall, $(diff_ms "${mc[stand_in]}" "${mc[stand_in_alone]}") ms CPU   (goal <= 35: $(verdict "$(diff_ms "${m[stand_in]}" "${m[stand_in_alone]}")" 35), an upper bound)"
echo "render / bare helm, CPU time:       $(ratio "${mc[render]}" "${mc[helm]}");  render -k / seed, CPU time: $(ratio "${mc[render_k]}" "${mc[seed]}")"
echo "helm processes, cold render:        $count_cold"
echo "helm processes, warm render:        $count_warm   (goal 1: $( [ "$warm_helm" -le 1 ] && echo met || echo missed))"
echo "helm processes, warm render -k:     $count_warm_k"
echo "chart cache after the first render: $cache_files files"
[ -z "${TCR_BENCH_KEEP:-}" ] || echo "work folder kept: $work"
