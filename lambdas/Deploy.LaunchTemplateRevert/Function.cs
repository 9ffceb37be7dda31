using Deploy.Contracts;

namespace Deploy.LaunchTemplateRevert;

/// <summary>
/// The LaunchTemplateRevert Lambda handler (<c>Deploy.LaunchTemplateRevert::Deploy.LaunchTemplateRevert.Function::Handler</c>
/// on the managed <c>dotnet10</c> runtime). Deserializes, delegates to <see cref="RevertPlanner"/>, serializes.
/// </summary>
public sealed class Function
{
    /// <summary>Handles one invocation.</summary>
    /// <param name="input">A <see cref="LaunchTemplateRevertInput"/> as JSON.</param>
    /// <returns>A <see cref="LaunchTemplateRevertDecision"/> as JSON; input that cannot be read yields <see cref="DeployErrors.MalformedInput"/>.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "The Lambda runtime creates the handler class and calls this method on the instance the template names.")]
    public Stream Handler(Stream input)
    {
        var decision = HandlerPayload.TryRead(input, DeployJsonContext.Default.LaunchTemplateRevertInput, "LaunchTemplateRevert", out var request, out var error)
            ? RevertPlanner.Plan(request)
            : LaunchTemplateRevertDecision.ForError(error);
        return HandlerPayload.Write(decision, DeployJsonContext.Default.LaunchTemplateRevertDecision);
    }
}
