using System.Security.Cryptography;

namespace Roost.Platform.Http;

/// <summary>
/// Marks a route whose writes a client may retry with an <c>Idempotency-Key</c> header; <paramref name="SuccessStatus"/>
/// is the status it answers when the write is made (the one a feature's <see cref="IdempotentAnswer"/> stores).
/// </summary>
public sealed record IdempotencyMetadata(bool Required, int SuccessStatus);

public static class IdempotencyExtensions
{
    public static IHostApplicationBuilder AddRoostIdempotency(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IdempotencyHousekeeping>();
        builder.Services.AddScoped<IdempotencyKeys>();
        builder.Services.AddScoped<IdempotentAnswer>();
        return builder;
    }

    public static WebApplication UseRoostIdempotency(this WebApplication app)
    {
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    public static TBuilder Idempotent<TBuilder>(this TBuilder builder, bool required = false, int successStatus = StatusCodes.Status200OK)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotencyMetadata(required, successStatus));
}

/// <summary>
/// Same key and same request: the stored answer, byte for byte, and no second effect. Same key, other request: 422.
/// Same key while the first is still running: 409. Keys are per caller and live 24 hours. A request that ends in a
/// server error or a 429 releases its key, so the client's retry runs again.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext context, IdempotencyKeys keys, IdempotentAnswer answer, IProblemDetailsService problems)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IdempotencyMetadata>();
        if (metadata is null)
        {
            await next(context);
            return;
        }

        var key = context.Request.Headers[Header].ToString();
        if (key.Length == 0 && !metadata.Required)
        {
            await next(context);
            return;
        }

        if (!IdempotencyKeys.IsWellFormed(key))
        {
            await WriteProblemAsync(context, problems, StatusCodes.Status400BadRequest, $"This request needs an {Header} header (1 to 255 printable characters), unique per operation.");
            return;
        }

        var scope = IdempotencyKeys.ScopeOf(context.User);
        var claim = await keys.ClaimAsync(scope, key, await HashAsync(context.Request));
        switch (claim.State)
        {
            case ClaimState.OtherRequest:
                await WriteProblemAsync(context, problems, StatusCodes.Status422UnprocessableEntity, $"This {Header} was used for a different request; use a new key.");
                return;
            case ClaimState.InFlight:
                await WriteProblemAsync(context, problems, StatusCodes.Status409Conflict, $"A request with this {Header} is still being processed; retry later.");
                return;
            case ClaimState.Completed:
                context.Response.StatusCode = claim.Record!.StatusCode!.Value;
                context.Response.ContentType = claim.Record.ContentType;
                context.Response.Headers["Idempotent-Replayed"] = "true";
                await context.Response.Body.WriteAsync(claim.Record.ResponseBody ?? []);
                return;
        }

        answer.Hold(scope, key, metadata.SuccessStatus, JsonContentType);
        await RunAndStoreAsync(context, keys, answer, scope, key);
    }

    // What ASP.NET Core writes for a JSON result, so an answer a feature stored replays with the same header.
    private const string JsonContentType = "application/json; charset=utf-8";

    private async Task RunAndStoreAsync(HttpContext context, IdempotencyKeys keys, IdempotentAnswer answer, string scope, string key)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await keys.ReleaseAsync(scope, key);
            throw;
        }

        context.Response.Body = original;
        if (!IdempotencyKeys.Keeps(context.Response.StatusCode))
        {
            await keys.ReleaseAsync(scope, key);
        }
        else if (!answer.StoredAs(context.Response.StatusCode))
        {
            await keys.CompleteAsync(scope, key, context.Response.StatusCode, context.Response.ContentType, buffer.ToArray());
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original);
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task WriteProblemAsync(HttpContext context, IProblemDetailsService problems, int status, string title)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title },
        });
    }
}
