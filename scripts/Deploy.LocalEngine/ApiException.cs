namespace Deploy.LocalEngine;

/// <summary>
/// An error the endpoint answers with HTTP 400 and <c>{"__type": Code, "message": Message}</c>, as Step Functions does
/// (for example <c>ExecutionDoesNotExist</c>, <c>InvalidArn</c>, <c>TaskDoesNotExist</c>).
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="code">The Step Functions error code (the <c>__type</c>).</param>
    /// <param name="message">What is wrong.</param>
    public ApiException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The Step Functions error code, for example <c>ExecutionDoesNotExist</c>.</summary>
    public string Code { get; }
}
