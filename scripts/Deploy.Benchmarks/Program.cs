using System.Globalization;
using System.Text.Json;
using Deploy.Benchmarks;
using Deploy.Contracts;
using Deploy.HealthCheck;
using Deploy.LaunchTemplateRevert;
using Deploy.Rules;

// Handler micro-benchmarks: per handler, one verdict through the pure decision function (input already
// deserialized) and through Function.Handler(Stream) (JSON in, JSON out), over realistic inputs.
// Usage: dotnet run -c Release --project scripts/Deploy.Benchmarks [-- --json] [--batches N] [--batch-ms M] [--warmup-ms W]

var json = false;
var settings = new BenchSettings(Batches: 31, WarmupMs: 500, BatchMs: 10);
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--json":
            json = true;
            break;
        case "--batches" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var batches) && batches > 0:
            settings = settings with { Batches = batches };
            i++;
            break;
        case "--batch-ms" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var batchMs) && batchMs > 0:
            settings = settings with { BatchMs = batchMs };
            i++;
            break;
        case "--warmup-ms" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var warmupMs) && warmupMs >= 0:
            settings = settings with { WarmupMs = warmupMs };
            i++;
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: Deploy.Benchmarks [--json] [--batches N (31)] [--batch-ms M (10)] [--warmup-ms W (500)]");
            return 0;
        default:
            Console.Error.WriteLine($"error: unknown or incomplete argument '{args[i]}' (see --help)");
            return 2;
    }
}

List<BenchCase> cases;
try
{
    cases = [.. HealthCheckCases(), .. ValidateRequestCases(), .. RevertCases()];
}
catch (InvalidOperationException e)
{
    // An input no longer produces the outcome it was written for: the figures would time another path.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

var results = cases.Select(c => Runner.Run(c, settings)).ToList();
if (json)
{
    Report.WriteJson(Console.OpenStandardOutput(), results, settings);
}
else
{
    Report.WriteTable(Console.Out, results, settings);
}

return 0;

static IEnumerable<BenchCase> HealthCheckCases()
{
    var bytes = Payloads.HealthCheckAfterTraffic();
    var input = JsonSerializer.Deserialize(bytes, DeployJsonContext.Default.HealthCheckInput)!;
    var verdict = HealthEvaluator.Evaluate(input);
    Expect(verdict.Status == HealthStatus.Healthy && verdict.Evidence.Targets == 985,
        $"HealthCheck: expected Healthy over 985 counted targets, got {verdict.Status}: {string.Join("; ", verdict.Reasons)}");
    var function = new Deploy.HealthCheck.Function();
    var output = SameAsHandler(function.Handler, bytes, HandlerPayload.Write(verdict, DeployJsonContext.Default.HealthVerdict), "HealthCheck");
    var outcome = $"{verdict.Status}: {verdict.Evidence.Healthy}/{verdict.Evidence.Targets} healthy, {verdict.Reasons.Count} reasons";
    const string scenario = "AfterTraffic, 1,000 targets, 3x10 metric datapoints";

    yield return new BenchCase("HealthCheck", scenario, "decision", bytes.Length, output, outcome,
        () => HealthEvaluator.Evaluate(input).Reasons.Count);
    yield return new BenchCase("HealthCheck", scenario, "Handler", bytes.Length, output, outcome, HandlerCall(function.Handler, bytes));
}

static IEnumerable<BenchCase> ValidateRequestCases()
{
    var function = new Deploy.ValidateRequest.Function();

    var valid = Payloads.ValidateRequestValid();
    var validInput = JsonSerializer.Deserialize(valid, DeployJsonContext.Default.ValidateRequestInput)!;
    var accepted = RequestValidator.Validate(validInput);
    Expect(accepted is { Error: null, Request: not null },
        $"ValidateRequest: expected the full request to be valid, got {accepted.Error?.Cause}");
    var validOutput = SameAsHandler(function.Handler, valid, HandlerPayload.Write(accepted, DeployJsonContext.Default.ValidateRequestOutput), "ValidateRequest");
    var validOutcome = $"valid: {accepted.Request!.Strategy} [{string.Join(",", accepted.Request.TrafficSteps)}]";
    yield return new BenchCase("ValidateRequest", "valid request, all 9 fields", "decision", valid.Length, validOutput, validOutcome,
        () => RequestValidator.Validate(validInput).Request!.TrafficSteps.Count);
    yield return new BenchCase("ValidateRequest", "valid request, all 9 fields", "Handler", valid.Length, validOutput, validOutcome,
        HandlerCall(function.Handler, valid));

    var invalid = Payloads.ValidateRequestInvalid();
    var invalidInput = JsonSerializer.Deserialize(invalid, DeployJsonContext.Default.ValidateRequestInput)!;
    var rejected = RequestValidator.Validate(invalidInput);
    Expect(rejected.Error is { Name: DeployErrors.InvalidRequest, Fields.Count: 8 },
        $"ValidateRequest: expected InvalidRequest listing 8 fields, got {rejected.Error?.Name} with {rejected.Error?.Fields.Count} fields: {rejected.Error?.Cause}");
    var invalidOutput = SameAsHandler(function.Handler, invalid, HandlerPayload.Write(rejected, DeployJsonContext.Default.ValidateRequestOutput), "ValidateRequest");
    var invalidOutcome = $"{rejected.Error!.Name}: {rejected.Error.Fields.Count} fields";
    yield return new BenchCase("ValidateRequest", "invalid request, 8 bad fields", "decision", invalid.Length, invalidOutput, invalidOutcome,
        () => RequestValidator.Validate(invalidInput).Error!.Fields.Count);
    yield return new BenchCase("ValidateRequest", "invalid request, 8 bad fields", "Handler", invalid.Length, invalidOutput, invalidOutcome,
        HandlerCall(function.Handler, invalid));
}

static IEnumerable<BenchCase> RevertCases()
{
    var bytes = Payloads.LaunchTemplateRevert();
    var input = JsonSerializer.Deserialize(bytes, DeployJsonContext.Default.LaunchTemplateRevertInput)!;
    var decision = RevertPlanner.Plan(input);
    Expect(decision is { Action: RevertAction.Revert, Error: null, Request: not null },
        $"LaunchTemplateRevert: expected Revert, got {decision.Action}: {decision.Reason}");
    var function = new Deploy.LaunchTemplateRevert.Function();
    var output = SameAsHandler(function.Handler, bytes, HandlerPayload.Write(decision, DeployJsonContext.Default.LaunchTemplateRevertDecision), "LaunchTemplateRevert");
    var outcome = $"{decision.Action} to version {decision.Request!.LaunchTemplate.Version}, {decision.Request.MinSize}/{decision.Request.MaxSize}/{decision.Request.DesiredCapacity}";
    const string scenario = "group (4 instances) + record";

    yield return new BenchCase("LaunchTemplateRevert", scenario, "decision", bytes.Length, output, outcome,
        () => RevertPlanner.Plan(input).Reason.Length);
    yield return new BenchCase("LaunchTemplateRevert", scenario, "Handler", bytes.Length, output, outcome, HandlerCall(function.Handler, bytes));
}

// One input stream reused and rewound, as cheap as the runtime's; the output is disposed like the runtime does.
static Func<long> HandlerCall(Func<Stream, Stream> handler, byte[] payload)
{
    var input = new MemoryStream(payload, writable: false);
    return () =>
    {
        input.Position = 0;
        using var output = handler(input);
        return output.Length;
    };
}

// The handler must answer exactly what the decision function decides, serialized: otherwise the two rows time different work.
static int SameAsHandler(Func<Stream, Stream> handler, byte[] payload, MemoryStream expected, string name)
{
    using var input = new MemoryStream(payload, writable: false);
    using var actual = (MemoryStream)handler(input);
    Expect(actual.ToArray().AsSpan().SequenceEqual(expected.ToArray()),
        $"{name}: Function.Handler answered differently from the decision function serialized with HandlerPayload.Write");
    return (int)actual.Length;
}

static void Expect(bool condition, string message)
{
    if (!condition)
    {
        throw new InvalidOperationException(message);
    }
}
