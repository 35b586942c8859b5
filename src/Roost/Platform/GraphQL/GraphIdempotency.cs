using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;
using Roost.Platform.Errors;
using Roost.Platform.Http;

namespace Roost.Platform.GraphQL;

/// <summary>
/// Idempotency keys for mutations, in the same store and with the same rules as REST's header: same key and input,
/// the stored answer and no second effect; same key, other input, an UNPROCESSABLE error; while the first is
/// running, a CONFLICT. A refusal (a 4xx failure) is stored and repeated like an answer, as REST replays its 4xx;
/// anything else releases the key, so the client's retry runs again.
/// </summary>
public static class GraphIdempotency
{
    public static async Task<T> IdempotentAsync<T>(this IResolveFieldContext context, string? key, bool required, object input, Func<Task<T>> run)
    {
        if (string.IsNullOrEmpty(key) && !required)
        {
            return await run();
        }

        if (!IdempotencyKeys.IsWellFormed(key))
        {
            throw GraphContext.Error(Failure.Validation("idempotencyKey", "1 to 255 printable characters, unique per operation."));
        }

        var json = context.Service<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var keys = context.Service<IdempotencyKeys>();
        var scope = IdempotencyKeys.ScopeOf(context.Caller());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"graphql {context.FieldDefinition.Name}\n{JsonSerializer.Serialize(input, json)}")));
        var claim = await keys.ClaimAsync(scope, key!, hash);
        switch (claim.State)
        {
            case ClaimState.OtherRequest:
                throw GraphContext.Error(Failure.Unprocessable("This idempotency key was used for a different request; use a new key."));
            case ClaimState.InFlight:
                throw GraphContext.Error(Failure.Conflict("A request with this idempotency key is still being processed; retry later."));
            case ClaimState.Completed when claim.Record!.StatusCode == StatusCodes.Status200OK:
                return JsonSerializer.Deserialize<T>(claim.Record.ResponseBody, json)!;
            case ClaimState.Completed:
                throw GraphContext.Error(JsonSerializer.Deserialize<Failure>(claim.Record.ResponseBody, json)!);
        }

        var answer = context.Service<IdempotentAnswer>();
        answer.Hold(scope, key!, StatusCodes.Status200OK, "application/json");
        try
        {
            T result;
            try
            {
                result = await run();
            }
            catch (FailureError refused) when (IdempotencyKeys.Keeps(refused.Failure.Status))
            {
                await keys.CompleteAsync(scope, key!, refused.Failure.Status, "application/json", JsonSerializer.SerializeToUtf8Bytes(refused.Failure, json));
                throw;
            }
            catch
            {
                await keys.ReleaseAsync(scope, key!);
                throw;
            }

            if (!answer.StoredAs(StatusCodes.Status200OK))
            {
                await keys.CompleteAsync(scope, key!, StatusCodes.Status200OK, "application/json", JsonSerializer.SerializeToUtf8Bytes(result, json));
            }

            return result;
        }
        finally
        {
            // Mutations of one request run one after another, each with its own key.
            answer.Release();
        }
    }
}

/// <summary>
/// Mutations that act on one thing by its id, or answer something filed under a parent (a change of a booking, a claim
/// on it) by two, each with an optional idempotency key.
/// </summary>
public static class GraphAnswers
{
    public static void AddIdempotentAction<TGraphType, TResult, TService>(
        this ObjectGraphType mutation, string name, string description, Func<TService, Guid, ClaimsPrincipal, CancellationToken, Task<Outcome<TResult>>> act)
        where TGraphType : IGraphType
        where TService : notnull =>
        mutation.Field<NonNullGraphType<TGraphType>>(name).Description(description)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var id = context.Id("id");
                return await context.IdempotentAsync(context.GetArgument<string?>("idempotencyKey"), required: false, new { id }, async () =>
                    (await act(context.Service<TService>(), id, context.Caller(), context.CancellationToken)).Unwrap());
            });

    public static void AddIdempotentAnswer<TGraphType, TResult, TService>(
        this ObjectGraphType mutation, string name, string description, string parentId, string childId,
        Func<TService, Guid, Guid, ClaimsPrincipal, CancellationToken, Task<Outcome<TResult>>> answer)
        where TGraphType : IGraphType
        where TService : notnull =>
        mutation.Field<NonNullGraphType<TGraphType>>(name).Description(description)
            .Argument<NonNullGraphType<IdGraphType>>(parentId)
            .Argument<NonNullGraphType<IdGraphType>>(childId)
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var (parent, child) = (context.Id(parentId), context.Id(childId));
                return await context.IdempotentAsync(context.GetArgument<string?>("idempotencyKey"), required: false, new { parent, child }, async () =>
                    (await answer(context.Service<TService>(), parent, child, context.Caller(), context.CancellationToken)).Unwrap());
            });
}
