#!/usr/bin/env bash
# Writes the expectation of own kustomize conformance cases from the reference tool.
#
#   build/update-kustomize-cases.sh [CASE_DIR ...]   default: every folder under tests/.../Kustomize/Cases
#
# For each case folder (the kustomization to build is the folder itself, or the folder that build-dir.txt names
# relative to it, when the case holds several kustomizations, e.g. overlays/prod over base/): runs `kubectl kustomize` (Kustomize v5.5.0) and writes its stdout to expected.yaml
# or, when it fails, its error (normalised as ../shared/conformance/kustomize/check-corpus.sh does) to
# expected-error.txt. A case named err-* must fail in kubectl, any other must build; a case with
# intentional-difference.md is one where we differ on purpose and is left alone (the file says why).
# Needs kubectl on PATH; the product never runs this.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
root="$repo/tests/TalosCiliumRender.Core.Tests/Kustomize/Cases"
kver="$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: //p')"
[ "$kver" = "v5.5.0" ] || { echo "kubectl with Kustomize v5.5.0 needed (found '${kver:-none}')" >&2; exit 1; }

normalize_err() {
  local abs="$1" raw
  raw="$(awk '
    /^# Warning:/ { next }
    /^[EWIF][0-9][0-9][0-9][0-9] .*\] "command failed" err=<$/ { multi = 1; next }
    multi && /^ >$/ { multi = 0; next }
    multi { sub(/^\t/, ""); print; next }
    /^[EWIF][0-9][0-9][0-9][0-9] .*\] "command failed" err="/ {
      line = $0
      sub(/^[^]]*\] "command failed" err="/, "", line)
      sub(/"$/, "", line)
      gsub(/\\\\/, "\001", line)
      gsub(/\\"/, "\"", line)
      gsub(/\001/, "\\", line)
      print line; next
    }
    { sub(/^error: /, ""); print }
  ')"
  raw="${raw//"$abs"/<CASE_DIR>}"
  raw="${raw//"$(dirname "$abs")"/<CASES_DIR>}"
  printf '%s\n' "$raw" | sed -e 's/[[:space:]]*$//' | sed -e '/./,$!d'
}

cases=("$@")
[ ${#cases[@]} -gt 0 ] || for d in "$root"/*/; do cases+=("${d%/}"); done
status=0
for dir in "${cases[@]}"; do
  dir="$(cd "$dir" && pwd)"; name="$(basename "$dir")"
  [ -f "$dir/intentional-difference.md" ] && { echo "$name: intentional difference, left alone"; continue; }
  build="$dir"; [ -f "$dir/build-dir.txt" ] && build="$dir/$(tr -d '[:space:]' < "$dir/build-dir.txt")"
  if kubectl kustomize "$build" >"$dir/.stdout" 2>"$dir/.stderr"; then
    rm -f "$dir/.stderr" "$dir/expected-error.txt"
    mv "$dir/.stdout" "$dir/expected.yaml"
    [[ "$name" == err-* ]] && { echo "$name: kubectl builds it, but the name says error" >&2; status=1; }
  else
    normalize_err "$dir" < "$dir/.stderr" | sed -e '/^goroutine /,$d' > "$dir/expected-error.txt"
    rm -f "$dir/.stderr" "$dir/.stdout" "$dir/expected.yaml"
    [[ "$name" == err-* ]] || { echo "$name: kubectl fails, but the name is not err-*" >&2; status=1; }
  fi
done
exit $status
