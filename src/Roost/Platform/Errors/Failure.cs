using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Roost.Platform.Errors;

/// <summary>
/// An expected failure of feature code, independent of the door it came through: REST turns it into an RFC 9457
/// problem, GraphQL into an error with a code. Features return these; they never build HTTP responses themselves.
/// </summary>
public sealed record Failure(
    int Status,
    string Code,
    string Title,
    string? Detail = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    TimeSpan? RetryAfter = null,
    IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static Failure Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static Failure Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "BAD_USER_INPUT", "One or more fields are invalid.", Errors: errors);

    public static Failure Unprocessable(string title, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(StatusCodes.Status422UnprocessableEntity, "UNPROCESSABLE", title, Errors: errors);

    public static Failure NotFound(string what) =>
        new(StatusCodes.Status404NotFound, "NOT_FOUND", $"{what} was not found.");

    public static Failure Conflict(string title, string? detail = null) =>
        new(StatusCodes.Status409Conflict, "CONFLICT", title, detail);

    public static Failure Unauthenticated(string title) =>
        new(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", title);

    public static Failure Forbidden(string title) =>
        new(StatusCodes.Status403Forbidden, "FORBIDDEN", title);

    public static Failure TooManyRequests(string title, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, "TOO_MANY_REQUESTS", title,
            $"Try again in {Seconds(retryAfter)} seconds.", RetryAfter: retryAfter);

    public ProblemHttpResult ToProblem(HttpContext context)
    {
        if (RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
        }

        ProblemDetails problem = Errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(Errors.ToDictionary(e => e.Key, e => e.Value));
        problem.Status = Status;
        problem.Title = Title;
        problem.Detail = Detail;
        problem.Extensions["code"] = Code;
        foreach (var (name, value) in Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return TypedResults.Problem(problem);
    }

    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}

public static class OutcomeResults
{
    /// <summary>The common REST answer: 200 with the value, or the failure as a problem.</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToResult<T>(this Outcome<T> outcome, HttpContext context) =>
        outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem(context);
}

/// <summary>The value of a feature operation, or why there is none.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public Failure? Failure { get; }

    public bool Succeeded => Failure is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}
