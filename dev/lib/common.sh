#!/usr/bin/env bash
# Shared helpers of the dev/ scripts: repository root, .NET checks, and hubdev (the developer tools).

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_ROOT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_dotnet() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (see global.json); install it from https://dot.net"
  (cd "$REPO_ROOT" && dotnet --version >/dev/null 2>&1) || die "the installed .NET SDK does not satisfy global.json ($(cat "$REPO_ROOT/global.json" | tr -d '\n '))"
}

# Builds the developer tools once per change (quietly) and runs them.
hubdev() {
  require_dotnet
  local project="$REPO_ROOT/tools/IntegrationHub.DevTools/IntegrationHub.DevTools.csproj"
  local dll="$REPO_ROOT/tools/IntegrationHub.DevTools/bin/Release/net10.0/hubdev.dll"
  if [[ ! -f "$dll" || -n "$(find "$REPO_ROOT/tools" "$REPO_ROOT/functions/IntegrationHub.Core" "$REPO_ROOT/functions/IntegrationHub.Functions/Hosting/Identity" -name '*.cs' -newer "$dll" -print -quit 2>/dev/null)" ]]; then
    dotnet build "$project" -c Release -v quiet --nologo -clp:"ErrorsOnly;NoSummary" >&2 || die "building the developer tools failed"
  fi
  # HUBDEV_EXEC=1: replace the calling (sub)shell, so that its PID is the tool's and a kill reaches it.
  if [[ -n "${HUBDEV_EXEC:-}" ]]; then exec dotnet "$dll" "$@"; fi
  dotnet "$dll" "$@"
}
