#!/usr/bin/env bash
# Benchmarks of the CDK app and the decision handlers. Prints figures; asserts nothing (the project's rule:
# performance targets are met in benchmarks, never in timed tests).
#
#   scripts/benchmarks/run.sh            (from any directory; about 3 minutes)
#
#   a. synth time of both environments: "cold" (first synth into an empty outdir, which bundles the three
#      handlers with dotnet publish) and "warm" (median of 3 synths reusing that outdir: staged assets are
#      not bundled again);
#   b. per template: size, resource count and the resources the acceptance list cares about;
#   c. per handler: the published asset (bytes, files), then the handler micro-benchmarks
#      (dotnet run -c Release --project scripts/Deploy.Benchmarks).
#
# `dotnet build Deploy.sln` runs once first (it also installs the npm tools when node_modules is missing)
# and is excluded from every timing. Environment: SYNTH_RUNS (warm synths, default 3), BENCH_ARGS (extra
# arguments for Deploy.Benchmarks, e.g. "--batches 61"), KEEP_SYNTH_OUT=1 (keep the synth outdirs),
# BENCH_REV=<commit> (measure that commit instead of the working tree: it is exported with git archive into a
# temporary folder and built there from scratch, so edits made while the script runs cannot change or break
# the figures; Deploy.Benchmarks comes from this checkout when the commit does not have it).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export AWS_EC2_METADATA_DISABLED=true
export CDK_DISABLE_VERSION_CHECK=true
export CDK_DISABLE_CLI_TELEMETRY=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

warm_runs="${SYNTH_RUNS:-3}"
handlers=(ValidateRequest HealthCheck LaunchTemplateRevert)
work="$(mktemp -d "${TMPDIR:-/tmp}/deploy-bench.XXXXXX")"
cleanup() {
  if [[ "${KEEP_SYNTH_OUT:-0}" == 1 ]]; then
    echo "(kept $work)"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
seconds() { printf '%d.%02d' $(( $1 / 1000 )) $(( ($1 % 1000) / 10 )); }
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
section() { printf '\n== %s\n' "$1"; }
# A fingerprint of what the figures depend on. Others edit these folders while the script runs; when they change
# between sections, the synth figures and the micro-benchmarks may come from different sources.
sources() {
  find lambdas infrastructure Directory.Build.props Directory.Packages.props global.json cdk.json -type f \
    -not -path '*/bin/*' -not -path '*/obj/*' -print0 2>/dev/null | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12
}
drift() { # drift <when>: say so when the sources differ from those the synth used
  local current
  current="$(sources)"
  if [[ "$current" != "$synth_sources" ]]; then
    echo "note: lambdas/ or infrastructure/ changed since the synth ($synth_sources -> $current, $1): these figures are of newer sources."
  fi
}

started="$(now_ms)"
echo "Deploy benchmarks  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
if [[ -n "${BENCH_REV:-}" ]]; then
  if ! rev="$(git rev-parse --verify --quiet "${BENCH_REV}^{commit}")"; then
    echo "error: BENCH_REV=$BENCH_REV is not a commit of $repo" >&2
    exit 2
  fi
  snapshot="$work/src"
  mkdir -p "$snapshot"
  git archive "$rev" | tar -x -C "$snapshot"
  if [[ ! -d "$snapshot/scripts/Deploy.Benchmarks" ]]; then
    tar -C "$repo/tests" --exclude=bin --exclude=obj -cf - Deploy.Benchmarks | tar -x -C "$snapshot/tests"
  fi
  # Reuse the installed npm tools when the commit pins the same ones; otherwise the build installs them.
  if [[ -d node_modules ]] && cmp -s package-lock.json "$snapshot/package-lock.json"; then
    ln -s "$repo/node_modules" "$snapshot/node_modules"
  fi
  echo "source: commit $(git rev-parse --short "$rev") of $repo, exported to a temporary folder (working-tree edits not measured)"
  cd "$snapshot"
else
  echo "source: working tree $repo  commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')  uncommitted changes: $(git status --porcelain 2>/dev/null | wc -l | tr -d ' ') paths"
fi
echo "dotnet $(dotnet --version)  node $(node --version)  $(nproc) CPUs  load average $(load)"

# --- build (not timed) -------------------------------------------------------------------------------------
section "Build (excluded from every timing below)"
if [[ ! -x node_modules/.bin/cdk ]]; then
  echo "node_modules/.bin/cdk is missing: the build installs the npm tools (npm ci)."
fi
build_start="$(now_ms)"
if dotnet build Deploy.sln -nologo -v q >"$work/build.log" 2>&1; then
  echo "dotnet build Deploy.sln: ok in $(seconds $(( $(now_ms) - build_start ))) s ($(grep -Eo '[0-9]+ Warning\(s\)' "$work/build.log" | tail -1 || echo '? warnings'))"
else
  # Other projects of the solution (tests being edited) must not stop the figures: build what synth needs.
  echo "warning: dotnet build Deploy.sln failed; its errors:"
  grep -E ': error ' "$work/build.log" | sort -u | head -20 | sed 's/^/  /'
  echo "building only infrastructure/Deploy.App (the CDK app) and continuing."
  if ! dotnet build infrastructure/Deploy.App -nologo -v q >"$work/build-app.log" 2>&1; then
    { grep -E ': error ' "$work/build-app.log" | sort -u || tail -40 "$work/build-app.log"; } | sed 's/^/  /'
    echo "error: dotnet build infrastructure/Deploy.App failed (errors above): cannot synth; BENCH_REV=HEAD measures the last commit instead" >&2
    exit 1
  fi
fi
if [[ ! -x node_modules/.bin/cdk ]]; then
  echo "error: node_modules/.bin/cdk is still missing after the build (is npm on PATH?)" >&2
  exit 1
fi
echo "cdk CLI $(node_modules/.bin/cdk --version 2>/dev/null | head -1)"

# --- a. synth time -----------------------------------------------------------------------------------------
section "a. Synth time, both environments (cdk synth -q, app = dotnet run --project infrastructure/Deploy.App)"
synth() { # synth <outdir> <log> -> prints elapsed ms
  local outdir="$1" log="$2" start
  start="$(now_ms)"
  if ! node_modules/.bin/cdk synth -q --output "$outdir" >"$log" 2>&1; then
    cat "$log" >&2
    echo "error: cdk synth failed (log above)" >&2
    return 1
  fi
  echo $(( $(now_ms) - start ))
}

out="$work/cdk.out"
synth_sources="$(sources)"
echo "sources (lambdas/, infrastructure/, root build files) fingerprint: $synth_sources"
# Cold: an empty outdir and a private temp directory, so the handler bundling (dotnet publish, whose
# intermediates live under the temp directory) starts from nothing, as on a fresh CI machine.
mkdir -p "$work/tmp-cold"
cold_ms="$(TMPDIR="$work/tmp-cold" synth "$out" "$work/synth-cold.log")"
cold_bundled="$(grep -c '^Bundling asset' "$work/synth-cold.log" || true)"

warm=()
rebundled=0
for i in $(seq 1 "$warm_runs"); do
  warm+=("$(synth "$out" "$work/synth-warm-$i.log")")
  rebundled=$(( rebundled + $(grep -c '^Bundling asset' "$work/synth-warm-$i.log" || true) ))
done
warm_median="$(median "${warm[@]}")"

printf '%-6s %9s  %s\n' "" "seconds" "runs"
printf '%-6s %9s  %s\n' "cold" "$(seconds "$cold_ms")" "1 run into an empty outdir; $cold_bundled assets bundled (dotnet publish from scratch)"
warm_list="$(for ms in "${warm[@]}"; do printf '%s ' "$(seconds "$ms")"; done)"
printf '%-6s %9s  %s\n' "warm" "$(seconds "$warm_median")" "median of $warm_runs runs reusing the outdir: ${warm_list% }; $rebundled assets bundled again"
if (( rebundled > 0 )); then
  echo "note: warm synths bundled again: the handler sources (lambdas/, root build files) changed during the run."
fi
drift "after the synths"
# Anything synth printed besides its usual progress lines.
messages="$(cat "$work"/synth-*.log | grep -Ev '^(Bundling asset .*\.\.\.|Successfully synthesized to .*|Supply a stack id .*)$' | grep -v '^[[:space:]]*$' | sort | uniq -c || true)"
if [[ -n "$messages" ]]; then
  echo "synth also printed (count over all $(( warm_runs + 1 )) runs):"
  printf '%s\n' "$messages" | sed 's/^/  /'
else
  echo "synth printed nothing besides progress lines (no warnings)."
fi

# --- b. templates ------------------------------------------------------------------------------------------
section "b. Templates"
node - "$out" <<'NODE'
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
const files = [];
(function walk(d, depth) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const full = path.join(d, e.name);
    if (e.isFile() && e.name.endsWith('.template.json')) files.push(full);
    else if (e.isDirectory() && e.name.startsWith('assembly-') && depth < 8) walk(full, depth + 1);
  }
})(dir, 0);
files.sort();
if (files.length === 0) { console.error(`error: no *.template.json in ${dir}`); process.exit(1); }

const refTo = (v) => (v && typeof v === 'object')
  ? (v.Ref ?? (Array.isArray(v['Fn::GetAtt']) ? v['Fn::GetAtt'][0] : undefined))
  : undefined;
const rows = [
  ['bytes', 'template size, bytes'],
  ['resources', 'resources'],
  ['tg', 'target groups'],
  ['asg', 'Auto Scaling groups'],
  ['alarms', 'alarms'],
  ['composite', 'composite alarms'],
  ['topics', 'SNS topics'],
  ['topicsKms', '  of which KmsMasterKeyId set'],
  ['tables', 'DynamoDB tables'],
  ['machines', 'state machines'],
  ['lambdas', 'Lambda functions'],
  ['dotnet10', '  of which runtime dotnet10'],
  ['rollbackRules', 'Events rules -> Rollback state machine'],
  ['dashboards', 'dashboards'],
];
const columns = files.map((file) => {
  const t = JSON.parse(fs.readFileSync(file, 'utf8'));
  const res = Object.entries(t.Resources ?? {});
  const of = (type) => res.filter(([, r]) => r.Type === type);
  const rollback = new Set(of('AWS::StepFunctions::StateMachine')
    .filter(([id, r]) => /rollback/i.test(`${id} ${r.Properties?.StateMachineName ?? ''} ${r.Metadata?.['aws:cdk:path'] ?? ''}`))
    .map(([id]) => id));
  const topics = of('AWS::SNS::Topic');
  const lambdas = of('AWS::Lambda::Function');
  return {
    name: path.relative(dir, file),
    bytes: fs.statSync(file).size,
    resources: res.length,
    tg: of('AWS::ElasticLoadBalancingV2::TargetGroup').length,
    asg: of('AWS::AutoScaling::AutoScalingGroup').length,
    alarms: of('AWS::CloudWatch::Alarm').length,
    composite: of('AWS::CloudWatch::CompositeAlarm').length,
    topics: topics.length,
    topicsKms: topics.filter(([, r]) => r.Properties?.KmsMasterKeyId != null).length,
    tables: of('AWS::DynamoDB::Table').length + of('AWS::DynamoDB::GlobalTable').length,
    machines: of('AWS::StepFunctions::StateMachine').length,
    lambdas: lambdas.length,
    dotnet10: lambdas.filter(([, r]) => r.Properties?.Runtime === 'dotnet10').length,
    rollbackRules: of('AWS::Events::Rule')
      .filter(([, r]) => (r.Properties?.Targets ?? []).some((x) => rollback.has(refTo(x.Arn)))).length,
    dashboards: of('AWS::CloudWatch::Dashboard').length,
  };
});
const label = Math.max(...rows.map(([, l]) => l.length));
const width = columns.map((c) => Math.max(c.name.length, 9));
const fmt = (n) => n.toLocaleString('en-US');
console.log(''.padEnd(label) + '  ' + columns.map((c, i) => c.name.padStart(width[i])).join('  '));
for (const [key, text] of rows) {
  console.log(text.padEnd(label) + '  ' + columns.map((c, i) => fmt(c[key]).padStart(width[i])).join('  '));
}
NODE

# --- c. handler assets and micro-benchmarks ----------------------------------------------------------------
section "c. Handlers: published assets (in the synth outdir)"
printf '%-22s %-20s %10s %6s %10s %10s\n' "handler" "asset" "bytes" "files" "of it .pdb" "of it .xml"
for name in "${handlers[@]}"; do
  found=0
  for asset in "$out"/asset.*/; do
    [[ -f "$asset/Deploy.$name.dll" ]] || continue
    found=1
    read -r bytes files pdb xml < <(find "$asset" -type f -printf '%s %f\n' | awk '
      { total += $1; n++ } $2 ~ /\.pdb$/ { pdb += $1 } $2 ~ /\.xml$/ { xml += $1 }
      END { printf "%d %d %d %d\n", total, n, pdb, xml }')
    hash="$(basename "$asset")"
    printf '%-22s %-20s %10s %6s %10s %10s\n' "$name" "${hash:0:18}..." "$bytes" "$files" "$pdb" "$xml"
  done
  if (( found == 0 )); then
    printf '%-22s %s\n' "$name" "no asset.* folder with Deploy.$name.dll"
  fi
done

section "c. Handlers: micro-benchmarks (dotnet run -c Release --project scripts/Deploy.Benchmarks)"
if ! dotnet build -c Release scripts/Deploy.Benchmarks -nologo -v q >"$work/bench-build.log" 2>&1; then
  tail -40 "$work/bench-build.log"
  echo "error: building scripts/Deploy.Benchmarks failed (log above)" >&2
  exit 1
fi
echo "load average before the benchmarks: $(load)"
drift "before the micro-benchmarks"
echo
# shellcheck disable=SC2086 # BENCH_ARGS is a list of arguments
dotnet run --no-build -c Release --project scripts/Deploy.Benchmarks -- ${BENCH_ARGS:-}

section "Done in $(seconds $(( $(now_ms) - started ))) s (including the build)"
