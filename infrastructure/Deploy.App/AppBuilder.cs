using Amazon.CDK;

namespace Deploy.App;

/// <summary>Adds the environments' stacks to an app; shared by Program and the tests.</summary>
public static class AppBuilder
{
    /// <summary>Default application name when the <c>application</c> context is not set.</summary>
    public const string DefaultApplication = "webapp";

    /// <summary>Creates one <see cref="BlueGreenStack"/> per selected environment and returns them.</summary>
    public static IReadOnlyList<BlueGreenStack> Build(Amazon.CDK.App app)
    {
        var application = app.Node.TryGetContext("application") as string ?? DefaultApplication;
        var selected = app.Node.TryGetContext("env") as string;
        var environments = EnvironmentCatalog.Resolve(app.Node.TryGetContext("environments"), selected);

        return environments.Select(e => new BlueGreenStack(app, $"{application}-{e.Name}", application, e.Name, e.Settings, new StackProps
        {
            Env = e.Settings.Account is null && e.Settings.Region is null
                ? null
                : new Amazon.CDK.Environment { Account = e.Settings.Account, Region = e.Settings.Region },
            Description = $"Blue/green deployments of {application} ({e.Name})",
        })).ToList();
    }
}
