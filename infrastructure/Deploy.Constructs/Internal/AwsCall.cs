using Constructs;
using Amazon.CDK.AWS.IAM;

namespace Deploy.Constructs.Internal;

/// <summary>An <c>aws-sdk</c> integration as <see cref="FlowTasks.Aws(Construct, string, AwsCall)"/> builds it.</summary>
/// <param name="Service">The SDK service (<c>ec2</c>, <c>autoscaling</c>, …).</param>
/// <param name="Action">The API action in camelCase (<c>describeRules</c>).</param>
/// <param name="IamAction">The IAM action it needs (<c>elasticloadbalancing:DescribeRules</c>).</param>
/// <param name="IamResources">The resources that action is allowed on.</param>
/// <param name="Parameters">The request.</param>
internal sealed record AwsCall(string Service, string Action, string IamAction, string[] IamResources, IDictionary<string, object> Parameters)
{
    /// <summary>Where the result goes (default: the whole state is replaced).</summary>
    public string? ResultPath { get; init; }

    /// <summary>What of the response is kept.</summary>
    public IDictionary<string, object>? ResultSelector { get; init; }

    /// <summary>The state's comment.</summary>
    public string? Comment { get; init; }

    /// <summary>What the caller needs besides <see cref="IamAction"/>.</summary>
    public PolicyStatement[]? AdditionalStatements { get; init; }

    /// <summary>Retry every error but the permanent ones (see <see cref="FlowTasks.WithPersistentRetries"/>).</summary>
    public bool PersistentRetries { get; init; }
}
