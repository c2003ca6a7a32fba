# Sourced by the bench-*.sh scripts: builds the talos-cilium they measure. Needs $out (a work folder) and the
# repository root as the current folder.

publish() { # mode -> path of the executable, or nothing
  local mode="$1" dir="$out/$1"
  rm -rf "$dir"
  case "$mode" in
    tool)
      # A version of its own, so the tool store cannot serve an older package of the same version.
      local version="0.0.0-bench.$(date +%s)"
      ./build/pack-tool.sh "$out/feed" -p:Version="$version" >"$out/publish-$mode.log" 2>&1 || return 0
      dotnet tool install TalosCiliumRender.Cli --version "$version" --tool-path "$dir" --add-source "$out/feed" \
        >>"$out/publish-$mode.log" 2>&1 || return 0 ;;
    r2r)
      dotnet publish src/TalosCiliumRender.Cli -c Release -r linux-x64 --self-contained false -p:PublishAot=false \
        -p:PublishReadyToRun=true -o "$dir" >"$out/publish-$mode.log" 2>&1 || return 0 ;;
    jit)
      dotnet publish src/TalosCiliumRender.Cli -c Release -p:PublishAot=false -o "$dir" >"$out/publish-$mode.log" 2>&1 || return 0 ;;
  esac
  [ -x "$dir/talos-cilium" ] && echo "$dir/talos-cilium"
}
