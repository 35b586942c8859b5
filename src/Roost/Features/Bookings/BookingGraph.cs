using GraphQL;
using GraphQL.Types;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

public sealed class BookingGraphType : RecordGraphType<BookingResponse>
{
    public BookingGraphType(IEnumerable<IGraphExtension<BookingGraphType>> extensions)
    {
        Name = "Booking";
        Field<ListingGraphType>("listing").Resolve(context => context.Listing(context.Source.ListingId));
        Field<NonNullGraphType<UserGraphType>>("guest").Resolve(context => context.Profile(context.Source.GuestId));
        Field<NonNullGraphType<UserGraphType>>("host").Resolve(context => context.Profile(context.Source.HostId));
        Field<NonNullGraphType<RecordGraphType<BookingPaymentsResponse>>>("payments").Description("Charges and refunds (the host and admins also see payouts).")
            .ResolveAsync(async context => (await context.Service<BookingQueries>().PaymentsAsync(context.Source.Id, context.Caller(), context.CancellationToken)).Unwrap());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BookingChangeGraphType>>>>("changes").Description("Changes asked for this stay, newest first.")
            .ResolveAsync(async context => (await context.Service<BookingChanges>().ListAsync(context.Source.Id, context.Caller(), context.CancellationToken)).Unwrap());
        Field<RecordGraphType<ChangeQuote>>("changeQuote").Description("What the stay would cost on these terms, and the difference to what was paid; UNPROCESSABLE lists why it cannot be.")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("checkIn")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("checkOut")
            .Argument<IntGraphType>("guests", a => a.DefaultValue = 1)
            .Argument<IntGraphType>("infants", "Infants under two; as booked when left out.")
            .Argument<IntGraphType>("pets", "As booked when left out.")
            .ResolveAsync(async context => (await context.Service<BookingChanges>().QuoteAsync(context.Source.Id,
                new ChangeTerms(context.GetArgument<DateOnly>("checkIn"), context.GetArgument<DateOnly>("checkOut"), context.GetArgument<int>("guests"),
                    context.GetArgument<int?>("infants"), context.GetArgument<int?>("pets")),
                context.Caller(), context.CancellationToken)).Unwrap());
        Field<RecordGraphType<Receipt>>("receipt").Description("The guest's receipt (guest and admins; FORBIDDEN for the host, CONFLICT before anything was charged).")
            .ResolveAsync(async context => (await context.Service<Receipts>().GetAsync(context.Source.Id, context.Caller(), context.CancellationToken)).Unwrap());
        Field<RecordGraphType<ArrivalDetails>>("arrival").Description("Address, exact position and check-in instructions: the guest's from confirmation (null with a CONFLICT error before), the host's always.")
            .ResolveAsync(async context => (await context.Service<Arrivals>().GetAsync(context.Source.Id, context.Caller(), context.CancellationToken)).Unwrap());
        foreach (var extension in extensions)
        {
            extension.Extend(this);
        }
    }
}

public sealed class BookingChangeGraphType : RecordGraphType<ChangeResponse>
{
    public BookingChangeGraphType()
    {
        Name = "BookingChange";
        Description = "A change to a confirmed stay, asked by one side and answered by the other.";
    }
}

public sealed class SpecialOfferGraphType : RecordGraphType<OfferResponse>
{
    public SpecialOfferGraphType()
    {
        Name = "SpecialOffer";
        Description = "A host's offer to a guest who asked: these dates at this price, booked at once with createBooking's offerId.";
        Field<ListingGraphType>("listing").Resolve(context => context.Listing(context.Source.ListingId));
    }
}

public sealed class OfferPageGraphType() : PageGraphType<SpecialOfferGraphType, OfferResponse>("SpecialOfferPage");

public sealed class TripGraphType : RecordGraphType<TripSummary>
{
    public TripGraphType()
    {
        Name = "Trip";
        Description = "A booking in a list of trips or reservations.";
        Field<ListingGraphType>("listing").Description("Batched across the page.").Resolve(context => context.Listing(context.Source.ListingId));
        Field<NonNullGraphType<UserGraphType>>("guest").Description("Batched across the page.").Resolve(context => context.Profile(context.Source.GuestId));
        Field<NonNullGraphType<UserGraphType>>("host").Description("Batched across the page.").Resolve(context => context.Profile(context.Source.HostId));
    }
}

public sealed class TripPageGraphType() : PageGraphType<TripGraphType, TripSummary>("TripPage");


public static class BookingGraph
{
    public static void AddBookingQueries(this ObjectGraphType query)
    {
        query.Field<RecordGraphType<Quote>>("quote")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("checkIn")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("checkOut")
            .PartyArguments()
            .ResolveAsync(async context => (await context.Service<Quotes>().QuoteAsync(
                context.Id("listingId"), context.GetArgument<DateOnly>("checkIn"), context.GetArgument<DateOnly>("checkOut"), context.Party(), context.CancellationToken)).Unwrap());
        query.Field<BookingGraphType>("booking").Description("Its guest, its host and admins only; anyone else gets NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                return (await context.Service<BookingQueries>().GetAsync(context.Id("id"), context.Caller(), context.CancellationToken)).Unwrap();
            });
        query.Field<NonNullGraphType<RecordGraphType<ListingPerformanceResponse>>>("listingPerformance")
            .Description("Your listing's year by month: nights booked and blocked, occupancy, what the nights brought (hosts).")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<IntGraphType>("year")
            .ResolveAsync(async context =>
            {
                context.RequireHost();
                return (await context.Service<ListingPerformance>().ForYearAsync(context.Id("listingId"), context.GetArgument<int?>("year"), context.Caller(), context.CancellationToken)).Unwrap();
            });
        query.Field<NonNullGraphType<OfferPageGraphType>>("myOffers").Description("Special offers you made or were made, newest first.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var userId = context.RequireUserId();
                var first = context.GetArgument<int>("first");
                PageRequest.Check<OffersCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await context.Service<SpecialOffers>().MineAsync(userId, first, after, context.CancellationToken);
            });
        query.AddHostTodayQuery();
        AddTripList(query, "myTrips", "Your stays: UPCOMING, PAST or CANCELLED.", context => Task.FromResult(context.RequireUserId()), (q, user, filter, first, after, token) => q.TripsAsync(user, filter, first, after, token));
        AddTripList(query, "hostReservations", "Stays at your listings (hosts).", context => Task.FromResult(context.RequireHost()), (q, host, filter, first, after, token) => q.ReservationsAsync(host, filter, first, after, token));
        AddTripList(query, "coHostedReservations", "Stays at the listings you co-host with access to reservations.", context => Task.FromResult(context.RequireUserId()),
            (q, user, filter, first, after, token) => q.CoHostedReservationsAsync(user, filter, first, after, token));
        AddTripList(query, "userTrips", "Admin: the stays a user booked, as myTrips shows them to that user.", AdminAsksAbout, async (q, user, filter, first, after, token) => (await q.OfUserAsync(user, asHost: false, filter, first, after, token)).Unwrap(), byUserId: true);
        AddTripList(query, "userReservations", "Admin: the stays at a user's listings, as hostReservations shows them to that host.", AdminAsksAbout, async (q, host, filter, first, after, token) => (await q.OfUserAsync(host, asHost: true, filter, first, after, token)).Unwrap(), byUserId: true);
    }

    private static Task<Guid> AdminAsksAbout(IResolveFieldContext context)
    {
        context.RequireAdmin();
        return Task.FromResult(context.Id("userId"));
    }

    private static void AddTripList(
        ObjectGraphType query, string name, string description, Func<IResolveFieldContext, Task<Guid>> whose,
        Func<BookingQueries, Guid, TripFilter, int, TripsCursor?, CancellationToken, Task<Page<TripSummary>>> list, bool byUserId = false)
    {
        var field = query.Field<NonNullGraphType<TripPageGraphType>>(name).Description(description);
        if (byUserId)
        {
            field.Argument<NonNullGraphType<IdGraphType>>("userId");
        }

        field.Argument<TripFilterGraphType>("status", a => a.DefaultValue = TripFilter.Upcoming)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var (user, filter, first, after) = (await whose(context), context.GetArgument<TripFilter>("status"), context.GetArgument<int>("first"), Page(context));
                return await list(context.Service<BookingQueries>(), user, filter, first, after, context.CancellationToken);
            });
    }

    public static void AddBookingMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<BookingGraphType>>("createBooking").Description("Instant book confirms at once; otherwise a pending request.")
            .Argument<NonNullGraphType<RecordInputGraphType<CreateBookingRequest>>>("input")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                var guest = context.RequireUserId();
                var input = GraphContext.Valid(context.GetArgument<CreateBookingRequest>("input"));
                return await context.IdempotentAsync(context.GetArgument<string>("idempotencyKey"), required: true, input, async () =>
                    (await context.Service<BookingRequests>().CreateAsync(guest, input, context.CancellationToken)).Unwrap());
            });
        mutation.Field<NonNullGraphType<BookingGraphType>>("payBookingBalance").Description("Guest: pay the rest of a stay paid in two parts now, with the card booked with or another.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("paymentMethod")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var (id, key, input) = (context.Id("id"), context.GetArgument<string>("idempotencyKey"), GraphContext.Valid(new PayBalanceRequest(context.GetArgument<string>("paymentMethod"))));
                return await context.IdempotentAsync(key, required: true, new { id, input }, async () =>
                    (await context.Service<BookingBalances>().PayAsync(id, input.PaymentMethod.Trim(), key, context.Caller(), context.CancellationToken)).Unwrap());
            });
        mutation.AddIdempotentAction<BookingGraphType, BookingResponse, BookingActions>("acceptBooking", "Host: accept a request (captures the payment).", (a, id, u, t) => a.AcceptAsync(id, u, t));
        mutation.Field<NonNullGraphType<BookingGraphType>>("declineBooking").Description("Host: decline a request (releases the payment).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var (id, input) = (context.Id("id"), GraphContext.Valid(new DeclineRequest(context.GetArgument<string?>("reason"))));
                return await context.IdempotentAsync(context.GetArgument<string?>("idempotencyKey"), required: false, new { id, input }, async () =>
                    (await context.Service<BookingActions>().DeclineAsync(id, input.Reason, context.Caller(), context.CancellationToken)).Unwrap());
            });
        mutation.Field<NonNullGraphType<RecordGraphType<CancelResponse>>>("cancelBooking").Description("Cancel by the policy; preview: true shows the refund and changes nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason")
            .Argument<MoneyInputGraphType>("expectedRefund", a => a.Description = "The refund a preview showed; if the policy now gives another, nothing is cancelled (REFUND_CHANGED).")
            .Argument<BooleanGraphType>("preview", a => a.DefaultValue = false)
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var input = GraphContext.Valid(new CancelRequest(context.GetArgument<string?>("reason"), context.GetArgument<Money?>("expectedRefund")));
                var (id, preview) = (context.Id("id"), context.GetArgument<bool>("preview"));
                return await context.IdempotentAsync(context.GetArgument<string?>("idempotencyKey"), required: false, new { id, preview, input }, async () =>
                    (await context.Service<BookingActions>().CancelAsync(id, input, preview, context.Caller(), context.CancellationToken)).Unwrap());
            });
    }

    public static void AddBookingChangeMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<BookingGraphType>>("setExpectedArrival").Description("Guest: when you expect to arrive on the check-in day (local); null clears it. The host is told.")
            .Argument<NonNullGraphType<IdGraphType>>("bookingId")
            .Argument<TimeOnlyGraphType>("time")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                return (await context.Service<BookingActions>().ExpectArrivalAsync(context.Id("bookingId"), context.GetArgument<TimeOnly?>("time"), context.Caller(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<BookingChangeGraphType>>("proposeBookingChange").Description("Guest or host: ask to change a confirmed stay before it begins; the other side answers.")
            .Argument<NonNullGraphType<IdGraphType>>("bookingId")
            .Argument<NonNullGraphType<RecordInputGraphType<ProposeChangeRequest>>>("input")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var (id, input) = (context.Id("bookingId"), GraphContext.Valid(context.GetArgument<ProposeChangeRequest>("input")));
                return await context.IdempotentAsync(context.GetArgument<string?>("idempotencyKey"), required: false, new { id, input }, async () =>
                    (await context.Service<BookingChanges>().ProposeAsync(id, new ChangeTerms(input.CheckIn!.Value, input.CheckOut!.Value, input.Guests), input.Message,
                        context.Caller(), context.CancellationToken)).Unwrap());
            });
        mutation.AddIdempotentAnswer<BookingChangeGraphType, ChangeResponse, BookingChanges>("acceptBookingChange", "The other side: accept a change (the nights move; the guest pays the difference or gets it back).", "bookingId", "changeId", (c, b, id, u, t) => c.AcceptAsync(b, id, u, t));
        mutation.AddIdempotentAnswer<BookingChangeGraphType, ChangeResponse, BookingChanges>("declineBookingChange", "The other side: decline a change; the stay stays as booked.", "bookingId", "changeId", (c, b, id, u, t) => c.DeclineAsync(b, id, u, t));
        mutation.AddIdempotentAnswer<BookingChangeGraphType, ChangeResponse, BookingChanges>("withdrawBookingChange", "Whoever asked: withdraw a change still waiting.", "bookingId", "changeId", (c, b, id, u, t) => c.WithdrawAsync(b, id, u, t));
    }

    public static void AddOfferMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SpecialOfferGraphType>>("makeSpecialOffer").Description("Host: offer a guest who asked about the home these dates at a price you name.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<RecordInputGraphType<MakeOfferRequest>>>("input")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireHost();
                var (listingId, input) = (context.Id("listingId"), GraphContext.Valid(context.GetArgument<MakeOfferRequest>("input")));
                return await context.IdempotentAsync(context.GetArgument<string?>("idempotencyKey"), required: false, new { listingId, input }, async () =>
                    (await context.Service<SpecialOffers>().MakeAsync(listingId, input, context.Caller(), context.CancellationToken)).Unwrap());
            });
        mutation.AddIdempotentAction<SpecialOfferGraphType, OfferResponse, SpecialOffers>("declineSpecialOffer", "Guest: decline an offer made to you; the host is told.", (o, id, u, t) => o.DeclineAsync(id, u, t));
        mutation.AddIdempotentAction<SpecialOfferGraphType, OfferResponse, SpecialOffers>("withdrawSpecialOffer", "Host: withdraw an offer not yet booked.", (o, id, u, t) => o.WithdrawAsync(id, u, t));
    }

    public static void AddAdminBookingMutations(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<BookingGraphType>>("refundBooking").Description("Admin: refund part or all of what was charged, with a reason.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<RecordInputGraphType<AdminRefundRequest>>>("input")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireAdmin();
                var (id, key, input) = (context.Id("id"), context.GetArgument<string>("idempotencyKey"), GraphContext.Valid(context.GetArgument<AdminRefundRequest>("input")));
                return await context.IdempotentAsync(key, required: true, new { id, input }, async () =>
                    (await context.Service<BookingActions>().RefundAsync(id, input.Amount, input.Reason.Trim(), key, context.Caller(), context.CancellationToken)).Unwrap());
            });

    private static TripsCursor? Page(IResolveFieldContext context)
    {
        PageRequest.Check<TripsCursor>(context.GetArgument<int>("first"), context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
        return after;
    }
}

public sealed class TripFilterGraphType : EnumerationGraphType<TripFilter>
{
    public TripFilterGraphType() => Name = "TripFilter";
}
