// The rehearsal report: every scenario of tests/scenarios rehearsed on the synthesized state machines (the same way
// as the ScenarioTests fixture: one engine, one synthesis per environment and settings), one line per execution,
// then the two acceptance figures of DESIGN section 5, each generated here so that edits of the scenario files
// cannot change what they measure:
//   (a) a default staging AllAtOnce deployment: state transitions of the Deploy execution, at most 150;
//   (b) a staging deployment with settings {"bakeTimeMinutes": 60}: history events of the Deploy execution, under 2,000;
// and the simulated time from the first bad minute to restored weights on the ALARM path (c) and the PROBE path (d).
//
//   dotnet run --project scripts/Deploy.Rehearsal.Report -- [--json] [--root <repository>] [--scenarios <folder>]
//
// Prints figures and exits 0 even when an acceptance figure says FAIL (a benchmark, not a test); exits 1 only when
// the report could not be made (no scenarios, engine missing), 2 on bad arguments.
using Deploy.Rehearsal.Report;

string? root = null;
string? folder = null;
var json = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--json":
            json = true;
            break;
        case "--root" when i + 1 < args.Length:
            root = args[++i];
            break;
        case "--scenarios" when i + 1 < args.Length:
            folder = args[++i];
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: Deploy.Rehearsal.Report [--json] [--root <repository>] [--scenarios <folder>]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: Deploy.Rehearsal.Report [--json] [--root <repository>] [--scenarios <folder>]");
            return 2;
    }
}

root ??= Report.FindRepositoryRoot();
if (root is null)
{
    Console.Error.WriteLine("error: Deploy.sln not found above the current directory or the program; pass --root <repository>.");
    return 1;
}

folder ??= Path.Combine(root, "tests", "scenarios");
var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList() : [];
if (files.Count == 0)
{
    Console.Error.WriteLine($"error: no scenario files (*.json) in {folder}.");
    return 1;
}

using var report = new Report(root);
var runs = files.Select(report.RehearseFile).ToList();
var acceptance = report.Acceptance();
var restores = report.Restores();
Console.Write(json ? report.Json(folder, runs, acceptance, restores) : report.Table(folder, runs, acceptance, restores));
return 0;
