using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.Http;

namespace Roost.Features.Bookings;

public static class BookingEndpoints
{
    public static RouteGroupBuilder MapBookings(this RouteGroupBuilder api)
    {
        api.MapGet("/listings/{id:guid}/quote", GetQuote).AllowAnonymous().WithTags("Bookings").WithSummary("Price a stay, or every reason it cannot be booked (422)");

        var bookings = api.MapGroup("/bookings").WithTags("Bookings").RequireAuthorization();
        bookings.MapPost("", Create).Idempotent(required: true, successStatus: StatusCodes.Status201Created).WithSummary("Book (instant book: confirmed) or request to book (pending)");
        bookings.MapGet("/{id:guid}", Get).WithSummary("A booking: its guest, its host and admins only");
        bookings.MapPost("/{id:guid}/accept", Accept).Idempotent().WithSummary("Host: accept a request (captures the payment)");
        bookings.MapPost("/{id:guid}/decline", Decline).Idempotent().WithSummary("Host: decline a request (releases the payment)");
        bookings.MapPost("/{id:guid}/cancel", Cancel).Idempotent().WithSummary("Cancel by the policy; ?preview=true shows the refund first");
        bookings.MapPost("/{id:guid}/balance", PayBalance).Idempotent(required: true)
            .WithSummary("Guest: pay the rest of a stay paid in two parts now, with the card booked with or another");
        bookings.MapGet("/{id:guid}/changes", Changes).WithSummary("Changes asked for this stay, newest first, whatever became of them");
        bookings.MapGet("/{id:guid}/changes/quote", ChangeQuote).WithSummary("What the stay would cost on other dates or for another party, and the difference to what was paid");
        bookings.MapPost("/{id:guid}/changes", ProposeChange).Idempotent(successStatus: StatusCodes.Status201Created)
            .WithSummary("Guest or host: ask to change a confirmed stay before it begins (dates, guests); the other side answers");
        bookings.MapPost("/{id:guid}/changes/{changeId:guid}/accept", AcceptChange).Idempotent()
            .WithSummary("The other side: accept a change (the nights move; the guest pays the difference or gets it back)");
        bookings.MapPost("/{id:guid}/changes/{changeId:guid}/decline", DeclineChange).Idempotent().WithSummary("The other side: decline a change; the stay stays as booked");
        bookings.MapPost("/{id:guid}/changes/{changeId:guid}/withdraw", WithdrawChange).Idempotent().WithSummary("Whoever asked: withdraw a change still waiting");
        bookings.MapPut("/{id:guid}/expected-arrival", ExpectedArrival).WithSummary("Guest: when you expect to arrive on the check-in day (local HH:mm; null clears it); the host is told");
        bookings.MapGet("/{id:guid}/arrival", Arrival).WithSummary("Address, exact position and check-in instructions: the guest's from confirmation, the host's always");
        bookings.MapGet("/{id:guid}/receipt", Receipt).WithSummary("The guest's receipt: the stay, its lines, every payment and refund (guest and admins; 409 before anything was charged)");
        bookings.MapGet("/{id:guid}/payments", Payments).WithSummary("Charges and refunds of the booking (the host and admins also see payouts)");
        api.MapPost("/admin/bookings/{id:guid}/refunds", Refund).RequireAuthorization(Policies.Admin).Idempotent(required: true).WithTags("Bookings")
            .WithSummary("Admin: refund part or all of what was charged, with a reason");

        api.MapPost("/listings/{id:guid}/offers", MakeOffer).RequireAuthorization(Policies.Host).Idempotent(successStatus: StatusCodes.Status201Created).WithTags("Bookings")
            .WithSummary("Host: offer a guest who asked about the home these dates at a price you name; they book it at once with offerId");
        api.MapGet("/me/offers", Offers).RequireAuthorization().WithTags("Bookings").WithSummary("Special offers you made or were made, newest first");
        api.MapPost("/offers/{id:guid}/decline", DeclineOffer).RequireAuthorization().Idempotent().WithTags("Bookings").WithSummary("Guest: decline an offer made to you; the host is told");
        api.MapPost("/offers/{id:guid}/withdraw", WithdrawOffer).RequireAuthorization().Idempotent().WithTags("Bookings").WithSummary("Host: withdraw an offer not yet booked");
        api.MapGet("/me/trips", Trips).RequireAuthorization().WithTags("Bookings").WithSummary("Your stays: upcoming, past or cancelled");
        api.MapGet("/host/earnings.csv", Statement).RequireAuthorization(Policies.Host).WithTags("Bookings")
            .WithSummary("Your payouts of a year (?year=, default this one) as CSV for your bookkeeping, one row per payout with its stay");
        api.MapGet("/host/reservations", Reservations).RequireAuthorization(Policies.Host).WithTags("Bookings").WithSummary("Stays at your listings");
        api.MapGet("/host/today", Today).RequireAuthorization().WithTags("Bookings")
            .WithSummary("Your day: arrivals, departures, stays under way, the next week's arrivals and requests waiting, over your listings and those you co-host");
        api.MapGet("/cohosting/reservations", CoHostedReservations).RequireAuthorization().WithTags("Bookings")
            .WithSummary("Stays at the listings you co-host with access to reservations");
        api.MapGet("/host/listings/{id:guid}/performance", Performance).RequireAuthorization(Policies.Host).WithTags("Bookings")
            .WithSummary("Your listing's year (?year=, default this one) by month: nights booked and blocked, occupancy, what the nights brought");
        var admin = api.MapGroup("/admin/users/{id:guid}").RequireAuthorization(Policies.Admin).WithTags("Bookings");
        admin.MapGet("/trips", UserTrips).WithSummary("Admin: the stays a user booked, as their trips list shows them");
        admin.MapGet("/reservations", UserReservations).WithSummary("Admin: the stays at a user's listings, as their reservations list shows them");
        return api;
    }

    private static async Task<Results<Ok<Quote>, ProblemHttpResult>> GetQuote(
        Guid id, DateOnly checkIn, DateOnly checkOut, ShownQuotes quotes, HttpContext http, int guests = 1, int infants = 0, int pets = 0, string? currency = null) =>
        (await quotes.QuoteAsync(id, checkIn, checkOut, new Party(guests, infants, pets), currency, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Created<BookingResponse>, ProblemHttpResult>> Create(CreateBookingRequest request, BookingRequests bookings, HttpContext http)
    {
        var outcome = await bookings.CreateAsync(http.User.UserId(), request, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/bookings/{outcome.Value!.Id}", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Get(Guid id, BookingQueries queries, HttpContext http) =>
        (await queries.GetAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Accept(Guid id, BookingActions actions, HttpContext http) =>
        (await actions.AcceptAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Decline(Guid id, BookingActions actions, HttpContext http, DeclineRequest? body = null) =>
        (await actions.DeclineAsync(id, body?.Reason, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<CancelResponse>, ProblemHttpResult>> Cancel(
        Guid id, BookingActions actions, HttpContext http, bool preview = false, CancelRequest? body = null) =>
        (await actions.CancelAsync(id, body ?? new CancelRequest(), preview, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> PayBalance(Guid id, PayBalanceRequest request, BookingBalances balances, HttpContext http) =>
        (await balances.PayAsync(id, request.PaymentMethod.Trim(), http.Request.Headers[IdempotencyMiddleware.Header].ToString(), http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<IReadOnlyList<ChangeResponse>>, ProblemHttpResult>> Changes(Guid id, BookingChanges changes, HttpContext http) =>
        (await changes.ListAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ChangeQuote>, ProblemHttpResult>> ChangeQuote(
        Guid id, DateOnly checkIn, DateOnly checkOut, BookingChanges changes, HttpContext http, int guests = 1, int? infants = null, int? pets = null) =>
        (await changes.QuoteAsync(id, new ChangeTerms(checkIn, checkOut, guests, infants, pets), http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Created<ChangeResponse>, ProblemHttpResult>> ProposeChange(Guid id, ProposeChangeRequest request, BookingChanges changes, HttpContext http)
    {
        var outcome = await changes.ProposeAsync(id, new ChangeTerms(request.CheckIn!.Value, request.CheckOut!.Value, request.Guests, request.Infants, request.Pets), request.Message, http.User, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/bookings/{id}/changes", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<ChangeResponse>, ProblemHttpResult>> AcceptChange(Guid id, Guid changeId, BookingChanges changes, HttpContext http) =>
        (await changes.AcceptAsync(id, changeId, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ChangeResponse>, ProblemHttpResult>> DeclineChange(Guid id, Guid changeId, BookingChanges changes, HttpContext http) =>
        (await changes.DeclineAsync(id, changeId, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ChangeResponse>, ProblemHttpResult>> WithdrawChange(Guid id, Guid changeId, BookingChanges changes, HttpContext http) =>
        (await changes.WithdrawAsync(id, changeId, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Created<OfferResponse>, ProblemHttpResult>> MakeOffer(Guid id, MakeOfferRequest request, SpecialOffers offers, HttpContext http)
    {
        var outcome = await offers.MakeAsync(id, request, http.User, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created("/api/v1/me/offers", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<Page<OfferResponse>>, ProblemHttpResult>> Offers(SpecialOffers offers, HttpContext http, int limit = 20, string? cursor = null) =>
        PageRequest.Check<OffersCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await offers.MineAsync(http.User.UserId(), limit, after, http.RequestAborted));

    private static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> DeclineOffer(Guid id, SpecialOffers offers, HttpContext http) =>
        (await offers.DeclineAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> WithdrawOffer(Guid id, SpecialOffers offers, HttpContext http) =>
        (await offers.WithdrawAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Statement(HostStatement statement, HttpContext http, int? year = null)
    {
        var csv = await statement.CsvAsync(http.User.UserId(), year, http.RequestAborted);
        return csv.Succeeded
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv.Value!), "text/csv; charset=utf-8", $"roost-payouts-{year ?? DateTime.UtcNow.Year}.csv")
            : csv.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<ListingPerformanceResponse>, ProblemHttpResult>> Performance(Guid id, ListingPerformance performance, HttpContext http, int? year = null) =>
        (await performance.ForYearAsync(id, year, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> ExpectedArrival(Guid id, ExpectedArrivalRequest request, BookingActions actions, HttpContext http) =>
        (await actions.ExpectArrivalAsync(id, request.Time, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ArrivalDetails>, ProblemHttpResult>> Arrival(Guid id, Arrivals arrivals, HttpContext http) =>
        (await arrivals.GetAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<Receipt>, ProblemHttpResult>> Receipt(Guid id, Receipts receipts, HttpContext http) =>
        (await receipts.GetAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<BookingPaymentsResponse>, ProblemHttpResult>> Payments(Guid id, BookingQueries queries, HttpContext http) =>
        (await queries.PaymentsAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Refund(Guid id, AdminRefundRequest request, BookingActions actions, HttpContext http) =>
        (await actions.RefundAsync(id, request.Amount, request.Reason.Trim(), http.Request.Headers[IdempotencyMiddleware.Header].ToString(), http.User, http.RequestAborted)).ToResult(http);

    private static Task<Results<Ok<Page<TripSummary>>, ProblemHttpResult>> Trips(BookingQueries queries, HttpContext http, string status = "upcoming", int limit = 20, string? cursor = null) =>
        ListAsync(http, status, limit, cursor, (filter, after) => queries.TripsAsync(http.User.UserId(), filter, limit, after, http.RequestAborted));

    private static Task<Results<Ok<Page<TripSummary>>, ProblemHttpResult>> Reservations(BookingQueries queries, HttpContext http, string status = "upcoming", int limit = 20, string? cursor = null) =>
        ListAsync(http, status, limit, cursor, (filter, after) => queries.ReservationsAsync(http.User.UserId(), filter, limit, after, http.RequestAborted));

    private static async Task<Ok<HostDay>> Today(HostToday today, HttpContext http) =>
        TypedResults.Ok(await today.ForAsync(http.User.UserId(), http.RequestAborted));

    private static Task<Results<Ok<Page<TripSummary>>, ProblemHttpResult>> CoHostedReservations(BookingQueries queries, HttpContext http, string status = "upcoming", int limit = 20, string? cursor = null) =>
        ListAsync(http, status, limit, cursor, (filter, after) => queries.CoHostedReservationsAsync(http.User.UserId(), filter, limit, after, http.RequestAborted));

    private static Task<Results<Ok<Page<TripSummary>>, ProblemHttpResult>> UserTrips(Guid id, BookingQueries queries, HttpContext http, string status = "upcoming", int limit = 20, string? cursor = null) =>
        ListAsync(http, status, limit, cursor, (filter, after) => queries.OfUserAsync(id, asHost: false, filter, limit, after, http.RequestAborted));

    private static Task<Results<Ok<Page<TripSummary>>, ProblemHttpResult>> UserReservations(Guid id, BookingQueries queries, HttpContext http, string status = "upcoming", int limit = 20, string? cursor = null) =>
        ListAsync(http, status, limit, cursor, (filter, after) => queries.OfUserAsync(id, asHost: true, filter, limit, after, http.RequestAborted));

    private static Task<Results<Ok<Page<TripSummary>>, ProblemHttpResult>> ListAsync(
        HttpContext http, string status, int limit, string? cursor, Func<TripFilter, TripsCursor?, Task<Page<TripSummary>>> list) =>
        ListAsync(http, status, limit, cursor, async (filter, after) => (Outcome<Page<TripSummary>>)await list(filter, after));

    private static async Task<Results<Ok<Page<TripSummary>>, ProblemHttpResult>> ListAsync(
        HttpContext http, string status, int limit, string? cursor, Func<TripFilter, TripsCursor?, Task<Outcome<Page<TripSummary>>>> list)
    {
        if (!Enum.TryParse<TripFilter>(status, ignoreCase: true, out var filter) || !Enum.IsDefined(filter))
        {
            return Failure.Validation("status", "One of upcoming, past, cancelled.").ToProblem(http);
        }

        return PageRequest.Check<TripsCursor>(limit, cursor, out var after) is { } bad
            ? bad.ToProblem(http)
            : (await list(filter, after)).ToResult(http);
    }
}
