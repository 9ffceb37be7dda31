using Deploy.Constructs.Internal;

namespace Deploy.Infrastructure.Tests.Internal;

public class HandlerLocationTests
{
    [Fact]
    public void Find_PackagedHandlerNextToTheLibrary_UsesItWithoutSources()
    {
        var library = Directory.CreateTempSubdirectory("deploy-handler-location-");
        try
        {
            var packaged = Directory.CreateDirectory(Path.Combine(library.FullName, "lambda", "linux-arm64", "Deploy.HealthCheck")).FullName;
            File.WriteAllText(Path.Combine(packaged, "Deploy.HealthCheck.dll"), "");

            var location = HandlerLocation.Find("Deploy.HealthCheck", "linux-arm64", library.FullName, sourceRoot: null);

            Assert.Equal(new HandlerLocation(packaged, null), location);
        }
        finally
        {
            library.Delete(recursive: true);
        }
    }

    [Fact]
    public void Find_InACheckoutWithoutPackagedHandlers_BundlesFromTheLambdasFolderAboveTheAssembly()
    {
        var location = HandlerLocation.Find("Deploy.HealthCheck", "linux-x64", AppContext.BaseDirectory, sourceRoot: null);

        Assert.Equal(new HandlerLocation(null, Path.Combine(Repository.Root, "lambdas", "Deploy.HealthCheck", "Deploy.HealthCheck.csproj")), location);
    }

    [Fact]
    public void Find_SourceRootSet_WinsOverAPackagedHandler()
    {
        var library = Directory.CreateTempSubdirectory("deploy-handler-location-");
        try
        {
            var packaged = Directory.CreateDirectory(Path.Combine(library.FullName, "lambda", "linux-x64", "Deploy.HealthCheck")).FullName;
            File.WriteAllText(Path.Combine(packaged, "Deploy.HealthCheck.dll"), "");
            var lambdas = Path.Combine(Repository.Root, "lambdas");

            var location = HandlerLocation.Find("Deploy.HealthCheck", "linux-x64", library.FullName, lambdas);

            Assert.Equal(new HandlerLocation(null, Path.Combine(lambdas, "Deploy.HealthCheck", "Deploy.HealthCheck.csproj")), location);
        }
        finally
        {
            library.Delete(recursive: true);
        }
    }

    [Fact]
    public void Find_NeitherPackagedNorSources_NamesBothPlacesItLooked()
    {
        // A temp folder: outside the checkout, so no lambdas/ folder above it.
        var library = Directory.CreateTempSubdirectory("deploy-handler-location-");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() =>
                HandlerLocation.Find("Deploy.HealthCheck", "linux-x64", library.FullName, sourceRoot: null));

            var above = new List<string>();
            for (var dir = library; dir is not null; dir = dir.Parent)
            {
                above.Add(Path.Combine(dir.FullName, "lambdas"));
            }

            Assert.Equal(
                $"Handler Deploy.HealthCheck (linux-x64) was found neither packaged in {Path.Combine(library.FullName, "lambda", "linux-x64", "Deploy.HealthCheck")} "
                + "(where the Deploy.Constructs package's handlers are copied at build) "
                + $"nor as sources in {string.Join(", ", above)}. Reference the Deploy.Constructs package, build the library in a checkout of its "
                + "repository, or set DEPLOY_HANDLER_SOURCE_ROOT to that checkout's lambdas/ folder.",
                error.Message);
        }
        finally
        {
            library.Delete(recursive: true);
        }
    }
}
