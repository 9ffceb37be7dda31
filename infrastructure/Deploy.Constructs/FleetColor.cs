namespace Deploy.Constructs;

/// <summary>One of the two fleets of a blue/green pair.</summary>
public enum FleetColor
{
    /// <summary>The blue fleet: live (weight 100) when the stack is first created.</summary>
    Blue,

    /// <summary>The green fleet: idle (weight 0, no instances) when the stack is first created.</summary>
    Green,
}
