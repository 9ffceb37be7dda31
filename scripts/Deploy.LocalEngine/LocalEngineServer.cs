using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.Rehearsal;
using Deploy.Rehearsal.Simulation;

namespace Deploy.LocalEngine;

/// <summary>
/// A Step Functions-compatible HTTP endpoint on 127.0.0.1 (JSON 1.0 protocol: <c>POST /</c>, <c>X-Amz-Target:
/// AWSStepFunctions.&lt;Action&gt;</c>) that runs the synthesized state machines of a cdk.out directory in the rehearsal
/// engine, each environment against its own persistent simulated AWS world.
/// </summary>
public sealed class LocalEngineServer : IDisposable
{
    private const string TargetPrefix = "AWSStepFunctions.";
    private const string ContentType = "application/x-amz-json-1.0";

    private readonly HttpListener _listener;
    private readonly List<EnvironmentHost> _hosts;
    private readonly StepFunctionsApi _api;
    private readonly Action<string> _log;
    private readonly Task _accepting;
    private int _disposed;

    private LocalEngineServer(HttpListener listener, int port, List<EnvironmentHost> hosts, TimeSpan syncTimeout, DateTimeOffset created, Action<string> log)
    {
        _listener = listener;
        _hosts = hosts;
        _log = log;
        Port = port;
        _api = new StepFunctionsApi(hosts, syncTimeout, created);
        Origin = created;
        _accepting = Task.Run(AcceptLoop);
    }

    /// <summary>The real time at which the simulated clock shows <see cref="SimulatedWorld.Epoch"/> (real time: <see cref="LocalEngineOptions.Speed"/>).</summary>
    public DateTimeOffset Origin { get; }

    /// <summary>The port the endpoint listens on.</summary>
    public int Port { get; }

    /// <summary>The endpoint URL, <c>http://127.0.0.1:&lt;port&gt;</c>, for <c>--endpoint-url</c>.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The environments served, as <c>&lt;application&gt;-&lt;environment&gt;</c>.</summary>
    public IReadOnlyList<string> Environments => _hosts.Select(h => $"{h.Application}-{h.Environment}").ToList();

    /// <summary>
    /// Resolves the templates, starts one rehearsal engine and simulated world per environment, and starts listening.
    /// </summary>
    /// <exception cref="InvalidOperationException">No usable template, or the port cannot be bound.</exception>
    /// <exception cref="RehearsalException">Node.js, the engine scripts or the npm packages are missing.</exception>
    public static LocalEngineServer Start(LocalEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!double.IsFinite(options.Speed) || options.Speed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Speed, "Speed must be 0 (instant) or a positive number of simulated seconds per real second.");
        }

        var log = options.Log ?? (_ => { });
        var cdkOut = Path.GetFullPath(options.CdkOut);
        if (!Directory.Exists(cdkOut))
        {
            throw new InvalidOperationException($"The cdk.out directory '{cdkOut}' does not exist.");
        }

        var root = options.RepositoryRoot is { } given ? Path.GetFullPath(given) : FindRepositoryRoot();
        var (seed, seedJson) = LoadSeed(options.ScenarioFile);
        var stacks = StackCatalog.Load(root, cdkOut, log);
        var hosts = new EnvironmentHost?[stacks.Count];
        var now = DateTimeOffset.UtcNow;
        var origin = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        try
        {
            Parallel.For(0, stacks.Count, i =>
            {
                var stack = stacks[i];
                var engine = RehearsalEngine.Start(root, new RehearsalEngineOptions
                {
                    ValidateDefinitions = false,
                    Diagnostics = line => log($"{stack.StackName} engine: {line}"),
                });
                try
                {
                    hosts[i] = new EnvironmentHost(stack, ScenarioFor(stack, seed, seedJson), engine, origin, options.ApprovalTimeout, options.Speed, log);
                }
                catch
                {
                    engine.Dispose();
                    throw;
                }
            });
            foreach (var stack in stacks)
            {
                log($"{stack.StackName}: {string.Join(", ", stack.Machines.Select(m => $"{m.Name} ({m.Type})"))}");
            }

            var (listener, port) = Listen(options.Port);
            return new LocalEngineServer(listener, port, hosts.Select(h => h!).ToList(), options.SyncTimeout, origin, log);
        }
        catch
        {
            foreach (var host in hosts)
            {
                host?.Dispose();
            }

            throw;
        }
    }

    /// <summary>Stops listening, aborts what waits for approval and stops the engines.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }

        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        Parallel.ForEach(_hosts, host => host.Dispose());
    }

    /// <summary>The seed scenario for one stack: the file's world, with the environment and sizes of the stack.</summary>
    internal static Scenario ScenarioFor(LoadedStack stack, Scenario seed, JsonObject? seedJson)
    {
        var world = seedJson?["world"] as JsonObject;
        var capacity = world?["capacity"] is null ? stack.Capacity ?? seed.World.Capacity : seed.World.Capacity;
        var maxCapacity = world?["maxCapacity"] is null ? Math.Max(capacity, stack.MaxCapacity ?? seed.World.MaxCapacity) : seed.World.MaxCapacity;
        var settings = seed.Settings?.DeepClone() as JsonObject;
        if (settings?["autoRollback"] is null && stack.AutoRollback is { } enabled)
        {
            settings ??= new JsonObject();
            settings["autoRollback"] = enabled;
        }

        return seed with
        {
            Name = stack.StackName,
            Environment = stack.Environment,
            Application = stack.Application,
            Settings = settings,
            World = seed.World with { Capacity = capacity, MaxCapacity = maxCapacity },
            Request = null,
            Later = [],
            Expect = new Expectation(),
        };
    }

    private static (Scenario Seed, JsonObject? Json) LoadSeed(string? file)
    {
        if (file is null)
        {
            return (new Scenario(), null);
        }

        var path = Path.GetFullPath(file);
        return (Scenario.Load(path), JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        }) as JsonObject);
    }

    /// <summary>The repository root: the first folder above the current directory, then above the program, with the rehearsal engine and its npm packages.</summary>
    internal static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "scripts", "rehearsal", "engine.mjs"))
                    && Directory.Exists(Path.Combine(dir.FullName, "node_modules", "aws-local-stepfunctions")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            "The repository root (with scripts/rehearsal/engine.mjs and node_modules/aws-local-stepfunctions) was not found above the current directory or the program; pass --repository-root.");
    }

    private static (HttpListener Listener, int Port) Listen(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            var candidate = port == 0 ? FreePort() : port;
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{candidate}/");
            listener.Prefixes.Add($"http://localhost:{candidate}/"); // the same loopback socket, for Host: localhost
            try
            {
                listener.Start();
                return (listener, candidate);
            }
            catch (HttpListenerException e) when (port == 0 && attempt < 20)
            {
                listener.Close();
                _ = e;
            }
            catch (HttpListenerException e)
            {
                listener.Close();
                throw new InvalidOperationException($"Cannot listen on 127.0.0.1:{candidate}: {e.Message}", e);
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoop()
    {
        while (Volatile.Read(ref _disposed) == 0)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Serve(context));
        }
    }

    private void Serve(HttpListenerContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"];
        var action = target is not null && target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target ?? "(none)";
        int status;
        JsonObject body;
        try
        {
            if (context.Request.HttpMethod != "POST" || target is null || !target.StartsWith(TargetPrefix, StringComparison.Ordinal))
            {
                throw new ApiException("UnknownOperationException",
                    $"Expected POST / with X-Amz-Target: {TargetPrefix}<Action> (got {context.Request.HttpMethod} {context.Request.Url?.AbsolutePath} with X-Amz-Target: {target ?? "none"}).");
            }

            body = _api.Invoke(action, ReadRequest(context.Request));
            status = 200;
        }
        catch (ApiException e)
        {
            status = 400;
            body = new JsonObject { ["__type"] = e.Code, ["message"] = e.Message };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log($"{action}: internal error: {e}");
            status = 500;
            body = new JsonObject { ["__type"] = "InternalFailure", ["message"] = e.Message };
        }

        try
        {
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Wire.Options));
            var response = context.Response;
            response.StatusCode = status;
            response.ContentType = ContentType;
            response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            if (status != 200)
            {
                response.Headers["x-amzn-ErrorType"] = (string?)body["__type"];
            }

            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away.
        }
    }

    private static JsonObject ReadRequest(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new JsonObject();
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new ApiException("SerializationException", "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ApiException("SerializationException", $"The request body is not valid JSON: {e.Message}");
        }
    }
}
