using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;

namespace Roost.Platform.Errors;

public static class ProblemSetup
{
    public static IHostApplicationBuilder AddRoostProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = TraceIdOf(context.HttpContext);
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                CamelCaseFieldNames(validation.Errors);
            }
        });
        // After AddProblemDetails, so the framework's writer is asked first and this one only when it declines.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddExceptionHandler<RoostExceptionHandler>();
        builder.Services.AddValidation();

        // Malformed JSON and a wrong Content-Type must surface as exceptions we can turn into problems with a reason,
        // instead of the bare 400/415 minimal APIs write when they do not throw.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options =>
        {
            // A field the contract does not name (say "roles" on register) is refused, not silently dropped.
            options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
            // Enum values on the wire are snake_case strings (entire_place, cancelled_by_guest), as the contract says.
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        });
        return builder;
    }

    public static WebApplication UseRoostProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseMiddleware<NulQueryGuard>();
        return app;
    }

    /// <summary>
    /// The validator reports C# member names ("Address.PostalCode"); clients know the JSON names ("address.postalCode").
    /// </summary>
    private static void CamelCaseFieldNames(IDictionary<string, string[]> errors)
    {
        foreach (var key in errors.Keys.ToList())
        {
            var json = string.Join('.', key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
            if (json != key)
            {
                errors[json] = errors.TryGetValue(json, out var existing) ? [.. existing, .. errors[key]] : errors[key];
                errors.Remove(key);
            }
        }
    }

    /// <summary>
    /// The request's W3C trace id. ASP.NET Core only starts an activity for a request while something listens to
    /// them, so without one the caller's <c>traceparent</c> header is read directly; the connection's own request id
    /// is the last resort.
    /// </summary>
    public static string TraceIdOf(HttpContext context) =>
        Activity.Current?.TraceId.ToString()
        ?? context.Features.Get<IHttpActivityFeature>()?.Activity.TraceId.ToString()
        ?? (ActivityContext.TryParse(context.Request.Headers.TraceParent, null, out var caller) ? caller.TraceId.ToString() : null)
        ?? context.TraceIdentifier;
}
