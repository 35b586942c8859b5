using Microsoft.AspNetCore.Http.HttpResults;

namespace Roost.Features.Privacy;

public static class PrivacyEndpoints
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DataExport>();
        return builder;
    }

    /// <summary>A file to keep, like calendar.ics, so REST only: GraphQL's fields already read each part of it.</summary>
    public static RouteGroupBuilder MapPrivacy(this RouteGroupBuilder api)
    {
        api.MapGet("/me/export", Export).RequireAuthorization().WithTags("Accounts")
            .WithSummary("Download everything Roost holds about you, as JSON");
        return api;
    }

    private static async Task<Results<Ok<DataExportDocument>, ProblemHttpResult>> Export(DataExport export, HttpContext http)
    {
        var outcome = await export.ForAsync(http.User, http.RequestAborted);
        if (outcome.Failure is { } failure)
        {
            return failure.ToProblem(http);
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"roost-data-{outcome.Value!.ExportedAt:yyyy-MM-dd}.json\"";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(outcome.Value);
    }
}
