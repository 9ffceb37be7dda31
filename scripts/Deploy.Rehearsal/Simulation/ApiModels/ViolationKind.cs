namespace Deploy.Rehearsal.Simulation.ApiModels;

/// <summary>How a value fails its shape in the API model.</summary>
public enum ViolationKind
{
    /// <summary>A member the shape does not have (a misspelt parameter). Step Functions refuses it before calling the API.</summary>
    UnknownMember,

    /// <summary>A value of the wrong JSON type for its shape (a string for an integer, an object for a list, …). Step Functions refuses it.</summary>
    WrongType,

    /// <summary>A required member that is absent (or null). The service refuses it.</summary>
    MissingRequired,

    /// <summary>A string outside the shape's enum. The service refuses it.</summary>
    NotInEnum,

    /// <summary>A number outside the shape's <c>min</c>/<c>max</c>. The service refuses it.</summary>
    OutOfRange,

    /// <summary>A string, list or map shorter or longer than the shape's <c>min</c>/<c>max</c>. The service refuses it.</summary>
    BadLength,
}
