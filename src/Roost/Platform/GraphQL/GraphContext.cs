using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Security.Claims;
using GraphQL;
using Roost.Platform.Auth;
using Roost.Platform.Errors;

namespace Roost.Platform.GraphQL;

/// <summary>
/// What resolvers share: the request's services and caller, and the one translation of a feature's
/// <see cref="Failure"/> into a GraphQL error (message, <c>extensions.code</c>, the HTTP status REST would give, and
/// per-field messages), so both doors report the same thing.
/// </summary>
public static class GraphContext
{
    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();

    public static ClaimsPrincipal Caller(this IResolveFieldContext context) => context.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public static BatchLoaders Loaders(this IResolveFieldContext context) => context.Service<BatchLoaders>();

    /// <summary>The signed-in caller's id, or an UNAUTHENTICATED error as REST's 401.</summary>
    public static Guid RequireUserId(this IResolveFieldContext context) =>
        context.User?.Identity?.IsAuthenticated == true
            ? context.User.UserId()
            : throw Error(Failure.Unauthenticated("Sign in first: send an access token as a Bearer Authorization header."));

    /// <summary>Hosts and admins, as the REST host policy.</summary>
    public static Guid RequireHost(this IResolveFieldContext context)
    {
        var id = context.RequireUserId();
        return context.User!.IsInRole(Roles.Host) || context.User.IsAdmin() ? id : throw Error(Failure.Forbidden("Only hosts may do this; become a host first."));
    }

    /// <summary>Spends from the same rate-limit budget as the REST policy of that name; TOO_MANY_REQUESTS when it is gone.</summary>
    public static async Task SpendAsync(this IResolveFieldContext context, string policy) =>
        (await context.Service<RateLimits.RateBudgets>().SpendAsync(policy, context.Http())).ThrowIfFailed();

    public static Guid RequireAdmin(this IResolveFieldContext context)
    {
        var id = context.RequireUserId();
        return context.User!.IsAdmin() ? id : throw Error(Failure.Forbidden("Only admins may do this."));
    }

    /// <summary>
    /// An id argument as a Guid, or BAD_USER_INPUT naming it: the ID scalar takes any string, and an id that is no id
    /// is the caller's input, as REST's route constraints treat it.
    /// </summary>
    public static Guid Id(this IResolveFieldContext context, string argument) =>
        Guid.TryParse(context.GetArgument<string>(argument), out var id)
            ? id
            : throw Error(Failure.Validation(argument, $"{argument} is not an id: ids are UUIDs such as 0192f0c4-8d1e-7b3a-9c5d-2e4f6a8b0c1d."));

    public static T Unwrap<T>(this Outcome<T> outcome) => outcome.Succeeded ? outcome.Value! : throw Error(outcome.Failure!);

    public static void ThrowIfFailed(this Failure? failure)
    {
        if (failure is not null)
        {
            throw Error(failure);
        }
    }

    public static ExecutionError Error(Failure failure)
    {
        var error = new FailureError(failure) { Code = failure.Code };
        error.Data["status"] = failure.Status;
        if (failure.Errors is not null)
        {
            error.Data["fields"] = failure.Errors;
        }

        foreach (var (key, value) in failure.Extensions ?? new Dictionary<string, object?>())
        {
            error.Data[key] = value;
        }

        return error;
    }

    /// <summary>
    /// The DataAnnotations REST enforces on the same request records (declared on their constructor parameters),
    /// checked for input that came through GraphQL; a BAD_USER_INPUT error names each field as REST's 400 would.
    /// </summary>
    public static T Valid<T>(T input) where T : notnull
    {
        var errors = new Dictionary<string, string[]>();
        Collect(input, "", errors);
        if (NulCharacter.FieldIn(input) is { } field)
        {
            errors[field] = [$"{field} {NulCharacter.Problem}"];
        }

        return errors.Count == 0 ? input : throw Error(Failure.Validation(errors));
    }

    private static void Collect(object input, string prefix, Dictionary<string, string[]> errors)
    {
        var type = input.GetType();
        foreach (var parameter in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters())
        {
            var property = type.GetProperty(parameter.Name!, BindingFlags.Public | BindingFlags.Instance);
            if (property is null)
            {
                continue;
            }

            var value = property.GetValue(input);
            var name = prefix + System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            var messages = parameter.GetCustomAttributes<ValidationAttribute>()
                .Select(a => a.GetValidationResult(value, new ValidationContext(input) { DisplayName = name, MemberName = property.Name }))
                .Where(r => r != ValidationResult.Success)
                .Select(r => r!.ErrorMessage ?? $"{name} is not valid.")
                .ToArray();
            if (messages.Length > 0)
            {
                errors[name] = messages;
            }
            else if (value is not null && property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsArray
                && property.PropertyType.Namespace?.StartsWith("Roost", StringComparison.Ordinal) == true)
            {
                Collect(value, name + ".", errors);
            }
        }
    }
}

/// <summary>A feature's <see cref="Failure"/> as a GraphQL error; it keeps the failure, so an idempotent replay can repeat it.</summary>
public sealed class FailureError(Failure failure) : ExecutionError(failure.Detail is null ? failure.Title : $"{failure.Title} {failure.Detail}")
{
    public Failure Failure { get; } = failure;
}
