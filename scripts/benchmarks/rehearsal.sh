#!/usr/bin/env bash
# Rehearsal report: every scenario of tests/scenarios rehearsed offline on the synthesized Deploy/Rollback/HealthProbe
# state machines (aws-local-stepfunctions, every Task answered by the simulated AWS world), one line per execution:
# states executed, state transitions, history events, HealthProbe executions and their transitions, simulated
# duration, and for rollbacks the states and Lambda invocations between the detection and the restored weights;
# then the later executions of each scenario (retire, alarm-started Rollback, operator runs). Ends with the two
# acceptance figures of DESIGN section 5, each marked PASS or FAIL:
#   (a) a default staging AllAtOnce deployment: state transitions <= 150;
#   (b) a deployment with settings {"bakeTimeMinutes": 60}: history events < 2,000.
#
#   scripts/benchmarks/rehearsal.sh            (from any directory; about a minute, most of it build and synthesis)
#   scripts/benchmarks/rehearsal.sh --json     (the same figures as JSON on stdout)
#
# Prints figures and exits 0 whatever they say (a benchmark, not a test); non-zero only when the report could not
# be made. The build (which also installs the npm tools when node_modules is missing) runs first, quietly.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export AWS_EC2_METADATA_DISABLED=true
export CDK_DISABLE_VERSION_CHECK=true
export CDK_DISABLE_CLI_TELEMETRY=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

project=scripts/Deploy.Rehearsal.Report/Deploy.Rehearsal.Report.csproj
log="$(mktemp "${TMPDIR:-/tmp}/rehearsal-build.XXXXXX")"
trap 'rm -f "$log"' EXIT

if ! dotnet build "$project" -c Release -nologo -v q >"$log" 2>&1; then
  { grep -E ': (error|warning) ' "$log" | sort -u || true; tail -20 "$log"; } >&2
  echo "error: dotnet build $project failed (log above)" >&2
  exit 1
fi

dotnet run --no-build -c Release --project "$project" -- --root "$repo" "$@"
