using Deploy.Contracts;
using Deploy.Rules;
using static Deploy.ValidateRequest.Tests.TestJson;

namespace Deploy.ValidateRequest.Tests.Rules;

public class RequestValidatorTests
{
    private const string Cause = "The deployment request is invalid: ";
    private const string UseVersion = "use 1-128 characters of A-Z a-z 0-9 . _ + -";
    private const string UseImageId = "use ami- followed by 8 or 17 lowercase hexadecimal digits, e.g. ami-0abcdef1234567890";
    private const string UseTemplateVersion = "use a positive integer as a JSON number, e.g. 5";
    private const string UseArtifact =
        "use s3://bucket/key with a bucket of 3-63 characters of a-z 0-9 . - that starts and ends with a letter or digit, and a non-empty key";
    private const string UseStrategy = "use AllAtOnce, Canary or Linear";
    private const string UseCanary = "use a whole number from 1 to 99";
    private const string UseLinear = "use a whole number from 1 to 50";
    private const string UseRequest =
        "use a JSON object with version and at least one of imageId, launchTemplateVersion, artifact";
    private const string AllowedFields =
        "allowed fields are version, imageId, launchTemplateVersion, artifact, strategy, canaryPercentage, linearStepPercentage, requestedBy, reason";
    private const string NoSource = "request: none of imageId, launchTemplateVersion, artifact is given; give at least one";

    private static readonly string Long64 = new('a', 64);

    public static TheoryData<string, string, string> ValidFields => new()
    {
        // field, JSON value (single quotes), value expected in the normalized request
        { "version", "'1'", "1" },
        { "version", "'v1.2.3-rc.1+build_7'", "v1.2.3-rc.1+build_7" },
        { "version", $"'{new string('9', 128)}'", new string('9', 128) },
        { "imageId", "'ami-0123abcd'", "ami-0123abcd" },
        { "imageId", "'ami-0abcdef1234567890'", "ami-0abcdef1234567890" },
        { "launchTemplateVersion", "1", "1" },
        { "launchTemplateVersion", "9007199254740993", "9007199254740993" },
        { "artifact", "'s3://abc/k'", "s3://abc/k" },
        { "artifact", "'s3://my.bucket-1/path/to/app 1.zip'", "s3://my.bucket-1/path/to/app 1.zip" },
        { "artifact", $"'s3://{new string('b', 63)}/k'", $"s3://{new string('b', 63)}/k" },
        { "strategy", "'Canary'", "Canary" },
        { "strategy", "'canary'", "Canary" },
        { "strategy", "'LINEAR'", "Linear" },
        { "strategy", "'allatonce'", "AllAtOnce" },
        { "canaryPercentage", "1", "1" },
        { "canaryPercentage", "99", "99" },
        { "linearStepPercentage", "1", "1" },
        { "linearStepPercentage", "50", "50" },
        { "requestedBy", "''", "" },
        { "requestedBy", $"'{new string('r', 128)}'", new string('r', 128) },
        { "reason", $"'{new string('x', 512)}'", new string('x', 512) },
    };

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        // request (single quotes), field, exact message
        { "{'version':'v 1','imageId':'ami-0123abcd'}", "version", $"version: \"v 1\" is invalid; {UseVersion}" },
        { "{'version':'','imageId':'ami-0123abcd'}", "version", $"version: \"\" is invalid; {UseVersion}" },
        { "{'version':'é1','imageId':'ami-0123abcd'}", "version", $"version: \"é1\" is invalid; {UseVersion}" },
        { $"{{'version':'{new string('a', 129)}','imageId':'ami-0123abcd'}}", "version", $"version: \"{Long64}…\" is invalid; {UseVersion}" },
        { "{'version':12,'imageId':'ami-0123abcd'}", "version", $"version: number 12 is invalid; {UseVersion}" },
        { "{'version':['1'],'imageId':'ami-0123abcd'}", "version", $"version: an array is invalid; {UseVersion}" },
        { "{'imageId':'ami-0123abcd'}", "version", $"version: is required; {UseVersion}" },
        { "{'version':null,'imageId':'ami-0123abcd'}", "version", $"version: is required; {UseVersion}" },
        { "{'version':'1','imageId':'ami-123'}", "imageId", $"imageId: \"ami-123\" is invalid; {UseImageId}" },
        { "{'version':'1','imageId':'ami-0ABCDEF1'}", "imageId", $"imageId: \"ami-0ABCDEF1\" is invalid; {UseImageId}" },
        { "{'version':'1','imageId':'ami-0abcdef12345678901'}", "imageId", $"imageId: \"ami-0abcdef12345678901\" is invalid; {UseImageId}" },
        { "{'version':'1','imageId':'ami-0abcdefg'}", "imageId", $"imageId: \"ami-0abcdefg\" is invalid; {UseImageId}" },
        { "{'version':'1','imageId':'img-0123abcd'}", "imageId", $"imageId: \"img-0123abcd\" is invalid; {UseImageId}" },
        { "{'version':'1','imageId':true}", "imageId", $"imageId: boolean true is invalid; {UseImageId}" },
        { "{'version':'1','launchTemplateVersion':0}", "launchTemplateVersion", $"launchTemplateVersion: number 0 is invalid; {UseTemplateVersion}" },
        { "{'version':'1','launchTemplateVersion':-3}", "launchTemplateVersion", $"launchTemplateVersion: number -3 is invalid; {UseTemplateVersion}" },
        { "{'version':'1','launchTemplateVersion':1.5}", "launchTemplateVersion", $"launchTemplateVersion: number 1.5 is invalid; {UseTemplateVersion}" },
        { "{'version':'1','launchTemplateVersion':'5'}", "launchTemplateVersion", $"launchTemplateVersion: \"5\" is invalid; {UseTemplateVersion}" },
        { "{'version':'1','launchTemplateVersion':'$Latest'}", "launchTemplateVersion", $"launchTemplateVersion: \"$Latest\" is invalid; {UseTemplateVersion}" },
        { "{'version':'1','artifact':'s3://ab/key'}", "artifact", $"artifact: \"s3://ab/key\" is invalid; {UseArtifact}" },
        { $"{{'version':'1','artifact':'s3://{new string('b', 64)}/k'}}", "artifact", $"artifact: \"s3://{new string('b', 59)}…\" is invalid; {UseArtifact}" },
        { "{'version':'1','artifact':'s3://Bucket/key'}", "artifact", $"artifact: \"s3://Bucket/key\" is invalid; {UseArtifact}" },
        { "{'version':'1','artifact':'s3://-bucket/key'}", "artifact", $"artifact: \"s3://-bucket/key\" is invalid; {UseArtifact}" },
        { "{'version':'1','artifact':'s3://bucket./key'}", "artifact", $"artifact: \"s3://bucket./key\" is invalid; {UseArtifact}" },
        { "{'version':'1','artifact':'s3://bucket/'}", "artifact", $"artifact: \"s3://bucket/\" is invalid; {UseArtifact}" },
        { "{'version':'1','artifact':'s3://bucket'}", "artifact", $"artifact: \"s3://bucket\" is invalid; {UseArtifact}" },
        { "{'version':'1','artifact':'https://bucket/key'}", "artifact", $"artifact: \"https://bucket/key\" is invalid; {UseArtifact}" },
        { "{'version':'1','imageId':'ami-0123abcd','strategy':'BlueGreen'}", "strategy", $"strategy: \"BlueGreen\" is invalid; {UseStrategy}" },
        { "{'version':'1','imageId':'ami-0123abcd','strategy':1}", "strategy", $"strategy: number 1 is invalid; {UseStrategy}" },
        { "{'version':'1','imageId':'ami-0123abcd','canaryPercentage':0}", "canaryPercentage", $"canaryPercentage: number 0 is invalid; {UseCanary}" },
        { "{'version':'1','imageId':'ami-0123abcd','canaryPercentage':100}", "canaryPercentage", $"canaryPercentage: number 100 is invalid; {UseCanary}" },
        { "{'version':'1','imageId':'ami-0123abcd','canaryPercentage':12.5}", "canaryPercentage", $"canaryPercentage: number 12.5 is invalid; {UseCanary}" },
        { "{'version':'1','imageId':'ami-0123abcd','canaryPercentage':'10'}", "canaryPercentage", $"canaryPercentage: \"10\" is invalid; {UseCanary}" },
        { "{'version':'1','imageId':'ami-0123abcd','linearStepPercentage':0}", "linearStepPercentage", $"linearStepPercentage: number 0 is invalid; {UseLinear}" },
        { "{'version':'1','imageId':'ami-0123abcd','linearStepPercentage':51}", "linearStepPercentage", $"linearStepPercentage: number 51 is invalid; {UseLinear}" },
        { "{'version':'1','imageId':'ami-0123abcd','linearStepPercentage':{}}", "linearStepPercentage", $"linearStepPercentage: an object is invalid; {UseLinear}" },
        { $"{{'version':'1','imageId':'ami-0123abcd','requestedBy':'{new string('r', 129)}'}}", "requestedBy", $"requestedBy: \"{new string('r', 64)}…\" is invalid; use a string of at most 128 characters" },
        { "{'version':'1','imageId':'ami-0123abcd','requestedBy':5}", "requestedBy", "requestedBy: number 5 is invalid; use a string of at most 128 characters" },
        { $"{{'version':'1','imageId':'ami-0123abcd','reason':'{new string('x', 513)}'}}", "reason", $"reason: \"{new string('x', 64)}…\" is invalid; use a string of at most 512 characters" },
        { "{'version':'1','imageId':'ami-0123abcd','reason':false}", "reason", "reason: boolean false is invalid; use a string of at most 512 characters" },
        { "{'version':'1','imageId':'ami-0123abcd','color':'blue'}", "color", $"color: unknown field; {AllowedFields}" },
        { "{'version':'1','imageId':'ami-0123abcd','ImageID':'ami-0123abcd'}", "ImageID", "ImageID: unknown field; did you mean imageId?" },
        { "{'version':'1','version':'2','imageId':'ami-0123abcd'}", "version", "version: appears more than once; give each field once" },
        { "{'version':'1'}", "request", NoSource },
        { "{'version':'1','imageId':null,'artifact':null}", "request", NoSource },
    };

    [Theory]
    [MemberData(nameof(ValidFields))]
    public void Validate_ValidField_NormalizesIt(string field, string value, string expected)
    {
        // Arrange
        var request = field == "version"
            ? $"{{'version':{value},'artifact':'s3://bucket/app.zip'}}"
            : $"{{'version':'1',{(field is "imageId" or "launchTemplateVersion" or "artifact" ? "" : "'artifact':'s3://bucket/app.zip',")}'{field}':{value}}}";

        // Act
        var output = RequestValidator.Validate(Input(request));

        // Assert
        Assert.Null(output.Error);
        var normalized = output.Request!;
        var actual = field switch
        {
            "version" => normalized.Version,
            "imageId" => normalized.ImageId,
            "launchTemplateVersion" => normalized.LaunchTemplateVersion?.ToString(),
            "artifact" => normalized.Artifact,
            "strategy" => normalized.Strategy.ToString(),
            "canaryPercentage" => normalized.CanaryPercentage.ToString(),
            "linearStepPercentage" => normalized.LinearStepPercentage.ToString(),
            "requestedBy" => normalized.RequestedBy,
            "reason" => normalized.Reason,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Validate_InvalidField_ReturnsInvalidRequestWithExactMessage(string request, string field, string message)
    {
        // Act
        var output = RequestValidator.Validate(Input(request));

        // Assert
        Assert.Null(output.Request);
        var error = Assert.IsType<DeployError>(output.Error);
        Assert.Equal(DeployErrors.InvalidRequest, error.Name);
        Assert.Equal(Cause + message, error.Cause);
        var only = Assert.Single(error.Fields);
        Assert.Equal(field, only.Field);
        Assert.Equal(message, only.Message);
    }

    [Fact]
    public void Validate_SeveralBadFields_ListsEveryOneInOrder()
    {
        // Arrange
        var request = "{'version':'v 1','imageId':'ami-1','launchTemplateVersion':'5','strategy':'Rolling','canaryPercentage':0,'linearStepPercentage':60,'extra':1}";

        // Act
        var error = RequestValidator.Validate(Input(request)).Error!;

        // Assert
        string[] expected =
        [
            $"version: \"v 1\" is invalid; {UseVersion}",
            $"imageId: \"ami-1\" is invalid; {UseImageId}",
            $"launchTemplateVersion: \"5\" is invalid; {UseTemplateVersion}",
            $"strategy: \"Rolling\" is invalid; {UseStrategy}",
            $"canaryPercentage: number 0 is invalid; {UseCanary}",
            $"linearStepPercentage: number 60 is invalid; {UseLinear}",
            $"extra: unknown field; {AllowedFields}",
        ];
        Assert.Equal(expected, error.Fields.Select(f => f.Message));
        Assert.Equal(
            ["version", "imageId", "launchTemplateVersion", "strategy", "canaryPercentage", "linearStepPercentage", "extra"],
            error.Fields.Select(f => f.Field));
        Assert.Equal(Cause + string.Join("; ", expected), error.Cause);
    }

    [Fact]
    public void Validate_MisCasedRequiredField_ReportsUnknownFieldAndMissingVersion()
    {
        // Act
        var error = RequestValidator.Validate(Input("{'Version':'1','imageId':'ami-0123abcd'}")).Error!;

        // Assert
        Assert.Equal(
            ["Version: unknown field; did you mean version?", $"version: is required; {UseVersion}"],
            error.Fields.Select(f => f.Message));
    }

    [Fact]
    public void Validate_FullRequest_KeepsEveryFieldAndComputesSteps()
    {
        // Arrange
        var request = "{'version':'2.0.0','imageId':'ami-0abcdef1234567890','launchTemplateVersion':12,'artifact':'s3://builds/app-2.0.0.zip',"
            + "'strategy':'linear','canaryPercentage':5,'linearStepPercentage':30,'requestedBy':'alice','reason':'release 2.0'}";

        // Act
        var output = RequestValidator.Validate(Input(request));

        // Assert
        Assert.Null(output.Error);
        var expected = new DeploymentRequest
        {
            Version = "2.0.0",
            ImageId = "ami-0abcdef1234567890",
            LaunchTemplateVersion = 12,
            Artifact = "s3://builds/app-2.0.0.zip",
            Strategy = DeploymentStrategy.Linear,
            CanaryPercentage = 5,
            LinearStepPercentage = 30,
            RequestedBy = "alice",
            Reason = "release 2.0",
            TrafficSteps = [30, 60, 90, 100],
            TrafficPlan = [],
            LaunchTemplateData = new LaunchTemplateData { TagSpecifications = [] },
        };
        var actual = output.Request!;
        Assert.Equal(expected with { TrafficSteps = actual.TrafficSteps, TrafficPlan = actual.TrafficPlan, LaunchTemplateData = actual.LaunchTemplateData }, actual);
        Assert.Equal([30, 60, 90, 100], actual.TrafficSteps);
        Assert.Equal(
            [(30, 70, false), (60, 40, false), (90, 10, false), (100, 0, true)],
            actual.TrafficPlan.Select(s => (s.NewWeight, s.OldWeight, s.Last)));
        Assert.Equal("ami-0abcdef1234567890", actual.LaunchTemplateData.ImageId);
        var tags = Assert.Single(actual.LaunchTemplateData.TagSpecifications);
        Assert.Equal("instance", tags.ResourceType);
        Assert.Equal(
            [("deploy:version", "2.0.0"), ("deploy:artifact", "s3://builds/app-2.0.0.zip")],
            tags.Tags.Select(t => (t.Key, t.Value)));
    }

    [Theory]
    [InlineData(null, DeploymentStrategy.AllAtOnce, 10, 20, new[] { 100 })]
    [InlineData("{}", DeploymentStrategy.AllAtOnce, 10, 20, new[] { 100 })]
    [InlineData("{'strategy':'Canary','canaryPercentage':25,'linearStepPercentage':10}", DeploymentStrategy.Canary, 25, 10, new[] { 25, 100 })]
    [InlineData("{'strategy':'linear'}", DeploymentStrategy.Linear, 10, 20, new[] { 20, 40, 60, 80, 100 })]
    [InlineData("{'linearStepPercentage':40,'strategy':'Linear'}", DeploymentStrategy.Linear, 10, 40, new[] { 40, 80, 100 })]
    public void Validate_RequestWithoutStrategy_UsesEnvironmentThenBuiltInDefaults(
        string? defaults, DeploymentStrategy strategy, int canary, int linear, int[] steps)
    {
        // Act
        var request = RequestValidator.Validate(Input("{'version':'1','imageId':'ami-0123abcd'}", defaults)).Request!;

        // Assert
        Assert.Equal(strategy, request.Strategy);
        Assert.Equal(canary, request.CanaryPercentage);
        Assert.Equal(linear, request.LinearStepPercentage);
        Assert.Equal(steps, request.TrafficSteps);
    }

    [Fact]
    public void Validate_RequestFields_OverrideEnvironmentDefaults()
    {
        // Arrange
        var request = "{'version':'1','imageId':'ami-0123abcd','strategy':'Canary','canaryPercentage':5}";

        // Act
        var output = RequestValidator.Validate(Input(request, "{'strategy':'Linear','canaryPercentage':50,'linearStepPercentage':10}")).Request!;

        // Assert
        Assert.Equal(DeploymentStrategy.Canary, output.Strategy);
        Assert.Equal(5, output.CanaryPercentage);
        Assert.Equal(10, output.LinearStepPercentage);
        Assert.Equal([5, 100], output.TrafficSteps);
    }

    [Fact]
    public void Validate_InvalidDefaults_ReturnsMalformedInputListingEach()
    {
        // Act
        var error = RequestValidator.Validate(
            Input("{'version':'1','imageId':'ami-0123abcd'}", "{'strategy':'Rolling','canaryPercentage':100,'linearStepPercentage':0}")).Error!;

        // Assert
        Assert.Equal(DeployErrors.MalformedInput, error.Name);
        Assert.Equal(
            "The environment defaults given to ValidateRequest are invalid: "
            + $"defaults.strategy: \"Rolling\" is invalid; {UseStrategy}; "
            + $"defaults.canaryPercentage: number 100 is invalid; {UseCanary}; "
            + $"defaults.linearStepPercentage: number 0 is invalid; {UseLinear}",
            error.Cause);
        Assert.Equal(["defaults.strategy", "defaults.canaryPercentage", "defaults.linearStepPercentage"], error.Fields.Select(f => f.Field));
    }

    [Theory]
    [InlineData("null", $"request: is required; {UseRequest}")]
    [InlineData("[{'version':'1'}]", $"request: an array is invalid; {UseRequest}")]
    [InlineData("42", $"request: number 42 is invalid; {UseRequest}")]
    [InlineData("'not json'", $"request: \"not json\" is not valid JSON; {UseRequest}")]
    [InlineData("'[1,2]'", $"request: \"[1,2]\" is invalid; {UseRequest}")]
    public void Validate_RequestNotAnObject_ReturnsInvalidRequestSayingSo(string request, string message)
    {
        // Act
        var error = RequestValidator.Validate(Input(request)).Error!;

        // Assert
        Assert.Equal(DeployErrors.InvalidRequest, error.Name);
        Assert.Equal(Cause + message, error.Cause);
        Assert.Equal("request", Assert.Single(error.Fields).Field);
    }

    [Fact]
    public void Validate_RequestMissing_ReturnsInvalidRequest()
    {
        // Act
        var error = RequestValidator.Validate(new ValidateRequestInput()).Error!;

        // Assert
        Assert.Equal(DeployErrors.InvalidRequest, error.Name);
        Assert.Equal($"{Cause}request: is required; {UseRequest}", error.Cause);
    }

    [Fact]
    public void Validate_RequestAsJsonString_IsValidatedLikeAnObject()
    {
        // Arrange
        var embedded = "\"{\\\"version\\\":\\\"3.1\\\",\\\"artifact\\\":\\\"s3://bucket/app.zip\\\"}\"";
        var input = System.Text.Json.JsonSerializer.Deserialize(
            $"{{\"request\":{embedded}}}", DeployJsonContext.Default.ValidateRequestInput)!;

        // Act
        var output = RequestValidator.Validate(input);

        // Assert
        Assert.Null(output.Error);
        Assert.Equal("3.1", output.Request!.Version);
        Assert.Equal("s3://bucket/app.zip", output.Request.Artifact);
    }
}
