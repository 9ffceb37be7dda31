using System.Text;
using System.Text.Json;
using Deploy.Contracts;

namespace Deploy.ValidateRequest.Tests;

/// <summary>Builds inputs from JSON written with single quotes (easier to read in attributes).</summary>
internal static class TestJson
{
    public static string Quote(string singleQuoted) => singleQuoted.Replace('\'', '"');

    public static ValidateRequestInput Input(string request, string? defaults = null)
    {
        var json = defaults is null
            ? $"{{\"request\":{Quote(request)}}}"
            : $"{{\"request\":{Quote(request)},\"defaults\":{Quote(defaults)}}}";
        return JsonSerializer.Deserialize(json, DeployJsonContext.Default.ValidateRequestInput)!;
    }

    public static string Run(string payload)
    {
        using var output = new Function().Handler(new MemoryStream(Encoding.UTF8.GetBytes(payload)));
        using var reader = new StreamReader(output);
        return reader.ReadToEnd();
    }
}
