using System.Text;
using Amazon.Runtime;
using Deploy.StepFunctions.Internal;
using Deploy.StepFunctions.Tests.TestSupport;

namespace Deploy.StepFunctions.Tests.Internal;

/// <summary>
/// The AWS Signature Version 4 test suite (credentials AKIDEXAMPLE, us-east-1, service "service",
/// 20150830T123600Z), run through <see cref="SigV4Signer"/>, the code path every client request takes.
/// Expected Authorization values are AWS's published ones (as shipped in aws-sdk-js-v3's
/// packages/signature-v4/src/suite.fixture.ts and awslabs/aws-c-auth's aws-signing-test-suite).
/// </summary>
public class SigV4SignerTests
{
    private const string Host = "https://example.amazonaws.com";
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Scope = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

    private const string SuiteToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/"
        + "qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38x"
        + "Vqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    public static TheoryData<string, string, string, string[], string, string?, string> SuiteVectors => new()
    {
        // name, method, URL, extra headers ("Name:value"), body, session token, expected signed headers + signature
        { "get-vanilla", "GET", "/", [], "", null, "host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-vanilla-query", "GET", "/?", [], "", null, "host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-vanilla-empty-query-key", "GET", "/?Param1=value1", [], "", null, "host;x-amz-date, Signature=a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb" },
        { "get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1", [], "", null, "host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
        {
            "get-vanilla-query-unreserved", "GET",
            "/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            [], "", null, "host;x-amz-date, Signature=9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"
        },
        { "get-vanilla-utf8-query", "GET", "/?ሴ=bar", [], "", null, "host;x-amz-date, Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04" },
        {
            "get-unreserved", "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            [], "", null, "host;x-amz-date, Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"
        },
        {
            "get-header-key-duplicate", "GET", "/", ["My-Header1:value2", "My-Header1:value2", "My-Header1:value1"], "", null,
            "host;my-header1;x-amz-date, Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"
        },
        {
            "get-header-value-order", "GET", "/", ["My-Header1:value4", "My-Header1:value1", "My-Header1:value3", "My-Header1:value2"], "", null,
            "host;my-header1;x-amz-date, Signature=08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"
        },
        {
            "get-header-value-trim", "GET", "/", ["My-Header1: value1 ", "My-Header2: \"a   b   c\""], "", null,
            "host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"
        },
        { "post-vanilla", "POST", "/", [], "", null, "host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
        { "post-vanilla-query", "POST", "/?Param1=value1", [], "", null, "host;x-amz-date, Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11" },
        { "post-header-key-sort", "POST", "/", ["My-Header1:value1"], "", null, "host;my-header1;x-amz-date, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c" },
        { "post-header-value-case", "POST", "/", ["My-Header1:VALUE1"], "", null, "host;my-header1;x-amz-date, Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d" },
        {
            "post-x-www-form-urlencoded", "POST", "/", ["Content-Type:application/x-www-form-urlencoded"], "Param1=value1", null,
            "content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"
        },
        {
            "post-sts-header-before", "POST", "/", [], "", SuiteToken,
            "host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"
        },
    };

    [Theory]
    [MemberData(nameof(SuiteVectors))]
    public void Sign_AwsTestSuiteVector_AuthorizationMatchesPublishedValue(
        string vector, string method, string pathAndQuery, string[] headers, string body, string? token, string expected)
    {
        var signature = SignSuiteRequest(method, pathAndQuery, headers, body, token, out _);

        Assert.True(
            $"AWS4-HMAC-SHA256 {Scope}, SignedHeaders={expected}" == signature.Authorization,
            $"{vector}: got {signature.Authorization}");
    }

    [Fact]
    public void Sign_GetVanilla_CanonicalRequestAndStringToSignMatchSuite()
    {
        var signature = SignSuiteRequest("GET", "/", [], "", null, out _);

        Assert.Equal(
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + EmptyHash,
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            signature.StringToSign);
    }

    [Fact]
    public void Sign_PostVanilla_CanonicalRequestAndStringToSignMatchSuite()
    {
        var signature = SignSuiteRequest("POST", "/", [], "", null, out _);

        Assert.Equal(
            "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + EmptyHash,
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            + "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
            signature.StringToSign);
    }

    [Fact]
    public void Sign_GetVanillaQueryOrderKeyCase_CanonicalQueryIsSorted()
    {
        var signature = SignSuiteRequest("GET", "/?Param2=value2&Param1=value1", [], "", null, out _);

        Assert.Equal(
            "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + EmptyHash,
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            + "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
            signature.StringToSign);
    }

    [Fact]
    public void Sign_PostXWwwFormUrlencoded_CanonicalRequestHashesTheBody()
    {
        var signature = SignSuiteRequest("POST", "/", ["Content-Type:application/x-www-form-urlencoded"], "Param1=value1", null, out _);

        Assert.Equal(
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            + "content-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            + "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
            signature.StringToSign);
    }

    [Fact]
    public void Sign_GetHeaderValueTrim_CanonicalHeadersAreTrimmedAndSpacesCollapsed()
    {
        var signature = SignSuiteRequest("GET", "/", ["My-Header1: value1 ", "My-Header2: \"a   b   c\""], "", null, out _);

        Assert.Equal(
            "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\n"
            + "host;my-header1;my-header2;x-amz-date\n" + EmptyHash,
            signature.CanonicalRequest);
    }

    [Fact]
    public void Sign_PostStsHeaderBefore_SignsAndSendsTheSessionToken()
    {
        var signature = SignSuiteRequest("POST", "/", [], "", SuiteToken, out var request);

        Assert.Equal(
            "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:" + SuiteToken + "\n\n"
            + "host;x-amz-date;x-amz-security-token\n" + EmptyHash,
            signature.CanonicalRequest);
        Assert.Equal([SuiteToken], request.Headers.GetValues("X-Amz-Security-Token"));
    }

    [Fact]
    public void Sign_Request_AddsDateHostAndAuthorizationHeaders()
    {
        var signature = SignSuiteRequest("POST", "/", [], "", null, out var request);

        Assert.Equal(["20150830T123600Z"], request.Headers.GetValues("X-Amz-Date"));
        Assert.Equal("example.amazonaws.com", request.Headers.Host);
        Assert.Equal([signature.Authorization], request.Headers.GetValues("Authorization"));
    }

    [Fact]
    public void Sign_SameRequestTwice_ReplacesTheEarlierSignature()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Host + "/");
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", Clients.SecretKey, "token-1");
        SigV4Signer.Sign(request, [], credentials, "us-east-1", "service", FixedTimeProvider.SuiteDate);

        var second = SigV4Signer.Sign(request, [], credentials, "us-east-1", "service", FixedTimeProvider.SuiteDate.AddMinutes(1));

        Assert.Equal([second.Authorization], request.Headers.GetValues("Authorization"));
        Assert.Equal(["20150830T123700Z"], request.Headers.GetValues("X-Amz-Date"));
        Assert.Equal(["token-1"], request.Headers.GetValues("X-Amz-Security-Token"));
    }

    [Fact]
    public void Sign_UserAgentAndTraceHeaders_AreNotSigned()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Host + "/");
        request.Headers.TryAddWithoutValidation("User-Agent", "Deploy.StepFunctions/1.0");
        request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", "Root=1-abc");

        var signature = SigV4Signer.Sign(request, [], SuiteCredentials(null), "us-east-1", "service", FixedTimeProvider.SuiteDate);

        Assert.EndsWith("SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature.Authorization);
    }

    [Fact]
    public void Sign_EndpointWithNonDefaultPort_SignsHostWithPort()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:8083/");

        var signature = SigV4Signer.Sign(request, [], SuiteCredentials(null), "us-east-1", "states", FixedTimeProvider.SuiteDate);

        Assert.Contains("\nhost:127.0.0.1:8083\n", signature.CanonicalRequest);
        Assert.Equal("127.0.0.1:8083", request.Headers.Host);
    }

    [Fact]
    public void Sign_StepFunctionsJsonRequest_SignsContentTypeAndTarget()
    {
        var body = Encoding.UTF8.GetBytes("""{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:m:e"}""");
        var request = new HttpRequestMessage(HttpMethod.Post, "https://states.us-east-1.amazonaws.com/") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.DescribeExecution");

        var signature = SigV4Signer.Sign(request, body, SuiteCredentials(null), "us-east-1", "states", FixedTimeProvider.SuiteDate);

        Assert.Equal(
            "POST\n/\n\ncontent-type:application/x-amz-json-1.0\nhost:states.us-east-1.amazonaws.com\n"
            + "x-amz-date:20150830T123600Z\nx-amz-target:AWSStepFunctions.DescribeExecution\n\n"
            + "content-type;host;x-amz-date;x-amz-target\n"
            + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)),
            signature.CanonicalRequest);
        Assert.StartsWith(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/states/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=",
            signature.Authorization);
    }

    private static ImmutableCredentials SuiteCredentials(string? token) => new("AKIDEXAMPLE", Clients.SecretKey, token);

    private static SigV4Signature SignSuiteRequest(
        string method, string pathAndQuery, string[] headers, string body, string? token, out HttpRequestMessage request)
    {
        request = new HttpRequestMessage(new HttpMethod(method), Host + pathAndQuery);
        var bytes = Encoding.UTF8.GetBytes(body);
        if (bytes.Length > 0)
        {
            request.Content = new ByteArrayContent(bytes);
        }

        foreach (var header in headers)
        {
            var separator = header.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (header[..separator], header[(separator + 1)..]);
            if (name == "Content-Type")
            {
                request.Content!.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return SigV4Signer.Sign(request, bytes, SuiteCredentials(token), "us-east-1", "service", FixedTimeProvider.SuiteDate);
    }
}
