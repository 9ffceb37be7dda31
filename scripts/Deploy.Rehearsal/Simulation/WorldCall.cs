using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// One call the simulated world answered (Wait states are not calls): which execution and state made it, the
/// Task resource and request Parameters as the state machine sent them, and the world's answer — the success
/// output, or the error name and cause as Step Functions surfaces them. <see cref="SimulatedWorld.CallLog"/> keeps
/// them in the order the world applied them; the conformance suite replays them against moto.
/// </summary>
/// <param name="At">Simulated time the call started (after any retry backoff).</param>
/// <param name="Execution">The execution's name.</param>
/// <param name="State">The Task state's name.</param>
/// <param name="Resource">The state's <c>Resource</c> (<c>arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRule</c>, a Lambda ARN, …).</param>
/// <param name="Api"><c>service:action</c> as the world dispatched it (<c>elasticloadbalancingv2:modifyRule</c>, <c>lambda:invoke</c>).</param>
/// <param name="Parameters">The request: the task's input after InputPath and Parameters.</param>
/// <param name="Injected">Whether the answer is a fault the scenario injected (AWS was not asked).</param>
/// <param name="Output">The success output, before ResultSelector and ResultPath; <see langword="null"/> on failure.</param>
/// <param name="Error">The error name on failure (<c>DynamoDB.ConditionalCheckFailedException</c>, …).</param>
/// <param name="Cause">The error's cause on failure.</param>
public sealed record WorldCall(
    DateTimeOffset At,
    string Execution,
    string State,
    string Resource,
    string Api,
    JsonNode? Parameters,
    bool Injected,
    JsonNode? Output,
    string? Error,
    string? Cause)
{
    /// <summary>Whether the world answered with success.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The call as one JSON object (<c>at</c>, <c>execution</c>, <c>state</c>, <c>resource</c>, <c>api</c>, <c>parameters</c>, <c>injected</c>, <c>output</c> or <c>error</c>/<c>cause</c>).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["at"] = At.ToUnixTimeMilliseconds(),
            ["execution"] = Execution,
            ["state"] = State,
            ["resource"] = Resource,
            ["api"] = Api,
            ["parameters"] = Parameters?.DeepClone(),
            ["injected"] = Injected,
        };
        if (Succeeded)
        {
            json["output"] = Output?.DeepClone();
        }
        else
        {
            json["error"] = Error;
            json["cause"] = Cause;
        }

        return json;
    }
}
