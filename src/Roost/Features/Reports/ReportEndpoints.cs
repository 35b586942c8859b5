using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.Http;

namespace Roost.Features.Reports;

public static class ReportEndpoints
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<Reports>();
        builder.Services.AddScoped<ReportDigest>();
        return builder;
    }

    /// <summary>At 08:00 UTC, the start of a working day in most of Europe and Africa.</summary>
    public static void ScheduleReportJobs(this IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<ReportDigest>("reports:daily-digest", d => d.SendAsync(), Cron.Hourly());

    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports").RequireAuthorization();
        reports.MapPost("", File).WithSummary("Report a listing, a user or a review that breaks the rules");
        reports.MapGet("", Mine).WithSummary("Your reports and what became of them");
        var admin = api.MapGroup("/admin/reports").WithTags("Reports").RequireAuthorization(Policies.Admin);
        admin.MapGet("", Queue).WithSummary("Admin: reports by status (default open), oldest first");
        admin.MapPost("/{id:guid}/close", Close).WithSummary("Admin: close a report as action_taken or dismissed; the reporter is told");
        return api;
    }

    private static async Task<Results<Created<ReportResponse>, ProblemHttpResult>> File(FileReportRequest request, Reports reports, HttpContext http)
    {
        var outcome = await reports.FileAsync(http.User.UserId(), request, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/reports/{outcome.Value!.Id}", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<Page<ReportResponse>>, ProblemHttpResult>> Mine(Reports reports, HttpContext http, int limit = 20, string? cursor = null) =>
        PageRequest.Check<ReportsCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await reports.MineAsync(http.User.UserId(), limit, after, http.RequestAborted));

    /// <summary>The status as JSON spells it (<c>action_taken</c>), not as .NET does.</summary>
    private static async Task<Results<Ok<Page<ReportResponse>>, ProblemHttpResult>> Queue(
        Reports reports, HttpContext http, string status = "open", int limit = 20, string? cursor = null)
    {
        var wanted = Enum.GetValues<ReportStatus>().Cast<ReportStatus?>()
            .FirstOrDefault(s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()!) == status);
        if (wanted is null)
        {
            return Failure.Validation("status", "One of open, action_taken, dismissed.").ToProblem(http);
        }

        return PageRequest.Check<ReportsCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await reports.QueueAsync(wanted.Value, limit, after, http.RequestAborted));
    }

    private static async Task<Results<Ok<ReportResponse>, ProblemHttpResult>> Close(Guid id, CloseReportRequest request, Reports reports, HttpContext http) =>
        (await reports.CloseAsync(id, http.User.UserId(), request, http.RequestAborted)).ToResult(http);
}
