using System.CommandLine;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Commands;

/// <summary><c>graph</c>: the Deploy state machine as a Mermaid flowchart, from its definition.</summary>
public static class GraphCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var env = Options.Environment();
        var machine = new Option<string>("--machine") { Description = "deploy (default), rollback or health-probe.", DefaultValueFactory = _ => "deploy" };
        machine.AcceptOnlyFromAmong("deploy", "rollback", "health-probe");
        var command = new Command("graph", "Print a state machine of --env as a Mermaid flowchart (paste into any Mermaid viewer).") { env, machine };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            var machines = await context.Gateway.LocateAsync(context.Application, result.GetValue(env)!, ct);
            var arn = result.GetValue(machine) switch { "rollback" => machines.Rollback, "health-probe" => machines.HealthProbe, _ => machines.Deploy };
            var mermaid = MermaidGraph.From(await context.Gateway.DefinitionAsync(arn, ct));
            context.Output.Line(mermaid);
            context.Output.Result(new JsonObject { ["machine"] = result.GetValue(machine), ["stateMachineArn"] = arn, ["mermaid"] = mermaid });
            return ExitCode.Success;
        }));
        return command;
    }
}
