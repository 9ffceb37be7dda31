using System.Globalization;
using System.Runtime.InteropServices;
using Deploy.LocalEngine;

// deploy-local-engine: see LocalEngineServer. Exit codes: 0 stopped by a signal or stdin EOF, 2 usage, 1 failed to start.
const string Usage = """
usage: deploy-local-engine (--cdk-out <dir> | --synth <dir>) [--port N] [--scenario <file>] [--repository-root <dir>] [--approval-timeout <seconds>] [--speed N|instant] [--quiet]

  --cdk-out <dir>             synthesized app (npx cdk synth): one environment per *.template.json with a pipeline
  --synth <dir>               first synthesize the repository's bundled app into <dir> (handlers not bundled), then serve it
  --port N                    port on 127.0.0.1 (default 8083; 0 = pick a free one, printed on the first line)
  --scenario <file>           seeds every environment's world (tests/scenarios format: world, health, versions,
                              timeline, faults, settings.autoRollback; request, later and expect are ignored); with
                              an "approval" the world answers approvals itself, else they wait for the API
  --repository-root <dir>     where scripts/rehearsal and node_modules are (default: found above the current directory)
  --approval-timeout <sec>    real seconds an approval waits for SendTaskSuccess/Failure (default: the state's timeout)
  --speed N|instant           simulated seconds per real second (default 60: a 15-minute canary takes 15 s, and a
                              deployment can be watched, approved or aborted while it runs); 0 or instant runs
                              simulated time instantly (every execution to its end at once)
  --quiet                     no progress lines on stderr

Prints "local engine listening on http://127.0.0.1:<port>" on stdout (localhost works too), then, in real time,
"simulated time: <N> simulated seconds per real second since <unix ms>" (the real instant simulated time 00:00:00
was), then serves until SIGINT, SIGTERM or (when stdin is a pipe) the end of stdin.
""";

string? cdkOut = null;
string? synth = null;
string? scenario = null;
string? root = null;
var port = LocalEngineOptions.DefaultPort;
TimeSpan? approvalTimeout = null;
var quiet = false;
var speed = LocalEngineOptions.DefaultSpeed;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    try
    {
        switch (args[i])
        {
            case "--cdk-out":
                cdkOut = Value();
                break;
            case "--synth":
                synth = Value();
                break;
            case "--port":
                port = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                if (port > 65535)
                {
                    throw new ArgumentException("--port must be 0-65535");
                }

                break;
            case "--scenario":
                scenario = Value();
                break;
            case "--repository-root":
                root = Value();
                break;
            case "--approval-timeout":
                approvalTimeout = TimeSpan.FromSeconds(double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture));
                break;
            case "--speed":
                var text = Value();
                speed = text == "instant" ? 0 : double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                if (!double.IsFinite(speed) || speed > 1_000_000)
                {
                    throw new ArgumentException("--speed must be instant, 0 or a number of simulated seconds per real second up to 1000000");
                }

                break;
            case "--quiet":
                quiet = true;
                break;
            case "-h" or "--help":
                Console.Out.WriteLine(Usage);
                return 0;
            default:
                throw new ArgumentException($"unknown argument '{args[i]}'");
        }
    }
    catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
    {
        Console.Error.WriteLine($"deploy-local-engine: {e.Message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}

if ((cdkOut is null) == (synth is null))
{
    Console.Error.WriteLine("deploy-local-engine: give either --cdk-out or --synth");
    Console.Error.WriteLine(Usage);
    return 2;
}

var stderr = TextWriter.Synchronized(Console.Error);
LocalEngineServer server;
try
{
    if (synth is not null)
    {
        root ??= LocalEngineServer.FindRepositoryRoot();
        if (!quiet)
        {
            stderr.WriteLine($"deploy-local-engine: synthesizing the bundled app into {synth}");
        }

        BundledApp.Synthesize(root, synth);
    }

    server = LocalEngineServer.Start(new LocalEngineOptions
    {
        CdkOut = cdkOut ?? synth!,
        Port = port,
        ScenarioFile = scenario,
        RepositoryRoot = root,
        ApprovalTimeout = approvalTimeout,
        Speed = speed,
        Log = quiet ? null : line => stderr.WriteLine($"deploy-local-engine: {line}"),
    });
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine($"deploy-local-engine: {e.Message}");
    return 1;
}

using var stop = new ManualResetEventSlim();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Set();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
if (StdinIsPipe())
{
    new Thread(() =>
    {
        try
        {
            using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (stdin.Read(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
        }

        stop.Set();
    }) { IsBackground = true, Name = "stdin-watch" }.Start();
}

Console.Out.WriteLine($"local engine listening on {server.Url}");
if (speed > 0)
{
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"simulated time: {speed} simulated seconds per real second since {server.Origin.ToUnixTimeMilliseconds()} (unix ms)"));
}

Console.Out.Flush();
stop.Wait();
if (!quiet)
{
    stderr.WriteLine("deploy-local-engine: stopping");
}

server.Dispose();
return 0;

// A pipe's EOF means the parent went away; /dev/null, a file or a terminal never stop the engine.
static bool StdinIsPipe()
{
    if (!Console.IsInputRedirected)
    {
        return false;
    }

    try
    {
        var info = new FileInfo("/proc/self/fd/0");
        return info.LinkTarget?.StartsWith("pipe:", StringComparison.Ordinal) == true;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        return false;
    }
}
