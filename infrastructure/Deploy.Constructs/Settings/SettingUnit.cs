namespace Deploy.Constructs;

/// <summary>The unit of a duration setting in the bundled app's cdk.json.</summary>
public enum SettingUnit
{
    /// <summary>Seconds.</summary>
    Seconds = 1,

    /// <summary>Minutes.</summary>
    Minutes = 60,

    /// <summary>Days.</summary>
    Days = 86_400,
}
