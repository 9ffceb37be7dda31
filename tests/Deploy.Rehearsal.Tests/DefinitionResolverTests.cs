using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Tests;

public sealed class DefinitionResolverTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rehearsal-resolve-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ResolveTemplate_DefinitionStringWithRefsAndGetAtts_ResolvesWithFakeValuesAndReferences()
    {
        var template = WriteTemplate("webapp-staging.template.json", """
            {
              "Resources": {
                "Topic": { "Type": "AWS::SNS::Topic" },
                "Check": { "Type": "AWS::Lambda::Function" },
                "Machine": {
                  "Type": "AWS::StepFunctions::StateMachine",
                  "Properties": {
                    "DefinitionString": { "Fn::Join": ["", [
                      "{\"StartAt\":\"Check\",\"States\":{\"Check\":{\"Type\":\"Task\",\"Resource\":\"",
                      { "Fn::GetAtt": ["Check", "Arn"] },
                      "\",\"Next\":\"Notify\"},\"Notify\":{\"Type\":\"Task\",\"Resource\":\"arn:",
                      { "Ref": "AWS::Partition" },
                      ":states:::sns:publish\",\"Parameters\":{\"TopicArn\":\"",
                      { "Ref": "Topic" },
                      "\",\"Subject\":\"",
                      { "Ref": "AWS::StackName" },
                      "\"},\"End\":true}}}"
                    ]] }
                  }
                }
              }
            }
            """);

        var machines = DefinitionResolver.ResolveTemplate(Repository.Root, template);

        var machine = Assert.Single(machines).Value;
        Assert.Equal("Machine", machine.LogicalId);
        Assert.True(
            JsonNode.DeepEquals(
                JsonNode.Parse("""
                    {
                      "StartAt": "Check",
                      "States": {
                        "Check": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Check", "Next": "Notify" },
                        "Notify": {
                          "Type": "Task",
                          "Resource": "arn:aws:states:::sns:publish",
                          "Parameters": { "TopicArn": "arn:aws:sns:us-east-1:123456789012:Topic", "Subject": "webapp-staging" },
                          "End": true
                        }
                      }
                    }
                    """),
                machine.Definition),
            machine.Definition.ToJsonString());
        Assert.Equal(new ResourceReference { LogicalId = "Topic", Type = "AWS::SNS::Topic" }, machine.References["arn:aws:sns:us-east-1:123456789012:Topic"]);
        Assert.Equal(
            new ResourceReference { LogicalId = "Check", Type = "AWS::Lambda::Function", Attribute = "Arn" },
            machine.References["arn:aws:lambda:us-east-1:123456789012:function:Check"]);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:Check", machine.ValueOf("Check", "Arn"));
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:Topic", machine.ValueOf("Topic"));
    }

    [Fact]
    public void ValueOf_ResourceNotReferenced_ThrowsKeyNotFound()
    {
        var template = WriteTemplate("t.template.json", """
            { "Resources": { "M": { "Type": "AWS::StepFunctions::StateMachine", "Properties": { "DefinitionString": "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}" } } } }
            """);
        var machine = DefinitionResolver.ResolveTemplate(Repository.Root, template)["M"];

        var error = Assert.Throws<KeyNotFoundException>(() => machine.ValueOf("Topic"));

        Assert.Equal("The definition of M does not reference Topic by Ref.", error.Message);
    }

    [Fact]
    public void ResolveTemplate_UnresolvableDefinition_ThrowsWithTheReason()
    {
        var template = WriteTemplate("bad.template.json", """
            { "Resources": { "M": { "Type": "AWS::StepFunctions::StateMachine", "Properties": { "DefinitionString": { "Fn::Join": ["", ["{\"StartAt\":\"", { "Ref": "Missing" }, "\"}"]] } } } } }
            """);

        var error = Assert.Throws<RehearsalException>(() => DefinitionResolver.ResolveTemplate(Repository.Root, template));

        Assert.Contains("M: Ref to unknown name 'Missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveTemplate_MissingFile_ThrowsWithTheScriptsMessage()
    {
        var missing = Path.Combine(_directory, "absent.template.json");

        var error = Assert.Throws<RehearsalException>(() => DefinitionResolver.ResolveTemplate(Repository.Root, missing));

        Assert.Contains($"cannot read '{missing}': ENOENT", error.Message, StringComparison.Ordinal);
    }

    private string WriteTemplate(string name, string json)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, json);
        return path;
    }
}
