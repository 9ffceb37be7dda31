namespace Deploy.StepFunctions.Internal;

/// <summary>Wire names of <see cref="StateMachineType"/>.</summary>
internal sealed class StateMachineTypeJsonConverter() : WireEnumJsonConverter<StateMachineType>(new Dictionary<StateMachineType, string>
{
    [StateMachineType.Standard] = "STANDARD",
    [StateMachineType.Express] = "EXPRESS",
});
