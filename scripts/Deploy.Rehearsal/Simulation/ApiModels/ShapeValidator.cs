using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation.ApiModels;

/// <summary>
/// Checks a JSON value against a shape of a botocore service model: unknown members, JSON types (structure, list, map,
/// string, integer, long, float, double, boolean, timestamp, blob), required members, enums, and the model's
/// <c>min</c>/<c>max</c> (number ranges; string, list and map lengths). Not checked: regular-expression <c>pattern</c>s
/// (Java regular expressions; the flows' values come from the template) and the one-member rule of <c>union</c>
/// structures (no operation the flows call takes one).
/// </summary>
/// <remarks>
/// Member names are spelled as Step Functions spells them: "Parameters in Step Functions are expressed in PascalCase,
/// even if the native service API is in camelCase" (the Step Functions API's <c>stateMachineArn</c> is
/// <c>StateMachineArn</c>), and an API field named <c>Equals</c> is <c>EqualsValue</c> in AWS SDK integrations
/// (<see href="https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html">Learning to use AWS
/// service SDK integrations</see>). A list member uses the model's member name, which is the plural form the same page
/// asks for (<c>Filters</c> for EC2's <c>Filter.N</c>; <c>TagSpecifications</c> for <c>TagSpecification.N</c>): the
/// model's <c>locationName</c> is the wire name of the query protocol, not a Step Functions field.
/// </remarks>
public sealed class ShapeValidator
{
    private readonly ServiceModel _model;
    private readonly ShapeDirection _direction;
    private readonly bool _awsSdk;
    private readonly IReadOnlySet<string> _anyJson;

    /// <summary>Creates a validator for values of <paramref name="model"/>.</summary>
    /// <param name="model">The service model.</param>
    /// <param name="direction">Request (sent by a state machine) or response (built by the world).</param>
    /// <param name="awsSdk">Whether the names follow the AWS SDK integrations' conventions (<c>EqualsValue</c>).</param>
    /// <param name="anyJson">Top-level members that accept any JSON value (the optimized integrations' JSON payloads,
    /// see <see cref="TaskApi"/>); default: none.</param>
    public ShapeValidator(ServiceModel model, ShapeDirection direction, bool awsSdk, IReadOnlySet<string>? anyJson = null)
    {
        _model = model;
        _direction = direction;
        _awsSdk = awsSdk;
        _anyJson = anyJson ?? new HashSet<string>();
    }

    /// <summary>Every way <paramref name="value"/> does not fit the shape named <paramref name="shape"/>; empty when it fits.</summary>
    public IReadOnlyList<ShapeViolation> Validate(string shape, JsonNode? value)
    {
        var found = new List<ShapeViolation>();
        Check(_model.Shape(shape), value, new Location(string.Empty, string.Empty, string.Empty), top: true, found);
        return found;
    }

    /// <summary>A model member's name as Step Functions spells it: PascalCase; <c>Equals</c> is <c>EqualsValue</c> in AWS SDK integrations.</summary>
    public static string StepFunctionsName(string member, bool awsSdk) =>
        awsSdk && member == "Equals" ? "EqualsValue" : char.ToUpperInvariant(member[0]) + member[1..];

    /// <summary>The member of a structure shape that Step Functions names <paramref name="name"/>, with its shape.</summary>
    internal static bool TryMember(JsonElement structure, string name, bool awsSdk, out string member, out string shape)
    {
        foreach (var candidate in structure.GetProperty("members").EnumerateObject())
        {
            if (StepFunctionsName(candidate.Name, awsSdk) == name)
            {
                member = candidate.Name;
                shape = candidate.Value.GetProperty("shape").GetString()!;
                return true;
            }
        }

        member = shape = string.Empty;
        return false;
    }

    private void Check(JsonElement shape, JsonNode? value, Location at, bool top, List<ShapeViolation> found)
    {
        var type = shape.GetProperty("type").GetString();
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        if (kind == JsonValueKind.Null)
        {
            if (_direction == ShapeDirection.Response)
            {
                found.Add(at.Violation(ViolationKind.WrongType, "null", $"Member must be a {type} (AWS omits an absent member; it never answers null)"));
            }

            return;
        }

        switch (type)
        {
            case "structure" when value is JsonObject structure:
                Structure(shape, structure, at, top, found);
                break;
            case "list" when value is JsonArray list:
                Length(shape, list.Count, at, Text(value), found);
                var item = _model.Shape(shape.GetProperty("member").GetProperty("shape").GetString()!);
                for (var i = 0; i < list.Count; i++)
                {
                    Check(item, list[i], at.Index(i), top: false, found);
                }

                break;
            case "map" when value is JsonObject map:
                Length(shape, map.Count, at, Text(value), found);
                var key = _model.Shape(shape.GetProperty("key").GetProperty("shape").GetString()!);
                var entry = _model.Shape(shape.GetProperty("value").GetProperty("shape").GetString()!);
                foreach (var (name, child) in map)
                {
                    Check(key, JsonValue.Create(name), at.Key(name), top: false, found);
                    Check(entry, child, at.Key(name), top: false, found);
                }

                break;
            case "string" when kind == JsonValueKind.String:
                var text = value!.GetValue<string>();
                if (shape.TryGetProperty("enum", out var values) && values.EnumerateArray().All(v => v.GetString() != text))
                {
                    found.Add(at.Violation(ViolationKind.NotInEnum, text,
                        $"Member must satisfy enum value set: [{string.Join(", ", values.EnumerateArray().Select(v => v.GetString()))}]"));
                }

                Length(shape, text.Length, at, text, found);
                break;
            case "integer" or "long" when kind == JsonValueKind.Number:
                var whole = decimal.Parse(value!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                if (decimal.Truncate(whole) != whole)
                {
                    found.Add(at.Violation(ViolationKind.WrongType, Text(value), $"Member must be an {type}"));
                    break;
                }

                Range(shape, (double)whole, at, Text(value), found);
                break;
            case "float" or "double" when kind == JsonValueKind.Number:
                Range(shape, double.Parse(value!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture), at, Text(value), found);
                break;
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False:
                break;
            // The SDKs read a timestamp from an ISO 8601 string or from epoch seconds.
            case "timestamp" when kind == JsonValueKind.Number
                || (kind == JsonValueKind.String && DateTimeOffset.TryParse(value!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)):
                break;
            // A blob travels as base64 text in JSON.
            case "blob" when kind == JsonValueKind.String:
                break;
            case "document":
                break;
            default:
                found.Add(at.Violation(ViolationKind.WrongType, Text(value), $"Member must be a {type}, not a JSON {kind.ToString().ToLowerInvariant()}"));
                break;
        }
    }

    private void Structure(JsonElement shape, JsonObject value, Location at, bool top, List<ShapeViolation> found)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, child) in value)
        {
            if (!TryMember(shape, name, _awsSdk, out var member, out var memberShape))
            {
                found.Add(at.Member(name, name).Violation(ViolationKind.UnknownMember, null, $"The field \"{name}\" is not supported"));
                continue;
            }

            if (child is null && _direction == ShapeDirection.Request)
            {
                continue;
            }

            present.Add(member);
            if (!(top && _anyJson.Contains(name)))
            {
                Check(_model.Shape(memberShape), child, at.Member(name, member), top: false, found);
            }
        }

        if (shape.TryGetProperty("required", out var required))
        {
            foreach (var member in required.EnumerateArray().Select(r => r.GetString()!).Where(r => !present.Contains(r)))
            {
                found.Add(at.Member(StepFunctionsName(member, _awsSdk), member).Violation(ViolationKind.MissingRequired, null, "Member must not be null"));
            }
        }
    }

    private static void Length(JsonElement shape, int length, Location at, string value, List<ShapeViolation> found)
    {
        if (shape.TryGetProperty("min", out var min) && length < min.GetDouble())
        {
            found.Add(at.Violation(ViolationKind.BadLength, value, $"Member must have length greater than or equal to {min.GetRawText()}"));
        }

        if (shape.TryGetProperty("max", out var max) && length > max.GetDouble())
        {
            found.Add(at.Violation(ViolationKind.BadLength, value, $"Member must have length less than or equal to {max.GetRawText()}"));
        }
    }

    private static void Range(JsonElement shape, double number, Location at, string value, List<ShapeViolation> found)
    {
        if (shape.TryGetProperty("min", out var min) && number < min.GetDouble())
        {
            found.Add(at.Violation(ViolationKind.OutOfRange, value, $"Member must have value greater than or equal to {min.GetRawText()}"));
        }

        if (shape.TryGetProperty("max", out var max) && number > max.GetDouble())
        {
            found.Add(at.Violation(ViolationKind.OutOfRange, value, $"Member must have value less than or equal to {max.GetRawText()}"));
        }
    }

    private static string Text(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "null";

    /// <summary>Where a value sits: Step Functions path, AWS wire path (lowerCamel members, 1-based <c>.N.member</c> list items), field name.</summary>
    private readonly record struct Location(string Path, string Wire, string Field)
    {
        public Location Member(string name, string member)
        {
            var wire = char.ToLowerInvariant(member[0]) + member[1..];
            return new(Path.Length == 0 ? name : $"{Path}.{name}", Wire.Length == 0 ? wire : $"{Wire}.{wire}", name);
        }

        public Location Index(int i) => new($"{Path}[{i}]", $"{Wire}.{i + 1}.member", Field);

        public Location Key(string key) => new($"{Path}.{key}", $"{Wire}.{key}", Field);

        public ShapeViolation Violation(ViolationKind kind, string? value, string constraint) => new(kind, Path, Wire, Field, value, constraint);
    }
}
