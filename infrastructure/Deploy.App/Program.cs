using Amazon.CDK;
using Deploy.App;

// The bundled CDK app: one stack per environment (cdk.json context "environments"), all of them unless
// "-c env=<name>" selects one. Bad configuration prints what is wrong and exits non-zero.
try
{
    var app = new Amazon.CDK.App();
    AppBuilder.Build(app);
    app.Synth();
}
catch (Deploy.Constructs.InvalidPropsException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

return 0;
