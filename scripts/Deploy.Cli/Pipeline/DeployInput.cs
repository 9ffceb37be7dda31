using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// The members of a Deploy execution's input, the operator's deployment request, named as the ValidateRequest handler reads
/// them (<see cref="DeploymentRequest"/>): the CLI writes a request and reads one back through these, never by a typed name.
/// </summary>
public static class DeployInput
{
    /// <summary>The name of <paramref name="member"/> in a request.</summary>
    public static string Field(Expression<Func<DeploymentRequest, object?>> member) => StatePath.Name(member);

    /// <summary><paramref name="member"/> of <paramref name="input"/>, or null when it is absent.</summary>
    public static JsonNode? Read(JsonNode? input, Expression<Func<DeploymentRequest, object?>> member) => StatePath.Read(input, member);

    /// <summary>The requested version, or null when the input holds none (a retire execution's).</summary>
    public static string? Version(JsonNode? input) => StatePath.ReadString<DeploymentRequest>(input, r => r.Version);

    /// <summary>Whether <paramref name="input"/> starts a retire of the previous color rather than a deployment.</summary>
    public static bool IsRetire(JsonNode? input) => StatePath.Read<DeployState>(input, s => s.RetirePrevious) is not null;
}
