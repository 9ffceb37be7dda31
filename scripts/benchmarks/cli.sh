#!/usr/bin/env bash
# CLI benchmark (prints figures; not a test): start-up time (process start to --help / --version output) and each
# verb's round trip against the local engine (median of N runs, each a new process, start-up included), for the CLI
# as operators install it (scripts/publish-cli: self-contained, ReadyToRun composite) and, for comparison, as the
# framework-dependent build the scripts/deploy-pipeline wrapper runs (dotnet deploy-pipeline.dll).
#
#   scripts/benchmarks/cli.sh            RUNS=15 by default; about 5 minutes, most of it the two builds
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs="${RUNS:-15}"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 AWS_EC2_METADATA_DISABLED=true CDK_DISABLE_VERSION_CHECK=true DOTNET_NOLOGO=1
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

echo "== Building (Release) and publishing the installed CLI (not timed)"
for p in scripts/Deploy.Cli/Deploy.Cli.csproj scripts/Deploy.LocalEngine/Deploy.LocalEngine.csproj; do
  dotnet build "$p" -c Release --nologo -v quiet > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done
framework=(dotnet scripts/Deploy.Cli/bin/Release/net10.0/deploy-pipeline.dll)
installed=("$(scripts/publish-cli --output "$work/installed" 2> "$work/publish.log")") || { cat "$work/publish.log"; exit 1; }

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
# startup KEY LABEL CLI...: the median of $runs runs of CLI --help and of CLI --version, printed, and left in $help.
startup() {
  local key="$1" label="$2"; shift 2
  for flag in --help --version; do
    for _ in $(seq "$runs"); do t=$(date +%s%N); "$@" "$flag" > /dev/null; ms "$t"; done > "$work/startup-$key$flag.txt"
    printf '   %-60s median %4s ms (min %s, max %s)\n' "$label $flag" "$(median < "$work/startup-$key$flag.txt")" \
      "$(sort -n "$work/startup-$key$flag.txt" | head -1)" "$(sort -n "$work/startup-$key$flag.txt" | tail -1)"
  done
  help=$(median < "$work/startup-$key--help.txt")
}

echo "== Start-up ($runs runs each)"
startup framework "framework-dependent (dotnet deploy-pipeline.dll)" "${framework[@]}"
startup installed "installed (scripts/publish-cli)" "${installed[@]}"
installed_help=$help
cli=("${installed[@]}")

echo "== Local engine (synthesized offline) and one deployment"
dotnet scripts/Deploy.LocalEngine/bin/Release/net10.0/deploy-local-engine.dll --synth "$work/cdk.out" --port 0 --quiet > "$work/engine.out" 2> "$work/engine.err" &
pid=$!
for _ in $(seq 600); do url=$(sed -n 's/^local engine listening on \(http[^ ]*\).*/\1/p' "$work/engine.out"); [ -n "$url" ] && break; sleep 0.2; done
[ -n "${url:-}" ] || { cat "$work/engine.err"; exit 1; }
arn=$(DEPLOY_PIPELINE_POLL_MS=50 "${cli[@]}" --endpoint-url "$url" --output json deploy --env staging --version v1.0.0 --image-id ami-0123456789abcdef0 --wait | sed -n 's/.*"executionArn": "\([^"]*\)".*/\1/p')
echo "   $arn"

echo "== status --execution-arn ($runs runs, each a new process: start-up, then at once ListStateMachines, DescribeExecution, GetExecutionHistory, DescribeStateMachine and the HealthProbe's StartSyncExecution)"
for variant in framework installed; do
  if [ "$variant" = framework ]; then run=("${framework[@]}"); else run=("${installed[@]}"); fi
  for _ in $(seq "$runs"); do t=$(date +%s%N); "${run[@]}" --endpoint-url "$url" status --execution-arn "$arn" > /dev/null; ms "$t"; done > "$work/status-$variant.txt"
  printf '   %-60s median %4s ms\n' "$variant" "$(median < "$work/status-$variant.txt")"
done
status=$(median < "$work/status-installed.txt")

# Every verb's round trip (a new process each time, start-up included). Read-only verbs run $runs times; verbs that
# change the environment run once per cycle of a production deployment (deploy → approve, deploy → abort).
timed() { local name="$1"; shift; local t; t=$(date +%s%N); "${cli[@]}" --endpoint-url "$url" "$@" > "$work/last.out" 2>&1 || true; echo "$(ms "$t")" >> "$work/verb-$name.txt"; }
for _ in $(seq "$runs"); do
  timed "--version" --version
  timed "info" info --env staging
  timed "status --env" status --env staging
  timed "status --detailed" status --execution-arn "$arn" --detailed
  timed "history" history --env staging
  timed "health" health --env staging --color blue
  timed "graph" graph --env staging
  timed "unlock (nothing to unlock)" unlock --env staging --reason bench
done
cycles=$(( runs < 5 ? runs : 5 ))
for i in $(seq "$cycles"); do
  timed "deploy (until admitted)" deploy --env production --version "v9.$i.0" --image-id ami-0123456789abcdef0
  timed "approve" approve --env production --reason bench
  DEPLOY_PIPELINE_POLL_MS=50 "${cli[@]}" --endpoint-url "$url" watch --env production --timeout 2m > /dev/null 2>&1 || true
  timed "deploy (until admitted)" deploy --env production --version "v9.$i.1" --image-id ami-0123456789abcdef0
  timed "abort (until restored)" abort --env production --reason bench
done
echo "== Each verb's round trip, installed CLI (median ms; $runs runs, $cycles for deploy/approve/abort)"
for f in "$work"/verb-*.txt; do
  name="${f#"$work"/verb-}"; name="${name%.txt}"
  printf '   %-28s %5s ms\n' "$name" "$(median < "$f")"
done
echo
printf 'installed cli start-up (--help) median: %s ms (target <= 150)\ninstalled status command median: %s ms (target <= 300)\n' "$installed_help" "$status"
