namespace Deploy.LocalEngine;

/// <summary>The ARNs the local engine hands out: region us-east-1, account 123456789012, as the rehearsal uses.</summary>
internal static class Arns
{
    public const string Region = "us-east-1";
    public const string Account = "123456789012";
    private const string Prefix = "arn:aws:states:";

    public static string StateMachine(string name) => $"{Prefix}{Region}:{Account}:stateMachine:{name}";

    public static string Execution(string stateMachineName, string name) => $"{Prefix}{Region}:{Account}:execution:{stateMachineName}:{name}";

    public static string ExpressExecution(string stateMachineName, string name, string id) =>
        $"{Prefix}{Region}:{Account}:express:{stateMachineName}:{name}:{id}";

    public static string Role(string stateMachineName) => $"arn:aws:iam::{Account}:role/{stateMachineName}-role";

    /// <summary>
    /// Splits a Step Functions ARN <c>arn:aws:states:&lt;region&gt;:&lt;account&gt;:&lt;type&gt;:&lt;name&gt;[:&lt;more&gt;…]</c>;
    /// the region and account are not checked (any are accepted, as a CLI may build ARNs from its own configuration).
    /// </summary>
    /// <returns>The resource type and the parts after it, or <see langword="null"/> when the text is no Step Functions ARN.</returns>
    public static (string Type, string[] Parts)? Parse(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = arn.Split(':');
        if (segments.Length < 7 || segments[2] != "states" || segments[1].Length == 0 || segments[5].Length == 0
            || segments.Skip(6).Any(s => s.Length == 0))
        {
            return null;
        }

        return (segments[5], segments[6..]);
    }

    /// <summary>The state machine name of a state machine ARN; throws <c>InvalidArn</c> when it is none.</summary>
    public static string StateMachineName(string? arn, string member)
    {
        var parsed = Parse(arn);
        return parsed is { Type: "stateMachine", Parts.Length: 1 }
            ? parsed.Value.Parts[0]
            : throw new ApiException("InvalidArn", $"Invalid Arn: '{arn}' is not a state machine ARN ({member}).");
    }

    /// <summary>The state machine and execution names of an execution ARN; throws <c>InvalidArn</c> when it is none.</summary>
    public static (string StateMachine, string Name) ExecutionNames(string? arn, string member)
    {
        var parsed = Parse(arn);
        return parsed switch
        {
            { Type: "execution", Parts.Length: 2 } p => (p.Parts[0], p.Parts[1]),
            { Type: "express", Parts.Length: 3 } p => (p.Parts[0], p.Parts[1]),
            _ => throw new ApiException("InvalidArn", $"Invalid Arn: '{arn}' is not an execution ARN ({member})."),
        };
    }
}
