using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Roost.Platform.Http;

public static class ApiDocsSetup
{
    public static IHostApplicationBuilder AddRoostApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Roost API";
                document.Info.Description = "A home-sharing marketplace. Money is minor units with an ISO 4217 code; errors are RFC 9457 problems.";
                return Task.CompletedTask;
            });
            // Request records declare their rules on constructor parameters, where validation and GraphQL read them;
            // the document generator looks only at properties, so a client would not see a length or range limit.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonPropertyInfo?.AssociatedParameter?.AttributeProvider is { } parameter)
                {
                    foreach (var rule in parameter.GetCustomAttributes(inherit: false).OfType<ValidationAttribute>())
                    {
                        Describe(schema, rule);
                    }
                }

                return Task.CompletedTask;
            });
        });
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

    private static void Describe(OpenApiSchema schema, ValidationAttribute rule)
    {
        var isList = schema.Type?.HasFlag(JsonSchemaType.Array) == true;
        switch (rule)
        {
            case MaxLengthAttribute max when isList:
                schema.MaxItems = max.Length;
                break;
            case MaxLengthAttribute max:
                schema.MaxLength = max.Length;
                break;
            case MinLengthAttribute min when isList:
                schema.MinItems = min.Length;
                break;
            case MinLengthAttribute min:
                schema.MinLength = min.Length;
                break;
            case StringLengthAttribute length:
                schema.MaxLength = length.MaximumLength;
                schema.MinLength = length.MinimumLength > 0 ? length.MinimumLength : schema.MinLength;
                break;
            case RangeAttribute range:
                schema.Minimum = Convert.ToString(range.Minimum, CultureInfo.InvariantCulture);
                schema.Maximum = Convert.ToString(range.Maximum, CultureInfo.InvariantCulture);
                break;
            case RegularExpressionAttribute expression:
                schema.Pattern = expression.Pattern;
                break;
            case EmailAddressAttribute:
                schema.Format = "email";
                break;
        }
    }
}
