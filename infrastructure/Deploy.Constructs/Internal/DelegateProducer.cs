using Amazon.CDK;

namespace Deploy.Constructs.Internal;

/// <summary>
/// A value computed each time the template is resolved, so after the aspects (tags) ran: a token of our own. It extends
/// <c>Intrinsic</c> (a jsii class that is an <c>IResolvable</c>) because jsii can pass neither the proxy <c>Lazy.Any</c>
/// returns nor a plain .NET class inside a map of values, only an instance of a jsii class.
/// </summary>
internal sealed class DelegateProducer(Func<object> produce) : Intrinsic("DelegateProducer")
{
    public override object Resolve(IResolveContext context) => produce();

    /// <summary>A token that resolves to what <paramref name="produce"/> returns.</summary>
    public static object Of(Func<object> produce) => new DelegateProducer(produce);
}
