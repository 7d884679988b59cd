#!/usr/bin/env bash
# Installs the Bicep CLI into .dev/tools/bicep/ (git-ignored) from the NuGet package
# Azure.Bicep.CommandLine.linux-x64, the only channel this project's machines can reach.
# Source it and call bicep_install; it prints nothing when the pinned version is already there.
set -euo pipefail

BICEP_VERSION="0.49.2"
BICEP_PACKAGE="Azure.Bicep.CommandLine.linux-x64"

bicep_repo_root() {
  cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd
}

bicep_dir() {
  echo "$(bicep_repo_root)/.dev/tools/bicep"
}

bicep_bin() {
  echo "$(bicep_dir)/bicep"
}

bicep_install() {
  local dir bin
  dir="$(bicep_dir)"
  bin="$(bicep_bin)"
  if [[ -x "$bin" && "$(cat "$dir/VERSION" 2>/dev/null || true)" == "$BICEP_VERSION" ]]; then
    return 0
  fi

  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) echo "bicep: only linux-x64 is provided by $BICEP_PACKAGE; install Bicep yourself and set BICEP_PATH" >&2; return 1 ;;
  esac

  echo "bicep: installing $BICEP_PACKAGE $BICEP_VERSION into ${dir#"$(bicep_repo_root)"/}" >&2
  local work packages src
  work="$(mktemp -d)"
  # The throwaway project lives outside the repository so that the repository's
  # Directory.Build.props and central package management do not apply to it.
  cat >"$work/download.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$BICEP_PACKAGE" Version="[$BICEP_VERSION]" />
  </ItemGroup>
</Project>
CSPROJ
  # Run from the repository root so that its global.json picks the SDK.
  if ! (cd "$(bicep_repo_root)" && dotnet restore "$work/download.csproj" --verbosity quiet) >"$work/restore.log" 2>&1; then
    cat "$work/restore.log" >&2
    rm -rf "$work"
    echo "bicep: restore of $BICEP_PACKAGE $BICEP_VERSION failed" >&2
    return 1
  fi
  packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')"
  src="${packages%/}/$(echo "$BICEP_PACKAGE" | tr '[:upper:]' '[:lower:]')/$BICEP_VERSION/tools/bicep"
  rm -rf "$work"
  if [[ ! -f "$src" ]]; then
    echo "bicep: $src not found after restore" >&2
    return 1
  fi

  mkdir -p "$dir"
  cp "$src" "$dir/bicep.tmp"
  chmod 755 "$dir/bicep.tmp"
  mv "$dir/bicep.tmp" "$bin"
  echo "$BICEP_VERSION" >"$dir/VERSION"
  "$bin" --version >&2
}
