using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Features.Payments;
using Roost.Platform.Time;
using Roost.Tests.Infrastructure;
using Roost.Tests.Payments;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class BookingLifecycleTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;


    [Fact]
    public async Task Instant_book_confirms_at_once_and_captures_the_payment()
    {
        var (host, guest, listing) = await SetUpAsync(instantBook: true);

        var booking = await guest.BookAsync(listing, TestBookings.Soon(), 3);

        booking.Status.ShouldBe(BookingStatus.Confirmed);
        booking.Charged.Amount.ShouldBe(booking.Quote.Total.Amount);
        booking.Transitions.Single().Reason.ShouldBe("instant_book");
        (await IntentAsync(booking.Id)).Status.ShouldBe(IntentStatus.Succeeded);
        (await host.Client.GetAsync($"/api/v1/bookings/{booking.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await NightsShouldBeAsync(listing, TestBookings.Soon(), 3, available: false);
    }

    [Fact]
    public async Task A_guest_who_goes_away_once_the_card_is_charged_still_gets_the_booking_the_money_paid_for()
    {
        var (_, guest, listing) = await SetUpAsync(instantBook: true);
        using var leaving = new CancellationTokenSource();

        var outcome = await app.WithScopeAsync(services =>
        {
            // The guest's connection drops right after the card is charged.
            var gateway = new CancelsAfterAuthorizing(services.GetRequiredService<IPaymentGateway>(), leaving);
            var bookings = ActivatorUtilities.CreateInstance<BookingRequests>(services, (IPaymentGateway)gateway);
            return bookings.CreateAsync(guest.Id, new CreateBookingRequest(listing, TestBookings.Soon(), TestBookings.Soon().AddDays(2), 2, "pm_card_visa", null), leaving.Token);
        });

        outcome.Succeeded.ShouldBeTrue();
        leaving.IsCancellationRequested.ShouldBeTrue();
        (await app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.ListingId == listing))).Status.ShouldBe(BookingStatus.Confirmed);
        var intent = await IntentAsync(outcome.Value!.Id);
        intent.Status.ShouldBe(IntentStatus.Succeeded);
        intent.AmountRefunded.ShouldBe(0);
    }

    [Fact]
    public async Task A_request_holds_the_money_until_the_host_accepts()
    {
        var (host, guest, listing) = await SetUpAsync(instantBook: false);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(), 2);
        booking.Status.ShouldBe(BookingStatus.Pending);
        booking.ExpiresAt!.Value.ShouldBeInRange(DateTimeOffset.UtcNow.AddHours(23.9), DateTimeOffset.UtcNow.AddHours(24.1));
        (await IntentAsync(booking.Id)).Status.ShouldBe(IntentStatus.RequiresCapture);
        await NightsShouldBeAsync(listing, TestBookings.Soon(), 2, available: false);
        var waiting = (await host.Client.GetFromJsonAsync<Roost.Platform.Http.Page<TripSummary>>("/api/v1/host/reservations?status=upcoming", TestJson.Options))!.Items.Single();
        (waiting.Id, waiting.GuestId, waiting.Status, waiting.ExpiresAt).ShouldBe((booking.Id, guest.Id, BookingStatus.Pending, booking.ExpiresAt));

        var accepted = await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/accept", null)).ReadAsync<BookingResponse>();

        accepted.Status.ShouldBe(BookingStatus.Confirmed);
        accepted.Charged.Amount.ShouldBe(booking.Quote.Total.Amount);
        accepted.Transitions.Select(t => (t.From, t.To, t.ActorRole)).ShouldBe(
            [(null, BookingStatus.Pending, "guest"), (BookingStatus.Pending, BookingStatus.Confirmed, "host")]);
        (await IntentAsync(booking.Id)).Status.ShouldBe(IntentStatus.Succeeded);
        (await host.Client.GetFromJsonAsync<Roost.Platform.Http.Page<TripSummary>>("/api/v1/host/reservations?status=upcoming", TestJson.Options))!.Items.Single().ExpiresAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_request_for_a_stay_that_starts_within_a_day_must_be_answered_before_the_guest_arrives()
    {
        var (host, guest, listing) = await SetUpAsync(instantBook: false);
        // Check-in on the hour two to three hours from now where the home is: sooner than the 24 hours a request gets.
        var lisbon = TimeZoneInfo.FindSystemTimeZoneById("Europe/Lisbon");
        var soon = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, lisbon).DateTime.AddHours(3);
        var arrivalLocal = soon.Date.AddHours(soon.Hour);
        if (lisbon.IsInvalidTime(arrivalLocal))
        {
            arrivalLocal = arrivalLocal.AddHours(1);
        }

        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing}", new { checkInTime = $"{arrivalLocal:HH}:00" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var booking = await guest.BookAsync(listing, DateOnly.FromDateTime(arrivalLocal), 2);

        booking.Status.ShouldBe(BookingStatus.Pending);
        booking.ExpiresAt.ShouldBe(new DateTimeOffset(arrivalLocal, lisbon.GetUtcOffset(arrivalLocal)));
        var inbox = await host.Client.GetFromJsonAsync<Roost.Features.Notifications.NotificationPage>("/api/v1/notifications");
        inbox!.Items.Single(n => n.Type == "booking_requested").Body.ShouldEndWith($"Answer by {arrivalLocal:yyyy-MM-dd HH:mm} (Europe/Lisbon).");
    }

    [Fact]
    public async Task A_host_cannot_archive_a_listing_with_guests_still_to_come()
    {
        var (host, guest, listing) = await SetUpAsync(instantBook: true);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(), 2);

        var refused = await (await host.Client.DeleteAsync($"/api/v1/listings/{listing}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        refused.GetProperty("title").GetString().ShouldBe("This listing has 1 stay booked or requested that has not ended.");
        (await guest.Client.GetAsync($"/api/v1/listings/{listing}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client.DeleteAsync($"/api/v1/listings/{listing}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await guest.Client.GetAsync($"/api/v1/listings/{listing}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Declining_releases_the_money_and_frees_the_nights_at_once()
    {
        var (host, guest, listing) = await SetUpAsync(instantBook: false);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(), 2);

        var declined = await (await host.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/decline", new { reason = "Family visiting" })).ReadAsync<BookingResponse>();

        declined.Status.ShouldBe(BookingStatus.Declined);
        declined.Transitions[^1].Reason.ShouldBe("Family visiting");
        (await IntentAsync(booking.Id)).Status.ShouldBe(IntentStatus.Canceled);
        await NightsShouldBeAsync(listing, TestBookings.Soon(), 2, available: true);
        var other = await app.RegisterGuestAsync();
        await other.BookAsync(listing, TestBookings.Soon(), 2);
    }

    [Fact]
    public async Task An_unanswered_request_expires_by_its_job_and_a_late_accept_is_refused()
    {
        var (host, guest, listing) = await SetUpAsync(instantBook: false);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(), 2);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET expires_at = now() - interval '1 minute' WHERE id = {booking.Id}"));

        await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        // Two workers at once, then one again later: one expiry, one release of the money.
        await Task.WhenAll(RunJobsAsync(jobs => jobs.ExpireDueAsync()), RunJobsAsync(jobs => jobs.ExpireDueAsync()));
        await RunJobsAsync(jobs => jobs.ExpireDueAsync());

        var expired = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>();
        expired.Status.ShouldBe(BookingStatus.Expired);
        expired.Transitions.Count(t => t.To == BookingStatus.Expired).ShouldBe(1);
        expired.Transitions[^1].ActorRole.ShouldBe("system");
        (await app.WithDbAsync(db => db.Set<Roost.Platform.Notifications.Notification>().CountAsync(n => n.UserId == guest.Id && n.Type == "booking_expired"))).ShouldBe(1);
        (await IntentAsync(booking.Id)).Status.ShouldBe(IntentStatus.Canceled);
        await NightsShouldBeAsync(listing, TestBookings.Soon(), 2, available: true);
    }

    [Fact]
    public async Task A_stay_is_completed_by_its_job_at_the_check_out_hour()
    {
        var (_, guest, listing) = await SetUpAsync(instantBook: true);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(), 2);
        await RunJobsAsync(jobs => jobs.CompleteDueAsync());
        (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Confirmed);

        // Check-out day, an hour before the check-out hour: the guest is still there.
        var leaving = DateTime.UtcNow.AddHours(1);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE bookings SET time_zone = 'UTC', check_in = {DateOnly.FromDateTime(leaving).AddDays(-2)}, check_out = {DateOnly.FromDateTime(leaving)}, check_out_time = {TimeOnly.FromDateTime(leaving)}, check_out_at = {new DateTimeOffset(leaving)} WHERE id = {booking.Id}"));
        await RunJobsAsync(jobs => jobs.CompleteDueAsync());
        (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Confirmed);

        var left = DateTime.UtcNow.AddMinutes(-1);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE bookings SET check_in = {DateOnly.FromDateTime(left).AddDays(-2)}, check_out = {DateOnly.FromDateTime(left)}, check_out_time = {TimeOnly.FromDateTime(left)}, check_out_at = {new DateTimeOffset(left)} WHERE id = {booking.Id}"));
        await Task.WhenAll(RunJobsAsync(jobs => jobs.CompleteDueAsync()), RunJobsAsync(jobs => jobs.CompleteDueAsync()));
        await RunJobsAsync(jobs => jobs.CompleteDueAsync());

        var completed = (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options))!;
        completed.Status.ShouldBe(BookingStatus.Completed);
        completed.Transitions.Count(t => t.To == BookingStatus.Completed).ShouldBe(1);
        var invitations = await app.WithDbAsync(db => db.Set<Roost.Platform.Notifications.Notification>()
            .Where(n => n.Type == "stay_completed" && (n.UserId == guest.Id || n.UserId == completed.HostId)).Select(n => n.UserId).ToListAsync());
        invitations.ShouldBe([guest.Id, completed.HostId], ignoreOrder: true);
    }

    [Fact]
    public async Task A_guest_who_names_the_total_they_were_quoted_is_never_charged_another()
    {
        var (host, guest, listing) = await SetUpAsync(instantBook: true);
        var stay = $"checkIn={TestBookings.Soon():yyyy-MM-dd}&checkOut={TestBookings.Soon().AddDays(3):yyyy-MM-dd}&guests=2";
        var quoted = await (await guest.Client.GetAsync($"/api/v1/listings/{listing}/quote?{stay}")).ReadAsync<Quote>();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing}", new { nightlyPrice = 99_000 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var now = await (await guest.Client.GetAsync($"/api/v1/listings/{listing}/quote?{stay}")).ReadAsync<Quote>();
        Task<int> PaymentsAtNewPriceAsync() => app.WithDbAsync(db => db.Set<SandboxIntent>().CountAsync(i => i.Amount == now.Total.Amount));
        var paymentsBefore = await PaymentsAtNewPriceAsync();

        var body = new { listingId = listing, checkIn = TestBookings.Soon(), checkOut = TestBookings.Soon().AddDays(3), guests = 2, paymentMethod = "pm_card_visa", expectedTotal = quoted.Total };
        var refused = await (await guest.Client.PostBookingAsync(body)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("code").GetString().ShouldBe("PRICE_CHANGED");
        refused.GetProperty("total").GetProperty("amount").GetInt64().ShouldBe(now.Total.Amount);
        (await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.ListingId == listing))).ShouldBe(0);
        (await PaymentsAtNewPriceAsync()).ShouldBe(paymentsBefore);
        await NightsShouldBeAsync(listing, TestBookings.Soon(), 3, available: true);

        var malformed = await guest.Client.PostBookingAsync(body with { expectedTotal = new Roost.Platform.Money.Money(now.Total.Amount, "EURO") });
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var booked = await (await guest.Client.PostBookingAsync(body with { expectedTotal = now.Total with { Currency = "eur" } })).ReadAsync<BookingResponse>(HttpStatusCode.Created);
        booked.Charged.ShouldBe(now.Total);
        (await PaymentsAtNewPriceAsync()).ShouldBe(paymentsBefore + 1);
    }

    [Fact]
    public async Task Editing_a_listings_prices_and_policy_never_changes_a_booking_already_made()
    {
        var (host, guest, listing) = await SetUpAsync(instantBook: true);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(), 3);

        booking.CheckInTime.ShouldBe(new TimeOnly(15, 0));
        booking.CheckOutTime.ShouldBe(new TimeOnly(11, 0));
        booking.TimeZone.ShouldBe("Europe/Lisbon");
        (await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == booking.Id).Select(b => b.CheckOutAt).SingleAsync()))
            .ShouldBe(CancellationRules.InstantAt(booking.CheckOut, new TimeOnly(11, 0), "Europe/Lisbon"));

        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing}", new { nightlyPrice = 99_000, cleaningFee = 50_000, cancellationPolicy = "non_refundable", checkInTime = "17:00", checkOutTime = "10:00" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options))!;
        after.Quote.ShouldBeEquivalentTo(booking.Quote);
        after.CancellationPolicy.ShouldBe(booking.CancellationPolicy);
        (after.CheckInTime, after.CheckOutTime).ShouldBe((new TimeOnly(15, 0), new TimeOnly(11, 0)));
        var preview = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel?preview=true", null)).ReadAsync<CancelResponse>();
        preview.Rule.ShouldStartWith("moderate");
    }

    [Fact]
    public async Task Forbidden_transitions_are_409_and_change_nothing()
    {
        var (host, guest, listing) = await SetUpAsync(instantBook: true);
        var confirmed = await guest.BookAsync(listing, TestBookings.Soon(), 2);

        await (await host.Client.PostAsync($"/api/v1/bookings/{confirmed.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await host.Client.PostAsync($"/api/v1/bookings/{confirmed.Id}/decline", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await guest.Client.PostAsync($"/api/v1/bookings/{confirmed.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await guest.Client.PostAsync($"/api/v1/bookings/{confirmed.Id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await host.Client.PostAsync($"/api/v1/bookings/{confirmed.Id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await host.Client.PostAsync($"/api/v1/bookings/{confirmed.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var (requestHost, requestGuest, requestListing) = await SetUpAsync(instantBook: false);
        var pending = await requestGuest.BookAsync(requestListing, TestBookings.Soon(), 2);
        await (await requestHost.Client.PostAsync($"/api/v1/bookings/{pending.Id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await requestGuest.Client.PostAsync($"/api/v1/bookings/{pending.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var after = (await requestGuest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{pending.Id}", TestJson.Options))!;
        after.Status.ShouldBe(BookingStatus.Pending);
        after.Transitions.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Another_user_cannot_see_or_touch_a_booking()
    {
        var (_, guest, listing) = await SetUpAsync(instantBook: false);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(), 2);
        var strangers = new[] { await app.RegisterGuestAsync(), await app.RegisterHostAsync() };

        foreach (var stranger in strangers)
        {
            await (await stranger.Client.GetAsync($"/api/v1/bookings/{booking.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.Client.PostAsync($"/api/v1/bookings/{booking.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.Client.PostAsync($"/api/v1/bookings/{booking.Id}/decline", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            (await stranger.Client.GetStringAsync("/api/v1/me/trips")).ShouldNotContain(booking.Id.ToString());
        }

        (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Pending);
    }

    [Theory]
    [InlineData("pm_card_chargeDeclined", "card_declined", "generic_decline")]
    [InlineData("pm_card_insufficientFunds", "card_declined", "insufficient_funds")]
    [InlineData("pm_card_bogus", "resource_missing", null)]
    public async Task A_failed_payment_is_a_402_and_leaves_no_live_booking(string paymentMethod, string error, string? decline)
    {
        var (_, guest, listing) = await SetUpAsync(instantBook: true);

        var response = await guest.Client.PostBookingAsync(TestBookings.Body(listing, TestBookings.Soon(), 2, paymentMethod: paymentMethod));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.PaymentRequired);
        problem.GetProperty("paymentError").GetString().ShouldBe(error);
        if (decline is not null)
        {
            problem.GetProperty("declineCode").GetString().ShouldBe(decline);
        }

        (await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.ListingId == listing))).ShouldBe(0);
        await NightsShouldBeAsync(listing, TestBookings.Soon(), 2, available: true);
        await guest.BookAsync(listing, TestBookings.Soon(), 2);
    }

    [Fact]
    public async Task A_guest_whose_cards_are_refused_five_times_in_an_hour_may_not_try_another_until_it_is_up()
    {
        var (_, guest, listing) = await SetUpAsync(instantBook: true);
        string[] stolen = ["pm_card_chargeDeclined", "pm_card_insufficientFunds", "pm_card_chargeDeclinedExpiredCard", "pm_card_chargeDeclinedIncorrectCvc", "pm_card_bogus"];
        foreach (var card in stolen)
        {
            await (await guest.Client.PostBookingAsync(TestBookings.Body(listing, TestBookings.Soon(), 2, paymentMethod: card))).ShouldBeProblemAsync(HttpStatusCode.PaymentRequired);
        }

        var key = Guid.NewGuid().ToString();
        var before = DateTimeOffset.UtcNow;
        var refused = await guest.Client.PostBookingAsync(TestBookings.Body(listing, TestBookings.Soon(), 2), key);

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromMinutes(55), TimeSpan.FromHours(1));
        (await app.WithDbAsync(db => db.Set<SandboxIntent>().CountAsync(i => i.CreatedAt >= before))).ShouldBe(0, "the sixth card never reached the gateway");
        await NightsShouldBeAsync(listing, TestBookings.Soon(), 2, available: true);
        // Someone else books on; and once the hour is up, so does the guest, with the same key (a 429 keeps nothing).
        await (await app.RegisterGuestAsync()).BookAsync(listing, TestBookings.Soon(10), 2);
        await app.WithScopeAsync(services => services.GetRequiredService<Roost.Platform.Caching.RedisKeyspace>().Database.KeyDeleteAsync($"ratelimit:declines:{guest.Id:N}"));
        (await guest.Client.PostBookingAsync(TestBookings.Body(listing, TestBookings.Soon(), 2), key)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Trips_and_reservations_list_by_status_page_by_page()
    {
        var (host, guest, listing) = await SetUpAsync(instantBook: true);
        var stays = new List<BookingResponse>();
        for (var i = 0; i < 3; i++)
        {
            stays.Add(await guest.BookAsync(listing, TestBookings.Soon(30 + (i * 5)), 2));
        }

        await guest.Client.PostAsync($"/api/v1/bookings/{stays[1].Id}/cancel", null);

        var upcoming = (await guest.Client.GetFromJsonAsync<Roost.Platform.Http.Page<TripSummary>>("/api/v1/me/trips?status=upcoming&limit=1", TestJson.Options))!;
        upcoming.Items.Single().Id.ShouldBe(stays[0].Id);
        var next = (await guest.Client.GetFromJsonAsync<Roost.Platform.Http.Page<TripSummary>>($"/api/v1/me/trips?status=upcoming&limit=1&cursor={upcoming.NextCursor}", TestJson.Options))!;
        next.Items.Single().Id.ShouldBe(stays[2].Id);
        next.NextCursor.ShouldBeNull();
        (await guest.Client.GetFromJsonAsync<Roost.Platform.Http.Page<TripSummary>>("/api/v1/me/trips?status=cancelled", TestJson.Options))!.Items.Single().Id.ShouldBe(stays[1].Id);
        (await host.Client.GetFromJsonAsync<Roost.Platform.Http.Page<TripSummary>>("/api/v1/host/reservations?status=upcoming", TestJson.Options))!.Items.Count.ShouldBe(2);
        await (await guest.Client.GetAsync("/api/v1/me/trips?status=someday")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_stay_turns_past_at_its_check_out_hour_where_the_home_is()
    {
        // UTC+14 and UTC-11: at every hour of the UTC day, at least one of them is on another date than UTC.
        var (host, guest, listing) = await SetUpAsync(instantBook: true);
        var leftAtMidnight = await guest.BookAsync(listing, TestBookings.Soon(40), 2);
        var leavingTomorrow = await guest.BookAsync(listing, TestBookings.Soon(50), 2);
        var leavingInAnHour = await guest.BookAsync(listing, TestBookings.Soon(60), 2);
        var now = DateTimeOffset.UtcNow;
        var kiritimatiToday = TimeZones.Today("Pacific/Kiritimati", now);
        var pagoPagoToday = TimeZones.Today("Pacific/Pago_Pago", now);
        var inAnHour = now.UtcDateTime.AddHours(1);
        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"UPDATE bookings SET time_zone = 'Pacific/Kiritimati', check_in = {kiritimatiToday.AddDays(-2)}, check_out = {kiritimatiToday}, check_out_time = '00:00', check_out_at = {CancellationRules.InstantAt(kiritimatiToday, TimeOnly.MinValue, "Pacific/Kiritimati")} WHERE id = {leftAtMidnight.Id}");
            await db.Database.ExecuteSqlAsync($"UPDATE bookings SET time_zone = 'Pacific/Pago_Pago', check_in = {pagoPagoToday.AddDays(-1)}, check_out = {pagoPagoToday.AddDays(1)}, check_out_time = '00:00', check_out_at = {CancellationRules.InstantAt(pagoPagoToday.AddDays(1), TimeOnly.MinValue, "Pacific/Pago_Pago")} WHERE id = {leavingTomorrow.Id}");
            await db.Database.ExecuteSqlAsync($"UPDATE bookings SET time_zone = 'UTC', check_in = {DateOnly.FromDateTime(inAnHour).AddDays(-2)}, check_out = {DateOnly.FromDateTime(inAnHour)}, check_out_time = {TimeOnly.FromDateTime(inAnHour)}, check_out_at = {new DateTimeOffset(inAnHour)} WHERE id = {leavingInAnHour.Id}");
            return 0;
        });

        foreach (var (user, path) in new[] { (guest, "/api/v1/me/trips"), (host, "/api/v1/host/reservations") })
        {
            var upcoming = (await user.Client.GetFromJsonAsync<Roost.Platform.Http.Page<TripSummary>>($"{path}?status=upcoming", TestJson.Options))!;
            var past = (await user.Client.GetFromJsonAsync<Roost.Platform.Http.Page<TripSummary>>($"{path}?status=past", TestJson.Options))!;
            upcoming.Items.Select(i => i.Id).ShouldBe([leavingTomorrow.Id, leavingInAnHour.Id], ignoreOrder: true);
            past.Items.Select(i => i.Id).ShouldBe([leftAtMidnight.Id]);
        }
    }

    private async Task<(TestUser Host, TestUser Guest, Guid ListingId)> SetUpAsync(bool instantBook)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        if (!instantBook)
        {
            (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        return (host, await app.RegisterGuestAsync(), listing.Id);
    }

    private Task<SandboxIntent> IntentAsync(Guid bookingId) => app.WithDbAsync(async db =>
    {
        var intentId = await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.PaymentIntentId).SingleAsync();
        return await db.Set<SandboxIntent>().SingleAsync(i => i.Id == intentId);
    });

    private async Task RunJobsAsync(Func<BookingJobs, Task> run)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await run(scope.ServiceProvider.GetRequiredService<BookingJobs>());
    }

    private async Task NightsShouldBeAsync(Guid listingId, DateOnly from, int nights, bool available)
    {
        var calendar = await app.CreateClient().GetFromJsonAsync<CalendarResponse>($"/api/v1/listings/{listingId}/calendar?from={from:yyyy-MM-dd}&to={from.AddDays(nights):yyyy-MM-dd}");
        calendar!.Days.ShouldAllBe(d => d.Available == available);
    }

    private sealed class CancelsAfterAuthorizing(IPaymentGateway inner, CancellationTokenSource leaving) : IPaymentGateway
    {
        public async Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken)
        {
            var result = await inner.AuthorizeAsync(request, cancellationToken);
            await leaving.CancelAsync();
            return result;
        }

        public Task<PaymentResult> CaptureAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) => inner.CaptureAsync(intentId, idempotencyKey, cancellationToken);

        public Task<PaymentResult> VoidAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) => inner.VoidAsync(intentId, idempotencyKey, cancellationToken);

        public Task<PaymentResult> RefundAsync(string intentId, long amount, string idempotencyKey, CancellationToken cancellationToken) => inner.RefundAsync(intentId, amount, idempotencyKey, cancellationToken);

        public Task<PayoutResult> PayoutAsync(PayoutRequest request, CancellationToken cancellationToken) => inner.PayoutAsync(request, cancellationToken);

        public Task<IReadOnlyList<GatewayPayment>> ListPaymentsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => inner.ListPaymentsAsync(from, to, cancellationToken);
    }
}
