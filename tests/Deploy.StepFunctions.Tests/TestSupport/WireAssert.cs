using System.Text.RegularExpressions;

namespace Deploy.StepFunctions.Tests.TestSupport;

/// <summary>Assertions on the JSON 1.0 protocol as it arrived at the server.</summary>
internal static partial class WireAssert
{
    /// <summary>POST / with the protocol's content type, target and a SigV4 Authorization for Step Functions.</summary>
    public static void JsonProtocol(RecordedRequest request, string action, string expectedBody)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.RawUrl);
        Assert.Equal("application/x-amz-json-1.0", request.Header("Content-Type"));
        Assert.Equal("AWSStepFunctions." + action, request.Header("X-Amz-Target"));
        Assert.Equal("20150830T123600Z", request.Header("X-Amz-Date"));
        Assert.Matches(AuthorizationPattern(), request.Header("Authorization"));
        Assert.Equal(expectedBody, request.BodyText);
    }

    [GeneratedRegex(
        "^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/states/aws4_request, "
        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$")]
    private static partial Regex AuthorizationPattern();
}
