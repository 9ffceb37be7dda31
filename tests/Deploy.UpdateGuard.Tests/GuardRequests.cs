using System.Text.Json.Nodes;

namespace Deploy.UpdateGuard.Tests;

/// <summary>CloudFormation requests as the service sends them (scalar property values as strings).</summary>
internal static class GuardRequests
{
    public const string Url = "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/signed?X-Amz-Signature=abc";

    public static JsonObject Properties(string subject, JsonObject fields, JsonObject? advice = null) => new()
    {
        ["ServiceToken"] = "arn:aws:lambda:us-east-1:123456789012:function:guard",
        ["Subject"] = subject,
        ["Fields"] = fields.DeepClone(),
        ["Advice"] = advice?.DeepClone() ?? new JsonObject(),
    };

    public static CustomResourceRequest Request(string type, JsonObject? properties, JsonObject? old = null) => new()
    {
        RequestType = type,
        ResponseUrl = Url,
        StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/shop/0f9c",
        RequestId = "b7e0c0de-0000-4000-8000-000000000001",
        ResourceType = "Custom::UpdateGuard",
        LogicalResourceId = "FleetUpdateGuard1A2B3C",
        PhysicalResourceId = type == "Create" ? null : "FleetUpdateGuard1A2B3C",
        ResourceProperties = properties,
        OldResourceProperties = old,
    };
}
