using Deploy.Cli.Tests.TestSupport;

namespace Deploy.Cli.Tests;

/// <summary>The detector of <see cref="JsonDocumentRules"/> itself: each rule, broken once, is reported; a good document passes.</summary>
public class JsonDocumentRulesTests
{
    private const string Error = "\"error\": { \"name\": \"Deploy.RolledBack\", \"message\": \"Deployment rolled back.\", \"exitCode\": 4 }";

    [Theory]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", "startDate": "2026-12-01T12:00:00.000Z", "weights": { "blue": 90, "green": 10 }, "durationSeconds": 1.5 }""", 0)]
    [InlineData("""{ "schemaVersion": 1, "kind": "deploy", "weights": null, "stopDate": null, "reason": "a+b <c>", """ + Error + " }", 4)]
    public void Check_DocumentFollowingTheRules_HasNoViolation(string stdout, int exitCode)
    {
        Assert.Empty(JsonDocumentRules.Check(stdout, exitCode, stdout.Contains("\"status\"", StringComparison.Ordinal) ? "status" : "deploy"));
    }

    [Theory]
    [InlineData("""{ "schemaVersion": 1, "kind": "status" }{ "schemaVersion": 1, "kind": "status" }""", 0, "not one JSON document")]
    [InlineData("", 2, "not one JSON document")]
    [InlineData("""{ "kind": "status" }""", 0, "schemaVersion")]
    [InlineData("""{ "schemaVersion": 1, "kind": "info" }""", 0, "kind")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", "startDate": "2026-12-01T12:00:00.1910000\u002B00:00" }""", 0, "startDate")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", "states": [ { "at": "2026-12-01T12:00:00+00:00" } ] }""", 0, "looks like a time")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", "weights": [ { "TargetGroupArn": "arn:x", "Weight": 100 } ] }""", 0, "weights")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", "weights": { "blue": 100, "green": 0, "arn:x": 0 } }""", 0, "weights")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", "evidence": { "p99ResponseTimeMs": 120 } }""", 0, "another unit")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", "durationSeconds": "10s" }""", 0, "number of seconds")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status" }""", 4, "no error object")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", """ + Error + " }", 0, "exit 0 but")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", """ + Error + " }", 3, "exitCode")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", "error": { "name": "UsageError", "message": "m", "exitCode": 7 } }""", 7, "belongs to exit 2")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", "error": { "name": "bad name!", "message": "m", "exitCode": 2, "extra": 1 } }""", 2, "stable identifier")]
    [InlineData("""{ "schemaVersion": 1, "kind": "status", "error": "Deploy.RolledBack" }""", 4, "no error object")]
    public void Check_DocumentBreakingARule_ReportsIt(string stdout, int exitCode, string expected)
    {
        var violations = JsonDocumentRules.Check(stdout, exitCode, "status");

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }
}
