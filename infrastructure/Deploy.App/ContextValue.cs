using System.Globalization;
using System.Text.Json;
using Amazon.CDK;
using Deploy.Constructs;

namespace Deploy.App;

/// <summary>A cdk.json value read as a <see cref="DeploymentSetting"/> of its kind: durations in the setting's unit, numbers, booleans, strategy names.</summary>
internal static class ContextValue
{
    public static DeploymentConfiguration Read(DeploymentSetting setting, DeploymentConfiguration into, JsonElement value, string path) => setting switch
    {
        DurationSetting d => d.With(into, Duration.Seconds(NotNegative(Number(value, path), path) * (int)d.Unit)),
        NumberSetting n => n.With(into, Number(value, path)),
        FlagSetting f => f.With(into, value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(value, path, "true or false"),
        }),
        StrategySetting s => s.With(into, value.ValueKind == JsonValueKind.String && StrategySetting.TryParse(value.GetString()!, out var strategy)
            ? strategy
            : throw new InvalidPropsException($"{path}: got {value.GetRawText()}; use {StrategySetting.Names}.")),
        _ => throw new NotSupportedException($"{path}: {setting.GetType().Name} has no cdk.json reader."),
    };

    private static double Number(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Wrong(value, path, "a number");

    private static double NotNegative(double amount, string path) =>
        amount < 0 ? throw new InvalidPropsException($"{path}: got {amount.ToString(CultureInfo.InvariantCulture)}; must be zero or more.") : amount;

    private static InvalidPropsException Wrong(JsonElement value, string path, string expected) =>
        new($"{path}: got {value.GetRawText()}; must be {expected}.");
}
