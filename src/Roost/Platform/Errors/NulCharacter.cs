using System.Reflection;
using System.Text.Json;
using Npgsql;

namespace Roost.Platform.Errors;

/// <summary>
/// PostgreSQL's text cannot hold U+0000, so a NUL anywhere in input would only fail at the INSERT, as a 500 and
/// possibly after money moved. Every door refuses it up front, naming the field: request records on REST
/// (<see cref="RefuseNulText"/>) and GraphQL (<see cref="GraphQL.GraphContext.Valid"/>), query strings
/// (<see cref="NulQueryGuard"/>); the database's own refusal still maps to a 400 for whatever path is left.
/// </summary>
public static class NulCharacter
{
    public const string Problem = "must not contain the NUL character (U+0000).";

    // character_not_in_repertoire: what PostgreSQL answers for a 0x00 byte in text.
    private const string CharacterNotInRepertoire = "22021";

    public static bool IsIn(string? value) => value?.Contains('\0', StringComparison.Ordinal) == true;

    public static bool IsDatabaseRefusal(Exception exception) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException)?.SqlState == CharacterNotInRepertoire;

    public static Failure Refusal(string field) => Failure.Validation(field, $"{field} {Problem}");

    /// <summary>The JSON name of the first text field of a request record (nested records included) holding a NUL.</summary>
    public static string? FieldIn(object input, string prefix = "")
    {
        foreach (var property in input.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            switch (property.GetIndexParameters().Length == 0 ? property.GetValue(input) : null)
            {
                case string text when IsIn(text):
                case IEnumerable<string> texts when texts.Any(IsIn):
                    return prefix + JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                case { } nested when IsRequestShape(nested.GetType()) && FieldIn(nested, prefix + JsonNamingPolicy.CamelCase.ConvertName(property.Name) + ".") is { } inner:
                    return inner;
            }
        }

        return null;
    }

    /// <summary>REST's part: each endpoint learns once which of its arguments are request records, and checks those.</summary>
    public static RouteGroupBuilder RefuseNulText(this RouteGroupBuilder api) => api.AddEndpointFilterFactory((factory, next) =>
    {
        var records = factory.MethodInfo.GetParameters().Where(p => IsRequestShape(p.ParameterType)).Select(p => p.Position).ToArray();
        return records.Length == 0 ? next : async invocation =>
        {
            foreach (var position in records)
            {
                if (invocation.Arguments[position] is { } record && FieldIn(record) is { } field)
                {
                    return Refusal(field).ToProblem(invocation.HttpContext);
                }
            }

            return await next(invocation);
        };
    });

    // Request bodies and [AsParameters] sets are our records; services a handler takes are plain classes, never walked.
    private static bool IsRequestShape(Type type) =>
        type.Namespace?.StartsWith("Roost.", StringComparison.Ordinal) == true && type.GetMethod("<Clone>$") is not null;
}

/// <summary>Refuses a query string that decodes to a NUL before any endpoint binds it.</summary>
internal sealed class NulQueryGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Only an encoded NUL can decode to one, so ordinary requests pay one substring search.
        if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
            && context.Request.Query.FirstOrDefault(parameter => parameter.Value.Any(NulCharacter.IsIn) || NulCharacter.IsIn(parameter.Key)) is { Key: not null } bad)
        {
            await NulCharacter.Refusal(bad.Key.Replace("\0", "", StringComparison.Ordinal)).ToProblem(context).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
