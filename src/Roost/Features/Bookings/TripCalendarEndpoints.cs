using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.Errors;

namespace Roost.Features.Bookings;

/// <summary>A traveller's trips as a calendar feed: its secret address for the signed-in user, and the feed itself.</summary>
public static class TripCalendarEndpoints
{
    public static RouteGroupBuilder MapTripCalendar(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/me/trips/calendar").WithTags("Bookings").RequireAuthorization();
        mine.MapGet("", Url).WithSummary("The secret address of your trips' calendar feed, for a calendar app to subscribe to");
        mine.MapPost("/rotate", Rotate).WithSummary("A new secret address for your trips' feed; the old one stops working");
        api.MapGet("/trips/calendar.ics", Ics).AllowAnonymous().WithTags("Bookings")
            .WithSummary("iCalendar feed of a traveller's confirmed trips, for the holder of its secret token");
        return api;
    }

    private static async Task<Ok<TripCalendarResponse>> Url(TripCalendars calendars, HttpContext http) =>
        TypedResults.Ok(await calendars.UrlAsync(http.User.UserId(), http.RequestAborted));

    private static async Task<Ok<TripCalendarResponse>> Rotate(TripCalendars calendars, HttpContext http) =>
        TypedResults.Ok(await calendars.RotateAsync(http.User.UserId(), http.RequestAborted));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Ics(string? token, TripCalendars calendars, HttpContext http) =>
        await calendars.IcsAsync(token, http.RequestAborted) is { } ics
            ? TypedResults.Text(ics, "text/calendar; charset=utf-8")
            : Failure.NotFound("The calendar").ToProblem(http);
}
