namespace Deploy.Rehearsal.Simulation.ApiModels;

/// <summary>Whether a value is checked as a request (sent by a state machine) or as a response (built by the simulated world).</summary>
public enum ShapeDirection
{
    /// <summary>A request: a JSON null stands for an absent member, as the SDK serializes it.</summary>
    Request,

    /// <summary>A response: AWS omits absent members, so a JSON null is a wrong type.</summary>
    Response,
}
