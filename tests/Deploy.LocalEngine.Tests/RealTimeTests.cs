using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Deploy.LocalEngine.Tests;

/// <summary>The engine in real, scaled time (<see cref="LocalEngineOptions.Speed"/>): a second server on the fixture's cdk.out.</summary>
[Collection(EngineCollection.Name)]
public class RealTimeTests(EngineFixture fixture)
{
    /// <summary>Simulated seconds per real second: a staging canary (about 15 simulated minutes) takes about 8 s.</summary>
    private const double Speed = 120;

    [Fact]
    public async Task StartExecution_ScaledRealTime_RunningInCanaryBakeThenSucceedsNoFasterThanTheSpeed()
    {
        // Arrange
        using var server = LocalEngineServer.Start(new LocalEngineOptions
        {
            CdkOut = fixture.CdkOut,
            Port = 0,
            RepositoryRoot = Repository.Root,
            Speed = Speed,
        });
        using var client = new StepFunctionsClient(server.Url);
        var watch = Stopwatch.StartNew();

        // Act
        var arn = await client.Start("webapp-staging-deploy", """{"version":"v1.1.0","imageId":"ami-0123456789abcdef0","strategy":"Canary"}""");
        var seenInBake = false;
        var lastCount = 0;
        JsonObject described;
        for (var poll = 0; ; poll++)
        {
            described = await client.Call("DescribeExecution", new JsonObject { ["executionArn"] = arn });
            var history = await client.History(arn);
            var running = (string)described["status"]! == "RUNNING";
            seenInBake |= running && history.Any(e => (string?)e["stateEnteredEventDetails"]?["name"] == "CanaryBake");
            Assert.True(history.Count >= lastCount, "the history of a running execution only grows");
            lastCount = history.Count;
            if (!running)
            {
                break;
            }

            Assert.True(poll < 3000 && watch.Elapsed < TimeSpan.FromSeconds(120), $"still running: {described.ToJsonString()}");
            await Task.Delay(20);
        }

        var real = watch.Elapsed;
        var final = await client.History(arn);

        // Assert
        Assert.Equal("SUCCEEDED", (string)described["status"]!);
        Assert.True(seenInBake, "the execution was observed RUNNING once its canary bake had begun");
        var start = DateTimeOffset.FromUnixTimeMilliseconds((long)((double)described["startDate"]! * 1000));
        var stop = DateTimeOffset.FromUnixTimeMilliseconds((long)((double)described["stopDate"]! * 1000));
        var simulated = stop - start;
        Assert.True(simulated >= TimeSpan.FromMinutes(10), $"a staging canary spends simulated minutes (grace, bake): {simulated}");
        // Simulated time never runs ahead of real time × speed (one tick of slack): the execution was not run instantly.
        Assert.True(simulated <= real * Speed + TimeSpan.FromMinutes(1), $"simulated {simulated} in real {real} at {Speed}x");
        // Every event lies between the execution's start and stop, and the Task and Wait states follow one another in time.
        Assert.All(final, e => Assert.InRange((double)e["timestamp"]!, (double)described["startDate"]! - 0.001, (double)described["stopDate"]! + 0.001));
        var steps = final.Where(e => (string)e["type"]! is "TaskStateEntered" or "WaitStateEntered").Select(e => (double)e["timestamp"]!).ToList();
        Assert.True(steps.Count > 10, "the deployment entered its tasks and waits");
        Assert.True(steps.Order().SequenceEqual(steps), "tasks and waits are entered in simulated-time order");
        // And every event (Choice and Pass states included) is no earlier than the one before it.
        var times = final.Select(e => (double)e["timestamp"]!).ToList();
        var back = Enumerable.Range(1, times.Count - 1).Where(i => times[i] < times[i - 1]).Select(i => $"{final[i]["type"]} {final[i]["id"]}").ToList();
        Assert.True(back.Count == 0, "events earlier than the one before them: " + string.Join(", ", back));
    }
}
