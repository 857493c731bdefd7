#!/usr/bin/env bash
# Brings sdk/RulePlugins.Sdk/PublicAPI.Unshipped.txt up to date with the SDK's public surface after an intended
# change, so the change shows up as a diff of that file (review it, then commit it with the change):
#   - a public member in neither file (RS0016) is added, by the analyzer's own code fix (dotnet format);
#   - a listed member that is gone (RS0017) is removed from Unshipped.txt when it was added there, or recorded as
#     *REMOVED* in Unshipped.txt when it had shipped (Shipped.txt is never edited here: at a release, move the lines);
#   - a member marked *REMOVED* that is back (RS0050) loses the mark.
# Then the SDK is built again, and the script fails when the surface and the files still disagree.
# Usage (from anywhere): sdk/update-public-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
project=sdk/RulePlugins.Sdk/RulePlugins.Sdk.csproj
shipped=sdk/RulePlugins.Sdk/PublicAPI.Shipped.txt
unshipped=sdk/RulePlugins.Sdk/PublicAPI.Unshipped.txt
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if grep -qE '^(<<<<<<<|=======|>>>>>>>)' "$shipped" "$unshipped"; then
  echo "Resolve the merge conflict in the PublicAPI files first (take either side: this script then adds and removes what differs)." >&2
  exit 1
fi

# Each file ends with a line break (the code fix leaves the last line without one).
end_line() { [ -z "$(tail -c 1 "$1")" ] || printf '\n' >> "$1"; }
end_line "$shipped"
end_line "$unshipped"

# Members listed but gone (RS0017) and members marked removed that are back (RS0050), from a build's diagnostics.
diagnostics=$(dotnet build "$project" --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= 2>&1 || true)
gone=$(sed -n "s/.*RS0017: Symbol '\(.*\)' is part of the declared API, but is either not public or could not be found.*/\1/p" <<< "$diagnostics" | sort -u)
back=$(sed -n "s/.*RS0050: Symbol '\(.*\)' is marked as removed but it isn't deleted in source code.*/\1/p" <<< "$diagnostics" | sort -u)
drop_line() { grep -vxF -- "$1" "$unshipped" > "$unshipped.tmp" || true; mv "$unshipped.tmp" "$unshipped"; }
if [ -n "$gone" ]; then
  while IFS= read -r symbol; do
    if grep -qxF -- "$symbol" "$unshipped"; then
      drop_line "$symbol"
      echo "gone, was unshipped:  $symbol"
    elif grep -qxF -- "$symbol" "$shipped"; then
      printf '*REMOVED*%s\n' "$symbol" >> "$unshipped"
      echo "gone, had shipped:    $symbol"
    fi
  done <<< "$gone"
fi
if [ -n "$back" ]; then
  while IFS= read -r symbol; do
    drop_line "*REMOVED*$symbol"
    echo "back, removal undone: $symbol"
  done <<< "$back"
fi

# Members in neither file (RS0016): the analyzer's code fix adds them to Unshipped.txt.
dotnet format analyzers "$project" --diagnostics RS0016 --severity info

end_line "$unshipped"

# The files must now match the surface exactly (RS0016 and RS0017 are errors in the SDK project).
dotnet build "$project" --no-incremental -v quiet -nologo
git --no-pager diff --stat -- "$shipped" "$unshipped" || true
