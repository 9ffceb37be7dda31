using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Deploy.App;

namespace Deploy.TestSupport;

/// <summary>
/// A synthesized cloud assembly shared by the test processes of a run: the first process that needs it synthesizes it
/// under a file lock into <c>$TMPDIR/deploy-tests-synth/&lt;kind&gt;-&lt;key&gt;</c>; the others wait for the lock and
/// read the same folder. The key is a hash of every input of the synthesis, so a changed input makes a new folder.
/// </summary>
internal static class SynthCache
{
    // Bump when the layout of an entry changes.
    private const string Format = "1";
    private const string StacksFile = "deploy-tests-stacks.json";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);
    private static readonly Lock InProcess = new();

    /// <summary>The folder of <paramref name="kind"/> for the current inputs, synthesized by <paramref name="synthesize"/> when no process made it yet.</summary>
    /// <param name="kind">What is synthesized (part of the folder's name and lock).</param>
    /// <param name="synthesize">Synthesizes into the folder it is given; returns the stack names.</param>
    /// <returns>The folder and its stack names.</returns>
    public static (string OutDir, IReadOnlyList<string> Stacks) GetOrCreate(string kind, Func<string, IReadOnlyList<string>> synthesize)
    {
        OfflineEnvironment.Apply();
        var root = Path.Combine(Path.GetTempPath(), "deploy-tests-synth");
        Directory.CreateDirectory(root);
        var entry = Path.Combine(root, $"{kind}-{Key(kind)}");
        var stacksFile = Path.Combine(entry, StacksFile);
        using (Lock(Path.Combine(root, kind + ".lock")))
        {
            if (!File.Exists(stacksFile))
            {
                // Written aside and moved in whole, the stacks file last: an entry is complete or absent, even after a crash.
                var partial = $"{entry}.partial-{Environment.ProcessId}";
                TryDelete(partial);
                Directory.CreateDirectory(partial);
                IReadOnlyList<string> stacks;
                try
                {
                    // One synthesis at a time in a process, whatever its kind: the CDK's jsii runtime serves one caller.
                    lock (InProcess)
                    {
                        stacks = synthesize(partial);
                    }
                }
                catch
                {
                    TryDelete(partial);
                    throw;
                }

                File.WriteAllText(Path.Combine(partial, StacksFile), JsonSerializer.Serialize(stacks));
                TryDelete(entry);
                Directory.Move(partial, entry);
                Prune(root, kind, entry);
            }
        }

        return (entry, JsonSerializer.Deserialize<List<string>>(File.ReadAllText(stacksFile))!);
    }

    /// <summary>Deletes <paramref name="directory"/> and what it holds, if it exists; a folder that cannot be deleted stays.</summary>
    /// <param name="directory">The folder.</param>
    public static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    /// <summary>
    /// The inputs of a synthesis: the app's assemblies (the constructs and the app themselves in full; their packages
    /// by name, size and date), the repository's cdk.json, the handler sources (the offline assets' hashes are their
    /// fingerprints) with the build files they depend on, and the environment variables the CDK and the constructs read.
    /// </summary>
    private static string Key(string kind)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        // Named relative to where it was found (the test project's folder or the repository), so two test projects'
        // identical copies of an input give the same key.
        void FileContent(string name, string file)
        {
            Text(name);
            hash.AppendData(File.ReadAllBytes(file));
        }

        Text(Format);
        Text(kind);
        Text(Repository.Root);
        foreach (var assembly in AppAssemblies())
        {
            var info = new FileInfo(assembly);
            if (info.Name.StartsWith("Deploy.", StringComparison.Ordinal))
            {
                FileContent(info.Name, assembly);
            }
            else
            {
                Text($"{info.Name} {info.Length} {info.LastWriteTimeUtc:O}");
            }
        }

        var lambdas = Path.Combine(Repository.Root, "lambdas");
        var sources = Directory.EnumerateFiles(lambdas, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(lambdas, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Concat(new[] { "cdk.json", "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => Path.Combine(Repository.Root, f)).Where(File.Exists))
            .Order(StringComparer.Ordinal);
        foreach (var file in sources)
        {
            FileContent(Path.GetRelativePath(Repository.Root, file), file);
        }

        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, (string?)e.Value))
            .Where(e => e.Item1.StartsWith("CDK_", StringComparison.Ordinal) || e.Item1 is "DEPLOY_HANDLER_SOURCE_ROOT" or "AWS_REGION" or "AWS_DEFAULT_REGION")
            .OrderBy(e => e.Item1, StringComparer.Ordinal))
        {
            Text($"{name}={value}");
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..20];
    }

    /// <summary>The app's assembly and every assembly it references, transitively, found beside the test assembly.</summary>
    private static List<string> AppAssemblies()
    {
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Queue<string>([typeof(AppBuilder).Assembly.GetName().Name!]);
        while (pending.TryDequeue(out var name))
        {
            var file = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            if (found.ContainsKey(name) || !File.Exists(file))
            {
                continue; // seen already, or part of the shared framework
            }

            found[name] = file;
            using var pe = new PEReader(File.OpenRead(file));
            var metadata = pe.GetMetadataReader();
            foreach (var reference in metadata.AssemblyReferences)
            {
                pending.Enqueue(metadata.GetString(metadata.GetAssemblyReference(reference).Name));
            }
        }

        return found.Values.ToList();
    }

    private static FileStream Lock(string path)
    {
        // FileShare.None takes an exclusive advisory lock (flock) on Unix; it is released when the process ends, however it ends.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                Thread.Sleep(250);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"Another test process held {path} for more than {LockTimeout.TotalMinutes:0} minutes (a synthesis that never ended?).", e);
            }
        }
    }

    /// <summary>Deletes this kind's other entries and abandoned partial folders older than <see cref="KeptFor"/>.</summary>
    private static void Prune(string root, string kind, string keep)
    {
        foreach (var directory in Directory.EnumerateDirectories(root, kind + "-*"))
        {
            if (directory != keep && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) > KeptFor)
            {
                TryDelete(directory);
            }
        }
    }
}
