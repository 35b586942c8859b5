using System.Text.Json;
using System.Text.Json.Serialization;

namespace Roost.Tests.Infrastructure;

/// <summary>Reads responses the way the API writes them: camelCase, snake_case enum strings.</summary>
public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
