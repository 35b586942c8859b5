using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Errors;

namespace Roost.Features.Calendar;

public static class CalendarEndpoints
{
    public static RouteGroupBuilder MapCalendar(this RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/listings/{id:guid}").WithTags("Calendar");
        calendar.MapGet("/calendar", Read).AllowAnonymous().WithSummary("Nights with availability, price and minimum stay (at most 12 months)");
        calendar.MapPut("/calendar", Write).RequireAuthorization().WithSummary("Block, unblock, price or set the minimum stay of a range of nights");
        calendar.MapGet("/calendar.ics", Ics).AllowAnonymous().WithSummary("iCalendar export, for the holder of the secret token");
        calendar.MapGet("/calendar/export", ExportUrl).RequireAuthorization().WithSummary("The secret export URL");
        calendar.MapPost("/calendar/export/rotate", RotateExportUrl).RequireAuthorization().WithSummary("A new export URL; the old one stops working");
        calendar.MapGet("/calendar/imports", ListImports).RequireAuthorization().WithSummary("Imported external calendars and their last sync");
        calendar.MapPost("/calendar/imports", AddImport).RequireAuthorization().WithSummary("Import an external .ics calendar (synced every 30 minutes)");
        calendar.MapPost("/calendar/imports/{importId:guid}/sync", SyncImport).RequireAuthorization().WithSummary("Sync an imported calendar now");
        calendar.MapDelete("/calendar/imports/{importId:guid}", RemoveImport).RequireAuthorization().WithSummary("Stop importing; its blocks go");
        return api;
    }

    private static async Task<Results<Ok<CalendarResponse>, ProblemHttpResult>> Read(
        Guid id, ListingCalendar calendar, HttpContext http, DateOnly? from = null, DateOnly? to = null) =>
        (await calendar.ReadAsync(id, from, to, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<CalendarResponse>, ProblemHttpResult>> Write(Guid id, CalendarWrite write, ListingCalendar calendar, HttpContext http) =>
        (await calendar.WriteAsync(id, write, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Ics(Guid id, string? token, CalendarExport export, HttpContext http) =>
        await export.IcsAsync(id, token, http.RequestAborted) is { } ics
            ? TypedResults.Text(ics, "text/calendar; charset=utf-8")
            : Failure.NotFound("The calendar").ToProblem(http);

    private static async Task<Results<Ok<CalendarExportResponse>, ProblemHttpResult>> ExportUrl(Guid id, CalendarExport export, HttpContext http) =>
        (await export.UrlAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<CalendarExportResponse>, ProblemHttpResult>> RotateExportUrl(Guid id, CalendarExport export, HttpContext http) =>
        (await export.RotateAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<IReadOnlyList<CalendarImportResponse>>, ProblemHttpResult>> ListImports(Guid id, CalendarImports imports, HttpContext http) =>
        (await imports.ListAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Created<CalendarImportResponse>, ProblemHttpResult>> AddImport(
        Guid id, CalendarImportRequest request, CalendarImports imports, HttpContext http)
    {
        var outcome = await imports.AddAsync(id, request, http.User, http.RequestAborted);
        return outcome.Succeeded
            ? TypedResults.Created($"/api/v1/listings/{id}/calendar/imports", outcome.Value)
            : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> SyncImport(Guid id, Guid importId, CalendarImports imports, HttpContext http) =>
        await imports.RequestSyncAsync(id, importId, http.User, http.RequestAborted) is { } failure
            ? failure.ToProblem(http)
            : TypedResults.Accepted($"/api/v1/listings/{id}/calendar/imports");

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveImport(Guid id, Guid importId, CalendarImports imports, HttpContext http) =>
        await imports.RemoveAsync(id, importId, http.User, http.RequestAborted) is { } failure
            ? failure.ToProblem(http)
            : TypedResults.NoContent();
}
