using System.Text.Json;
using System.Text.Json.Nodes;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.GraphQL;

/// <summary>
/// Every query and mutation field of the schema, each argument (and each field of an input object) set in turn to
/// hostile values of its own type: a NUL, 70,000 characters, the ends of Int, huge floats, impossible dates, ids that
/// are no ids. Type errors are GraphQL's to refuse; what gets through must come back as a coded error, never as an
/// unhandled resolver failure. A field added later is swept without a change here.
/// </summary>
public sealed class GraphQLHostileSweepTests(ApiOnlyApp app) : IClassFixture<ApiOnlyApp>
{
    private const string Introspection =
        """
        {
          __schema {
            types { name kind inputFields { name type { ...Ref } } }
            queryType { fields { name type { ...Ref } args { name type { ...Ref } } } }
            mutationType { fields { name type { ...Ref } args { name type { ...Ref } } } }
          }
        }
        fragment Ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
        """;

    private static readonly Dictionary<string, JsonNode?[]> Hostile = new()
    {
        ["String"] = ["\u0000", new string('x', 70_000), "", " "],
        ["Int"] = [int.MinValue, int.MaxValue, 0, -1],
        ["Float"] = [1e308, -1e308, 0.0],
        ["Long"] = [long.MaxValue, -1],
        ["ID"] = ["not-an-id", "", Guid.NewGuid().ToString()],
        ["DateOnly"] = ["0001-01-01", "9999-12-31", "2026-02-30"],
        ["TimeOnly"] = ["25:99", "00:00"],
    };

    [Fact]
    public async Task Hostile_arguments_on_every_field_come_back_as_coded_errors_never_unhandled_ones()
    {
        var host = await app.RegisterHostAsync();
        var guest = await app.RegisterGuestAsync();
        var schema = (await guest.Client.GraphQLAsync(Introspection)).ShouldSucceed().Data.GetProperty("__schema");
        var types = schema.GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        var failures = new List<string>();
        var sent = 0;

        foreach (var (operation, root) in new[] { ("query", "queryType"), ("mutation", "mutationType") })
        {
            foreach (var field in schema.GetProperty(root).GetProperty("fields").EnumerateArray())
            {
                var name = field.GetProperty("name").GetString()!;
                var args = field.GetProperty("args").EnumerateArray().ToList();
                if (args.Count == 0 || name.StartsWith("__", StringComparison.Ordinal))
                {
                    continue;
                }

                var query = $"{operation} ({string.Join(", ", args.Select(a => $"${a.GetProperty("name").GetString()}: {Signature(a.GetProperty("type"))}"))}) "
                    + $"{{ {name}({string.Join(", ", args.Select(a => $"{a.GetProperty("name").GetString()}: ${a.GetProperty("name").GetString()}"))}) {Selection(field)} }}";
                foreach (var (what, variables) in Variants(args, types))
                {
                    foreach (var caller in new[] { guest, host })
                    {
                        var response = await caller.Client.GraphQLAsync(query, variables);
                        sent++;
                        var unhandled = response.Errors.FirstOrDefault(e => e.GetProperty("message").GetString()!.StartsWith("Error trying to resolve", StringComparison.Ordinal));
                        if ((int)response.Status >= 500 || unhandled.ValueKind != JsonValueKind.Undefined)
                        {
                            failures.Add($"{name} {what} -> {(int)response.Status} {response.FirstCode}");
                        }
                    }
                }
            }
        }

        failures.ShouldBeEmpty($"{failures.Count} of {sent} requests: {string.Join("; ", failures.Distinct().Take(20))}");
        sent.ShouldBeGreaterThan(500);
    }

    /// <summary>Each argument, or each field of an input-object argument, set to each hostile value of its type; the rest plausible.</summary>
    private static IEnumerable<(string What, JsonObject Variables)> Variants(List<JsonElement> args, Dictionary<string, JsonElement> types)
    {
        JsonObject Plausible() => new(args.Select(a => KeyValuePair.Create(a.GetProperty("name").GetString()!, Default(a.GetProperty("type"), types, 0))));
        foreach (var arg in args)
        {
            var argName = arg.GetProperty("name").GetString()!;
            var (typeName, kind) = Named(arg.GetProperty("type"));
            if (kind == "INPUT_OBJECT")
            {
                foreach (var inputField in types[typeName].GetProperty("inputFields").EnumerateArray())
                {
                    foreach (var value in Hostile.GetValueOrDefault(Named(inputField.GetProperty("type")).Name, []))
                    {
                        var variables = Plausible();
                        variables[argName]![inputField.GetProperty("name").GetString()!] = Wrap(inputField.GetProperty("type"), value);
                        yield return ($"{argName}.{inputField.GetProperty("name").GetString()}={Short(value)}", variables);
                    }
                }
            }
            else
            {
                foreach (var value in Hostile.GetValueOrDefault(typeName, []))
                {
                    var variables = Plausible();
                    variables[argName] = Wrap(arg.GetProperty("type"), value);
                    yield return ($"{argName}={Short(value)}", variables);
                }
            }
        }
    }

    private static JsonNode? Default(JsonElement type, Dictionary<string, JsonElement> types, int depth)
    {
        var (name, kind) = Named(type);
        return kind switch
        {
            "INPUT_OBJECT" when depth < 3 => new JsonObject(types[name].GetProperty("inputFields").EnumerateArray()
                .Select(f => KeyValuePair.Create(f.GetProperty("name").GetString()!, Default(f.GetProperty("type"), types, depth + 1)))),
            "ENUM" => null,
            _ => name switch
            {
                "String" => "x",
                "Int" or "Long" => 1,
                "Float" => 1.0,
                "Boolean" => true,
                "ID" => Guid.NewGuid().ToString(),
                "DateOnly" => "2031-06-01",
                "TimeOnly" => "15:00",
                _ => null,
            },
        };
    }

    private static JsonNode? Wrap(JsonElement type, JsonNode? value) => IsList(type) ? new JsonArray(value?.DeepClone()) : value?.DeepClone();

    private static bool IsList(JsonElement type) =>
        type.GetProperty("kind").GetString() == "LIST" || (type.TryGetProperty("ofType", out var inner) && inner.ValueKind == JsonValueKind.Object && IsList(inner));

    private static (string Name, string Kind) Named(JsonElement type) =>
        type.TryGetProperty("ofType", out var inner) && inner.ValueKind == JsonValueKind.Object ? Named(inner) : (type.GetProperty("name").GetString()!, type.GetProperty("kind").GetString()!);

    private static string Signature(JsonElement type) => type.GetProperty("kind").GetString() switch
    {
        "NON_NULL" => Signature(type.GetProperty("ofType")) + "!",
        "LIST" => $"[{Signature(type.GetProperty("ofType"))}]",
        _ => type.GetProperty("name").GetString()!,
    };

    /// <summary>Objects need a selection; <c>__typename</c> is on every one. Scalars take none.</summary>
    private static string Selection(JsonElement field) =>
        Named(field.GetProperty("type")).Kind is "OBJECT" or "INTERFACE" or "UNION" ? "{ __typename }" : "";

    private static string Short(JsonNode? value) => value?.ToJsonString() is { } json ? json[..Math.Min(json.Length, 20)] : "null";
}
