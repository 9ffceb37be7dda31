using Deploy.Contracts;
using Deploy.Rules;

namespace Deploy.ValidateRequest;

/// <summary>
/// The ValidateRequest Lambda handler (<c>Deploy.ValidateRequest::Deploy.ValidateRequest.Function::Handler</c>
/// on the managed <c>dotnet10</c> runtime). Deserializes, delegates to <see cref="RequestValidator"/>, serializes.
/// </summary>
public sealed class Function
{
    /// <summary>Handles one invocation.</summary>
    /// <param name="input">A <see cref="ValidateRequestInput"/> as JSON.</param>
    /// <returns>A <see cref="ValidateRequestOutput"/> as JSON; input that cannot be read yields <see cref="DeployErrors.MalformedInput"/>.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "The Lambda runtime creates the handler class and calls this method on the instance the template names.")]
    public Stream Handler(Stream input)
    {
        var output = HandlerPayload.TryRead(input, DeployJsonContext.Default.ValidateRequestInput, "ValidateRequest", out var request, out var error)
            ? RequestValidator.Validate(request)
            : new ValidateRequestOutput { Error = error };
        return HandlerPayload.Write(output, DeployJsonContext.Default.ValidateRequestOutput);
    }
}
