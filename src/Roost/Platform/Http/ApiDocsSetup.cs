using Scalar.AspNetCore;

namespace Roost.Platform.Http;

public static class ApiDocsSetup
{
    public static IHostApplicationBuilder AddRoostApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Roost API";
            document.Info.Description = "A home-sharing marketplace. Money is minor units with an ISO 4217 code; errors are RFC 9457 problems.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static void MapRoostApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").DisableRateLimiting();
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("Roost API reference")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .DisableRateLimiting();
    }
}
