namespace Deploy.Constructs;

/// <summary>
/// Thrown at synth when a construct's props (or the app's environment settings) are invalid. The message names
/// the prop, the value received and what is allowed; nothing has been created in the app by then.
/// </summary>
public sealed class InvalidPropsException : ArgumentException
{
    /// <summary>Creates the exception with its message.</summary>
    public InvalidPropsException(string message)
        : base(message)
    {
    }
}
