using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Roost.Platform.Data;

namespace Roost.Platform.Errors;

/// <summary>
/// Maps the few exceptions that carry a meaning for the client to a status; everything else is a 500 whose body
/// says nothing about the server beyond the trace id to quote to support.
/// </summary>
internal sealed class RoostExceptionHandler(IProblemDetailsService problems, ILogger<RoostExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // Load balancers and clients retry a 503; a few seconds covers a restart or a failover.
            httpContext.Response.Headers.RetryAfter = "5";
            logger.LogError(exception, "Database unavailable for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            logger.LogInformation("Request refused with {Status}: {Reason}", problem.Status, problem.Detail);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Describe(Exception exception) => exception switch
    {
        // First: a cancelled command can carry the broken connection it left behind, which is not an outage.
        OperationCanceledException => new ProblemDetails
        {
            Status = 499,
            Title = "The client closed the request.",
        },
        _ when NulCharacter.IsDatabaseRefusal(exception) => Invalid("body", $"A text value {NulCharacter.Problem}"),
        _ when exception.IsDatabaseUnavailable() => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable just now.",
            Detail = "Retry in a few seconds; a request sent with an Idempotency-Key is safe to repeat.",
        },
        BadHttpRequestException { InnerException: JsonException json } => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid JSON for this route.",
            Detail = DescribeJson(json),
        },
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request body has an unsupported media type.",
                _ => "The request is malformed.",
            },
            Detail = bad.Message,
        },
        DbUpdateException db when db.IsUniqueViolation() => Conflict(
            "A record with the same unique value already exists.", db),
        DbUpdateException db when db.IsExclusionViolation() => Conflict(
            "The change overlaps an existing record that may not be overlapped.", db),
        PostgresException pg when pg.SqlState is PostgresErrors.UniqueViolation or PostgresErrors.ExclusionViolation =>
            Conflict("The change conflicts with an existing record.", pg),
        DbUpdateConcurrencyException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The resource was changed by another request; read it again and retry.",
        },
        _ => new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "An unexpected error occurred.",
            Detail = "Quote the traceId when you report this.",
        },
    };

    /// <summary>System.Text.Json's messages name .NET types; the client only needs the field and what is wrong.</summary>
    private static string DescribeJson(JsonException json)
    {
        var field = json.Path is null or "$" ? "the body" : $"'{json.Path}'";
        if (json.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = json.Message.Split('\'') is { Length: > 2 } parts ? parts[1] : "?";
            return $"The field '{name}' is not part of this request.";
        }

        return json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"The value of {field} has the wrong type or format."
            : $"The JSON is malformed near {field} (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).";
    }

    private static HttpValidationProblemDetails Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] })
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "One or more fields are invalid.",
    };

    private static ProblemDetails Conflict(string title, Exception exception)
    {
        var constraint = (exception as PostgresException ?? exception.InnerException as PostgresException)?.ConstraintName;
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = title };
        if (constraint is not null)
        {
            problem.Extensions["constraint"] = constraint;
        }

        return problem;
    }
}
