using Deploy.Cli.Pipeline;
using Deploy.Contracts.Pipeline;
using Deploy.StepFunctions;

namespace Deploy.Cli.Tests.Pipeline;

public class PublishedFactsTests
{
    [Fact]
    public void From_PublishedTags_ReadsEachFigure()
    {
        var facts = PublishedFacts.From([
            new Tag { Key = "deploy:role", Value = "Deploy" },
            new Tag { Key = PublishedTags.WorstCaseRollbackSeconds, Value = "370" },
            new Tag { Key = PublishedTags.WorstCaseRollbackDuringBakeSeconds, Value = "130" },
            new Tag { Key = PublishedTags.GracePeriodSeconds, Value = "120" },
            new Tag { Key = PublishedTags.HealthPollIntervalSeconds, Value = "20" },
            new Tag { Key = PublishedTags.MaxHealthPolls, Value = "24" },
            new Tag { Key = PublishedTags.BakeCheckIntervalSeconds, Value = "120" },
            new Tag { Key = PublishedTags.ApprovalRequired, Value = "true" },
        ]);

        Assert.Equal(370, facts.WorstCaseRollbackSeconds);
        Assert.True(facts.HasConfiguration);
        Assert.Equal("grace 120s, poll every 20s (max 24 polls), bake checks every 120s, approval required", facts.ConfigurationLine());
        Assert.Equal("worst-case time to rollback: 370s on the alarm path; 130s during a bake (stated by the stack)", facts.WorstCaseLine());
    }

    [Fact]
    public void From_OlderStackWithoutThem_SaysNotPublished()
    {
        var facts = PublishedFacts.From([new Tag { Key = "deploy:role", Value = "Deploy" }, new Tag { Key = PublishedTags.MaxHealthPolls, Value = "many" }]);

        Assert.Null(facts.WorstCaseRollbackSeconds);
        Assert.Null(facts.MaxHealthPolls);
        Assert.False(facts.HasConfiguration);
        Assert.Equal($"configuration: {PublishedFacts.NotPublished}", facts.ConfigurationLine());
        Assert.Equal($"worst-case time to rollback: {PublishedFacts.NotPublished}", facts.WorstCaseLine());
    }
}
