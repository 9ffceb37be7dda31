using System.CommandLine;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Deploy.Cli.Tests.TestSupport;

namespace Deploy.Cli.Tests;

/// <summary>
/// Every verb and every option of the built command line (so a new verb or option is covered without touching this
/// file), each given hostile values, in-process against a client that answers nothing useful: the exit code is one of
/// the documented <see cref="ExitCode"/>s and nothing printed looks like a crash.
/// </summary>
public partial class CliAppFuzzTests
{
    private static readonly string[] Machines = ["webapp-staging-deploy", "webapp-staging-rollback", "webapp-staging-health-probe",
        "webapp-production-deploy", "webapp-production-rollback", "webapp-production-health-probe"];

    /// <summary>Values that are right for each required option, so the fuzzed option is what the CLI has to judge.</summary>
    private static readonly Dictionary<string, string> Valid = new()
    {
        ["--env"] = "staging",
        ["--version"] = "v1.0.0",
        ["--reason"] = "fuzz",
        ["--from"] = "staging",
        ["--to"] = "production",
        ["--image-id"] = "ami-0123456789abcdef0",
    };

    /// <summary>Empty, blank, negative, zero, huge, malformed, unicode, very long, and values that look like options or ARNs.</summary>
    private static readonly string[] Hostile =
    [
        "", " ", "-1", "0", "1", "-3", "150", "1.5", "-0.0", "1e9", "1e9h", "1e308", "NaN", "Infinity", "99999999999", "9223372036854775808",
        "0x10", "0s", "-5m", "5", "5x", "h", "abc", "ünïcødé ✓ 部署", "\u202Eevil", "\t\n", new string('9', 400), new string('x', 20_000), "-", "--", "--env",
        "s3://", "ami-", "arn:aws:states:us-east-1:123456789012:execution:webapp-production-deploy:x",
        "arn:aws:states:us-east-1:123456789012:execution:webapp-staging-rollback:x", "arn:aws:states:::execution::", "http://[::1", "http://localhost:0",
    ];

    [Fact]
    public async Task Run_EveryVerbAndOptionWithHostileValues_ExitsInTheTableWithoutCrashOrTypeNames()
    {
        var root = CliApp.CreateRoot(TextWriter.Null, TextWriter.Null);
        var documented = Enum.GetValues<ExitCode>().Select(c => (int)c).ToHashSet();
        var failures = new List<string>();
        var seen = new HashSet<string>();
        var runs = 0;
        var clock = Stopwatch.StartNew();

        foreach (var verb in root.Subcommands)
        {
            var options = verb.Options.Concat(root.Options.Where(o => o.Recursive)).ToList();
            var flags = options.Where(o => o.ValueType == typeof(bool) && o.Name is not "--help" and not "-h").Select(o => o.Name).ToList();
            var required = verb.Options.Where(o => o.Required || (verb.Name == "deploy" && o.Name == "--image-id")).Select(o => o.Name).ToList();
            foreach (var option in options)
            {
                foreach (var value in Hostile.Prepend(null))
                {
                    foreach (var withFlags in new[] { false, true })
                    {
                        var args = new List<string> { verb.Name };
                        foreach (var name in required.Where(r => r != option.Name))
                        {
                            args.AddRange([name, Valid.GetValueOrDefault(name, "x")]);
                        }

                        if (withFlags)
                        {
                            // Every switch of the verb on, and JSON output (errors still on stderr, stdout one document or nothing).
                            args.AddRange(flags.Where(f => f != option.Name));
                            args.AddRange(option.Name == "--output" ? [] : ["--output", "json"]);
                        }

                        args.Add(option.Name);
                        if (value is not null)
                        {
                            args.Add(value);
                        }

                        runs++;
                        if (await Judge(args.ToArray(), documented) is { } failure)
                        {
                            // One example per verb and option, so the message shows every distinct defect.
                            failures.Add(seen.Add(verb.Name + " " + option.Name) ? failure : string.Empty);
                        }
                    }
                }
            }
        }

        // Positional arguments (completion's shell) get the same values.
        foreach (var verb in root.Subcommands.Where(v => v.Arguments.Count > 0))
        {
            foreach (var value in Hostile)
            {
                runs++;
                if (await Judge([verb.Name, .. verb.Arguments.Select(_ => value)], documented) is { } failure)
                {
                    failures.Add(seen.Add(verb.Name + " <argument>") ? failure : string.Empty);
                }
            }
        }

        Assert.True(runs > 1000, $"only {runs} runs: the command line was not enumerated");
        Assert.True(failures.Count == 0, $"{failures.Count} of {runs} runs ({clock.Elapsed.TotalSeconds:0} s) crashed or leaked:\n" + string.Join("\n", failures.Where(f => f.Length > 0)));
    }

    [Fact]
    public void Verdict_CrashOrLeakedTypeName_IsReported()
    {
        // The detector itself: a leaked type name and a code outside the table are caught.
        var documented = Enum.GetValues<ExitCode>().Select(c => (int)c).ToHashSet();

        Assert.NotNull(Verdict(["x"], 134, string.Empty, string.Empty, documented));
        Assert.NotNull(Verdict(["x"], 2, string.Empty, "error: Cannot parse 'a' as expected type 'System.Nullable`1[System.Int64]'.", documented));
        Assert.NotNull(Verdict(["x"], 1, string.Empty, "error: unexpected InvalidOperationException: boom", documented));
        Assert.NotNull(Verdict(["x"], 1, "   at Deploy.Cli.CliApp.RunAsync()", string.Empty, documented));
        Assert.Null(Verdict(["x"], 2, string.Empty, "error: --limit: got \"0\"; use a whole number from 1 to 100.", documented));
    }

    private static async Task<string?> Judge(string[] args, HashSet<int> documented)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int code;
        try
        {
            code = await CliApp.RunAsync(args, stdout, stderr, _ => new SilentClient(Machines), timeout.Token);
        }
        catch (Exception e)
        {
            return $"{Show(args)} → threw {e.GetType().Name}: {Cut(e.Message)}";
        }

        return Verdict(args, code, stdout.ToString(), stderr.ToString(), documented);
    }

    private static string? Verdict(string[] args, int code, string stdout, string stderr, HashSet<int> documented)
    {
        var printed = stdout + stderr;
        if (!documented.Contains(code))
        {
            return $"{Show(args)} → exit {code}: {Cut(printed)}";
        }

        return Leak().Match(printed) is { Success: true } leak ? $"{Show(args)} → exit {code}, leaked \"{leak.Value}\": {Cut(printed)}" : null;
    }

    private static string Show(string[] args) => string.Join(' ', args.Select(a => a.Length > 40 ? $"<{a.Length} chars>" : a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"\"{a}\"" : a));

    private static string Cut(string text) => (text.Length > 300 ? text[..300] + "…" : text).ReplaceLineEndings(" ⏎ ");

    /// <summary>What a crash or a leaked .NET type looks like: "Unhandled exception", stack frames, System.* names, generic arity, *Exception.</summary>
    [GeneratedRegex(@"Unhandled exception|^\s+at \S+\(|   at |System\.[A-Z]|`\d|\b[A-Z][A-Za-z]*Exception\b", RegexOptions.Multiline)]
    private static partial Regex Leak();
}
