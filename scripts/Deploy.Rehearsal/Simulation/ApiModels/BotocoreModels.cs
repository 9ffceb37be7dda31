using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace Deploy.Rehearsal.Simulation.ApiModels;

/// <summary>
/// The AWS API models that ship with botocore (<c>botocore/data/&lt;service&gt;/&lt;api-version&gt;/service-2.json</c>,
/// some gzipped): every operation's input and output shapes, required members, types, enums, ranges and modeled errors.
/// The simulated world checks every request and response against them, so it refuses what AWS refuses.
/// </summary>
/// <remarks>
/// botocore is found once per process: the folder named by <c>BOTOCORE_DATA_DIR</c> (botocore's <c>data</c> folder), or
/// else the <c>data</c> folder next to the module <c>python3</c> imports. A service's model is read on first use and
/// cached; like botocore's own loader, the newest API version with a <c>service-2</c> file wins.
/// </remarks>
public static class BotocoreModels
{
    /// <summary>The environment variable that names botocore's <c>data</c> folder (skips asking <c>python3</c>).</summary>
    public const string DataDirectoryVariable = "BOTOCORE_DATA_DIR";

    private static readonly Lazy<string> Data = new(
        () => FindDataDirectory(Environment.GetEnvironmentVariable(DataDirectoryVariable)), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<string, Lazy<ServiceModel>> Models = new(StringComparer.Ordinal);

    /// <summary>botocore's <c>data</c> folder.</summary>
    /// <exception cref="InvalidOperationException">botocore is not installed (the message says how to fix it).</exception>
    public static string DataDirectory => Data.Value;

    /// <summary>The model of a botocore service (<c>elbv2</c>, <c>autoscaling</c>, <c>ec2</c>, <c>stepfunctions</c>, …), loaded once.</summary>
    /// <exception cref="InvalidOperationException">botocore is not installed, or has no model of that name.</exception>
    public static ServiceModel Service(string name) =>
        Models.GetOrAdd(name, n => new Lazy<ServiceModel>(() => Load(n), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static ServiceModel Load(string name)
    {
        var folder = Path.Combine(DataDirectory, name);
        var file = Directory.Exists(folder)
            ? Directory.GetDirectories(folder)
                .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)
                .SelectMany(d => new[] { Path.Combine(d, "service-2.json"), Path.Combine(d, "service-2.json.gz") })
                .FirstOrDefault(File.Exists)
            : null;
        if (file is null)
        {
            throw new InvalidOperationException($"botocore at {DataDirectory} has no API model for the service '{name}' (no {name}/<version>/service-2.json).");
        }

        using var stream = File.OpenRead(file);
        using var text = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var document = JsonDocument.Parse(text);
        var version = Path.GetFileName(Path.GetDirectoryName(file)!);
        return new ServiceModel(name, version, document.RootElement.Clone());
    }

    /// <summary>
    /// botocore's <c>data</c> folder: <paramref name="configured"/> when given (the value of <c>BOTOCORE_DATA_DIR</c>), else
    /// the one next to the botocore module <c>python3</c> imports. <see cref="DataDirectory"/> asks once per process.
    /// </summary>
    /// <exception cref="InvalidOperationException">botocore is not there (the message says how to fix it).</exception>
    public static string FindDataDirectory(string? configured)
    {
        if (configured is { Length: > 0 })
        {
            return Directory.Exists(configured)
                ? configured
                : throw Missing($"{DataDirectoryVariable} is set to {configured}, which does not exist.");
        }

        string output;
        try
        {
            using var python = Process.Start(new ProcessStartInfo("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var stdout = python.StandardOutput.ReadToEndAsync();
            var stderr = python.StandardError.ReadToEndAsync();
            if (!python.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                python.Kill(entireProcessTree: true);
                throw Missing("python3 did not answer within 30 seconds.");
            }

            if (python.ExitCode != 0)
            {
                throw Missing($"python3 could not import botocore: {stderr.Result.Trim()}");
            }

            output = stdout.Result.Trim();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw Missing($"python3 could not be started ({e.Message}).");
        }

        var data = Path.Combine(output, "data");
        return Directory.Exists(data) ? data : throw Missing($"botocore at {output} has no data folder.");
    }

    private static InvalidOperationException Missing(string detail) =>
        new("botocore is required: the rehearsal checks every simulated AWS request and response against botocore's API models. "
            + $"Install it (python3 -m pip install botocore) or set {DataDirectoryVariable} to its data folder. {detail}");
}
