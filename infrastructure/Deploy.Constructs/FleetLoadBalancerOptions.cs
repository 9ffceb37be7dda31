using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.S3;

namespace Deploy.Constructs;

/// <summary>The Application Load Balancer that <see cref="BlueGreenFleet"/> creates when no existing listener is given.</summary>
public sealed record FleetLoadBalancerOptions
{
    /// <summary>Whether the load balancer has a public address. Default: true.</summary>
    public bool? InternetFacing { get; init; }

    /// <summary>
    /// Certificate for an HTTPS listener. Default: none, and the listener is plain HTTP
    /// (suitable behind CloudFront or for internal traffic only).
    /// </summary>
    public IListenerCertificate? Certificate { get; init; }

    /// <summary>Listener port. Default: 443 with a <see cref="Certificate"/>, 80 without.</summary>
    public double? Port { get; init; }

    /// <summary>
    /// Bucket for the load balancer's access logs.
    /// Default: a bucket is created (encrypted, TLS only, public access blocked).
    /// </summary>
    public IBucket? AccessLogsBucket { get; init; }
}
