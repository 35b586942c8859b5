using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Roost.Platform.Errors;

/// <summary>
/// The last writer asked: the framework's declines a client whose Accept header leaves out JSON (a browser asking for
/// HTML, a client asking for XML), and the problem would then go out as a line of plain text. This API speaks only
/// JSON, so the problem document goes out anyway, as RFC 9457 JSON.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ??= context.HttpContext.Response.StatusCode;
        context.ProblemDetails.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            context.ProblemDetails, context.ProblemDetails.GetType(), json.Value.SerializerOptions, "application/problem+json"));
    }
}
