using Deploy.Contracts;

namespace Deploy.HealthCheck;

/// <summary>
/// The HealthCheck Lambda handler (<c>Deploy.HealthCheck::Deploy.HealthCheck.Function::Handler</c>
/// on the managed <c>dotnet10</c> runtime). Deserializes, delegates to <see cref="HealthEvaluator"/>, serializes.
/// </summary>
public sealed class Function
{
    /// <summary>Handles one invocation.</summary>
    /// <param name="input">A <see cref="HealthCheckInput"/> as JSON.</param>
    /// <returns>A <see cref="HealthVerdict"/> as JSON; input that cannot be read yields <see cref="DeployErrors.MalformedInput"/>.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "The Lambda runtime creates the handler class and calls this method on the instance the template names.")]
    public Stream Handler(Stream input)
    {
        var verdict = HandlerPayload.TryRead(input, DeployJsonContext.Default.HealthCheckInput, "HealthCheck", out var request, out var error)
            ? HealthEvaluator.Evaluate(request)
            : HealthVerdict.ForError(error);
        return HandlerPayload.Write(verdict, DeployJsonContext.Default.HealthVerdict);
    }
}
