using Amazon.CDK;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.RegionInfo;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Turns on ALB access logs in region-agnostic stacks too. CDK's <c>LogAccessLogs</c> needs a concrete region
/// to pick the regional ELB account; here the account comes from a region mapping (<c>RegionalFact</c>) and the
/// newer log-delivery service principal is allowed as well, so the same template works in every region.
/// See <see href="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html">enable access logs</see>.
/// </summary>
internal static class LoadBalancerAccessLogs
{
    public static void Enable(ApplicationLoadBalancer loadBalancer, IBucket bucket, string prefix)
    {
        var stack = Stack.Of(loadBalancer);
        if (!Token.IsUnresolved(stack.Region))
        {
            loadBalancer.LogAccessLogs(bucket, prefix);
            return;
        }

        var objects = bucket.ArnForObjects($"{prefix}/AWSLogs/{stack.Account}/*");
        var elbAccount = stack.RegionalFact(FactName.ELBV2_ACCOUNT, stack.Account);
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = new[] { "s3:PutObject" },
            Principals = new IPrincipal[]
            {
                new ArnPrincipal($"arn:{stack.Partition}:iam::{elbAccount}:root"),
                new ServicePrincipal("logdelivery.elasticloadbalancing.amazonaws.com"),
            },
            Resources = new[] { objects },
        }));

        loadBalancer.SetAttribute("access_logs.s3.enabled", "true");
        loadBalancer.SetAttribute("access_logs.s3.bucket", bucket.BucketName);
        loadBalancer.SetAttribute("access_logs.s3.prefix", prefix);
        // The load balancer checks that it may write to the bucket when the attribute is set.
        if (bucket.Policy is { } policy)
        {
            loadBalancer.Node.AddDependency(policy);
        }
    }
}
