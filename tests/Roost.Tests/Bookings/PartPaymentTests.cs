using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Features.Payments;
using Roost.Platform.Http;
using Roost.Platform.Observability;
using Roost.Tests.Infrastructure;
using Roost.Tests.Payments;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class PartPaymentTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task A_moderate_stay_weeks_away_may_be_paid_half_now_and_the_rest_two_weeks_before_check_in()
    {
        var (_, _, listing) = await SetUpAsync("moderate");
        var checkIn = TestBookings.Soon(40);

        var quote = await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing}/quote?checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(3):yyyy-MM-dd}&guests=2")).ReadAsync<Quote>();

        var plan = quote.PayPartNow.ShouldNotBeNull();
        plan.DueNow.Amount.ShouldBe((long)Math.Round(quote.Total.Amount / 2m, MidpointRounding.AwayFromZero));
        (plan.DueNow.Amount + plan.DueLater.Amount).ShouldBe(quote.Total.Amount);
        // 14 days before check-in at the listing's check-in hour, where the home is (Lisbon: 15:00 local).
        plan.DueLaterAt.ShouldBe(LisbonAt(checkIn.AddDays(-14)));
        // Moderate: cancelling is free until 5 days before check-in, and the booking says so too.
        quote.FreeCancellationUntil.ShouldBe(LisbonAt(checkIn.AddDays(-5)));
        var guest = await app.RegisterGuestAsync();
        (await guest.BookAsync(listing, checkIn, 3)).FreeCancellationUntil.ShouldBe(LisbonAt(checkIn.AddDays(-5)));
    }

    private static DateTimeOffset LisbonAt(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(15, 0));
        return new DateTimeOffset(local, TimeZoneInfo.FindSystemTimeZoneById("Europe/Lisbon").GetUtcOffset(local));
    }

    [Theory]
    [InlineData("firm", 40)]             // its full refund ends 30 days before, long before the rest is due
    [InlineData("strict", 40)]
    [InlineData("non_refundable", 40)]
    [InlineData("moderate", 15)]         // the rest would be due tomorrow: too soon to tell a guest their card failed
    public async Task Other_stays_are_paid_in_full_and_asking_to_pay_part_is_refused_with_the_reason(string policy, int daysAhead)
    {
        var (_, guest, listing) = await SetUpAsync(policy);
        var checkIn = TestBookings.Soon(daysAhead);
        var quote = await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing}/quote?checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(3):yyyy-MM-dd}")).ReadAsync<JsonElement>();
        quote.TryGetProperty("payPartNow", out _).ShouldBeFalse();

        var refused = await guest.Client.PostBookingAsync(Body(listing, checkIn));
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("payPartNow")[0].GetString()!.ShouldContain("flexible or moderate");
        (await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.GuestId == guest.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task Booking_takes_the_first_part_and_the_job_charges_the_rest_once_when_it_is_due()
    {
        var (host, guest, listing) = await SetUpAsync("moderate");
        var booking = await BookPartAsync(guest, listing);
        var firstPart = booking.Charged.Amount;
        firstPart.ShouldBeLessThan(booking.Quote.Total.Amount);
        booking.Balance.ShouldNotBeNull().Amount.Amount.ShouldBe(booking.Quote.Total.Amount - firstPart);
        (await app.NoticesAsync(guest.Id)).Last(n => n.Type == "payment_received").Body.ShouldContain("The rest,");
        var trip = (await guest.Client.GetFromJsonAsync<Page<TripSummary>>("/api/v1/me/trips", TestJson.Options))!.Items.Single(t => t.Id == booking.Id);
        (trip.BalanceDue!.Amount, trip.BalanceDueAt).ShouldBe((booking.Quote.Total.Amount - firstPart, booking.Balance!.DueAt));
        var receipt = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/receipt")).ReadAsync<Receipt>();
        (receipt.Paid.Amount, receipt.Balance!.Amount.Amount).ShouldBe((firstPart, booking.Quote.Total.Amount - firstPart));

        // Not due yet: the job leaves it.
        await RunJobAsync();
        (await GetAsync(guest, booking.Id)).Balance.ShouldNotBeNull();

        await MakeDueAsync(booking.Id);
        await Task.WhenAll(RunJobAsync(), RunJobAsync());
        await RunJobAsync();

        var paid = await GetAsync(guest, booking.Id);
        paid.Balance.ShouldBeNull();
        paid.Charged.Amount.ShouldBe(booking.Quote.Total.Amount);
        (await guest.Client.GetFromJsonAsync<Page<TripSummary>>("/api/v1/me/trips", TestJson.Options))!.Items.Single(t => t.Id == booking.Id).BalanceDue.ShouldBeNull();
        (await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/receipt")).ReadAsync<Receipt>()).Payments.Count(p => p.Kind == "charge").ShouldBe(2);
        var charges = await app.WithDbAsync(db => db.Set<SandboxIntent>().Where(i => i.IdempotencyKey.StartsWith($"booking:{booking.Id}:")).Select(i => i.AmountCaptured).ToListAsync());
        charges.Order().ShouldBe(new[] { firstPart, booking.Quote.Total.Amount - firstPart }.Order());
        // On the books the two payments add up to the whole stay's shares, and the host's payout is the whole stay's.
        var books = await app.LedgerBalancesAsync(booking.Id);
        books[LedgerAccount.HostPayable].ShouldBe(-booking.Quote.HostPayout.Amount);
        books[LedgerAccount.PlatformRevenue].ShouldBe(-(booking.Quote.ServiceFee.Amount + booking.Quote.HostFee.Amount));
        var payouts = (await host.Client.GetFromJsonAsync<Page<PayoutResponse>>("/api/v1/host/payouts", TestJson.Options))!.Items.Where(p => p.Bookings.Contains(booking.Id));
        payouts.Sum(p => p.Amount.Amount).ShouldBe(booking.Quote.HostPayout.Amount);
        (await app.NoticesAsync(guest.Id)).Last(n => n.Type == "payment_received").Body.ShouldContain("paid in full");
    }

    [Fact]
    public async Task The_guest_is_reminded_once_three_days_before_the_rest_is_charged()
    {
        var (_, guest, listing) = await SetUpAsync("moderate");
        var booking = await BookPartAsync(guest, listing);
        await RemindAsync();
        (await app.NoticesAsync(guest.Id)).ShouldNotContain(n => n.Type == "balance_due_soon");

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET balance_due_at = now() + interval '2 days' WHERE id = {booking.Id}"));
        await Task.WhenAll(RemindAsync(), RemindAsync());
        await RemindAsync();

        var reminders = (await app.NoticesAsync(guest.Id)).Where(n => n.Type == "balance_due_soon").ToList();
        reminders.Count.ShouldBe(1);
        reminders[0].Body.ShouldContain(Roost.Platform.Money.Currency.Format(booking.Balance!.Amount.Amount, booking.Quote.Total.Currency));
    }

    [Fact]
    public async Task A_rest_left_uncharged_past_its_time_shows_as_a_backlog_until_the_job_runs()
    {
        var (_, guest, listing) = await SetUpAsync("moderate");
        var booking = await BookPartAsync(guest, listing);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET balance_due_at = now() - interval '2 hours' WHERE id = {booking.Id}"));

        var behind = await BalanceBacklogAsync();
        behind.Items.ShouldBeGreaterThanOrEqualTo(1);
        behind.OldestWait!.Value.ShouldBeGreaterThan(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));

        await RunJobAsync();
        (await BalanceBacklogAsync()).Items.ShouldBe(0);
    }

    [Fact]
    public async Task A_refused_rest_is_tried_again_and_the_guest_may_pay_it_with_another_card_once_per_key()
    {
        var (_, guest, listing) = await SetUpAsync("flexible");
        var booking = await BookPartAsync(guest, listing, SandboxGateway.FailsOffSessionCard);
        await MakeDueAsync(booking.Id);

        await RunJobAsync();

        var refused = await GetAsync(guest, booking.Id);
        refused.Status.ShouldBe(BookingStatus.Confirmed);
        refused.Balance!.FailedAttempts.ShouldBe(1);
        refused.Balance.DueAt.ShouldBe(DateTimeOffset.UtcNow.AddDays(1), TimeSpan.FromMinutes(1));
        (await app.NoticesAsync(guest.Id)).ShouldContain(n => n.Type == "balance_payment_failed" && n.Body.Contains("We try again"));

        var declined = await PayAsync(guest, booking.Id, "pm_card_chargeDeclined");
        (await declined.ShouldBeProblemAsync(HttpStatusCode.PaymentRequired)).GetProperty("declineCode").GetString().ShouldBe("generic_decline");
        (await GetAsync(guest, booking.Id)).Balance.ShouldNotBeNull();

        var key = Guid.NewGuid().ToString();
        var first = await PayAsync(guest, booking.Id, "pm_card_visa", key);
        var replay = await PayAsync(guest, booking.Id, "pm_card_visa", key);
        var paid = await first.ReadAsync<BookingResponse>();
        (await replay.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        paid.Balance.ShouldBeNull();
        paid.Charged.Amount.ShouldBe(booking.Quote.Total.Amount);
        (await app.WithDbAsync(db => db.Set<SandboxIntent>().CountAsync(i => i.IdempotencyKey.StartsWith($"booking:{booking.Id}:balance:guest:")
            && i.Status == IntentStatus.Succeeded))).ShouldBe(1);
        await (await PayAsync(guest, booking.Id, "pm_card_visa")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_charge_of_the_rest_lost_in_a_crash_and_given_back_since_is_not_taken_for_payment()
    {
        var (_, guest, listing) = await SetUpAsync("moderate");
        var booking = await BookPartAsync(guest, listing);
        await MakeDueAsync(booking.Id);
        // The first try charged the card and the process died before its commit; reconciliation then gave it back.
        await app.WithScopeAsync(async services =>
        {
            var gateway = services.GetRequiredService<IPaymentGateway>();
            var lost = await gateway.AuthorizeAsync(new PaymentRequest(booking.Balance!.Amount.Amount, booking.Quote.Total.Currency, "pm_card_visa", CaptureNow: true,
                $"booking:{booking.Id}:balance:0", "lost in a crash", $"{booking.Id}:balance", guest.Id, OffSession: true), CancellationToken.None);
            (await gateway.RefundAsync(lost.IntentId!, lost.AmountCaptured, $"orphan:{lost.IntentId}", CancellationToken.None)).Succeeded.ShouldBeTrue();
        });

        await RunJobAsync();

        var after = await GetAsync(guest, booking.Id);
        after.Charged.Amount.ShouldBe(booking.Charged.Amount);
        after.Balance.ShouldNotBeNull().FailedAttempts.ShouldBe(1);
        await MakeDueAsync(booking.Id);
        await RunJobAsync();
        (await GetAsync(guest, booking.Id)).Balance.ShouldBeNull();
    }

    [Fact]
    public async Task A_charge_of_the_rest_the_books_missed_is_recorded_as_paid_by_the_webhook_not_given_back()
    {
        var (_, guest, listing) = await SetUpAsync("moderate");
        var booking = await BookPartAsync(guest, listing);
        await MakeDueAsync(booking.Id);
        // The job's first try charged the card; the process died before its commit.
        var charge = await app.WithScopeAsync(services => services.GetRequiredService<IPaymentGateway>().AuthorizeAsync(
            new PaymentRequest(booking.Balance!.Amount.Amount, booking.Quote.Total.Currency, "pm_card_visa", CaptureNow: true, $"booking:{booking.Id}:balance:0",
                "the rest", BookingBalances.Reference(booking.Id), guest.Id, OffSession: true), CancellationToken.None));

        await app.WithScopeAsync<int>(services => services.GetRequiredService<SandboxWebhooks>().DeliverAsync());

        var recovered = await GetAsync(guest, booking.Id);
        recovered.Balance.ShouldBeNull();
        recovered.Charged.Amount.ShouldBe(booking.Quote.Total.Amount);
        (await app.WithDbAsync(db => db.Set<SandboxIntent>().SingleAsync(i => i.Id == charge.IntentId))).AmountRefunded.ShouldBe(0);
        // The job's retry finds it paid and charges nothing more.
        await RunJobAsync();
        (await RestChargesAsync(booking.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task The_guest_paying_while_the_job_charges_pays_the_rest_once()
    {
        var (_, guest, listing) = await SetUpAsync("moderate");
        var booking = await BookPartAsync(guest, listing);
        await MakeDueAsync(booking.Id);

        var paying = PayAsync(guest, booking.Id, "pm_card_mastercard");
        await Task.WhenAll(paying, RunJobAsync(), RunJobAsync());

        (await paying).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Conflict);
        var paid = await GetAsync(guest, booking.Id);
        paid.Charged.Amount.ShouldBe(booking.Quote.Total.Amount);
        (await RestChargesAsync(booking.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_host_who_cancels_a_stay_still_owing_gives_back_all_that_was_paid_and_owes_the_penalty()
    {
        var (host, guest, listing) = await SetUpAsync("moderate");
        var booking = await BookPartAsync(guest, listing);

        var cancel = await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<CancelResponse>();

        cancel.Refund.Amount.ShouldBe(booking.Charged.Amount);
        cancel.Booking.ShouldSatisfyAllConditions(b => b.Status.ShouldBe(BookingStatus.CancelledByHost), b => b.Balance.ShouldBeNull());
        var books = await app.LedgerBalancesAsync(booking.Id);
        (books[LedgerAccount.Gateway], books[LedgerAccount.TaxesPayable]).ShouldBe((0, 0));
        books[LedgerAccount.HostPayable].ShouldBe(Roost.Platform.Money.MoneyMath.Percent(booking.Quote.HostPayout.Amount, 10), "the host owes the penalty on the whole stay's payout");
    }

    [Fact]
    public async Task After_the_last_refusal_the_stay_is_cancelled_as_the_guests_and_everything_paid_comes_back()
    {
        var (host, guest, listing) = await SetUpAsync("moderate");
        var booking = await BookPartAsync(guest, listing, SandboxGateway.FailsOffSessionCard);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await MakeDueAsync(booking.Id);
            await RunJobAsync();
        }

        var cancelled = await GetAsync(guest, booking.Id);
        cancelled.Status.ShouldBe(BookingStatus.CancelledByGuest);
        cancelled.Transitions.Last().ShouldSatisfyAllConditions(t => t.ActorRole.ShouldBe("system"), t => t.Reason.ShouldBe(BookingBalances.NotPaidReason));
        cancelled.Refunded.Amount.ShouldBe(booking.Charged.Amount);
        cancelled.Balance.ShouldBeNull();
        (await app.WithDbAsync(db => db.Occupancies.AnyAsync(o => o.ListingId == listing))).ShouldBeFalse();
        (await app.LedgerBalancesAsync(booking.Id)).Values.ShouldAllBe(v => v == 0);
        (await host.Client.GetFromJsonAsync<Page<PayoutResponse>>("/api/v1/host/payouts", TestJson.Options))!.Items
            .Where(p => p.Bookings.Contains(booking.Id) && p.Status != PayoutStatus.Cancelled).Sum(p => p.Amount.Amount).ShouldBe(0);
        (await app.NoticesAsync(host.Id)).ShouldContain(n => n.Type == "booking_cancelled" && n.Body.Contains("could not be charged"));
        (await app.NoticesAsync(guest.Id)).ShouldContain(n => n.Type == "balance_payment_failed" && n.Body.Contains("It was the last try"));
    }

    [Fact]
    public async Task Cancelling_before_the_rest_is_paid_previews_and_refunds_what_was_paid_and_nothing_more()
    {
        var (_, guest, listing) = await SetUpAsync("moderate");
        var booking = await BookPartAsync(guest, listing);

        var preview = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel?preview=true", null)).ReadAsync<CancelResponse>();
        preview.Refund.Amount.ShouldBe(booking.Charged.Amount);
        preview.Breakdown.Sum(l => l.Refunded.Amount).ShouldBe(booking.Charged.Amount);

        var cancel = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new { expectedRefund = preview.Refund })).ReadAsync<CancelResponse>();
        cancel.Refund.Amount.ShouldBe(booking.Charged.Amount);
        cancel.Booking.Balance.ShouldBeNull();
        (await app.LedgerBalancesAsync(booking.Id)).Values.ShouldAllBe(v => v == 0);

        // Nothing is due any more: the job charges nothing.
        await MakeDueAsync(booking.Id);
        await RunJobAsync();
        (await RestChargesAsync(booking.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_stay_still_owing_is_not_changed_and_a_refund_before_the_rest_keeps_the_payout_waiting_for_it()
    {
        var (host, guest, listing) = await SetUpAsync("moderate");
        var booking = await BookPartAsync(guest, listing);
        var change = await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", new { checkIn = booking.CheckIn.AddDays(1), checkOut = booking.CheckOut.AddDays(1), guests = 2 });
        (await change.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString()!.ShouldContain("still to be paid");

        var admin = await app.RegisterAdminAsync();
        var refund = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/bookings/{booking.Id}/refunds") { Content = JsonContent.Create(new { amount = 1_000, reason = "a late key handover" }) };
        refund.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        (await admin.Client.SendAsync(refund)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await MakeDueAsync(booking.Id);
        await RunJobAsync();

        // The host's payouts are what the books owe them once both parts are in: the whole stay less the refund's host share.
        var owed = -(await app.LedgerBalancesAsync(booking.Id))[LedgerAccount.HostPayable];
        owed.ShouldBeLessThan(booking.Quote.HostPayout.Amount);
        (await host.Client.GetFromJsonAsync<Page<PayoutResponse>>("/api/v1/host/payouts", TestJson.Options))!.Items
            .Where(p => p.Bookings.Contains(booking.Id)).Sum(p => p.Amount.Amount).ShouldBe(owed);
    }

    [Fact]
    public async Task GraphQL_offers_books_and_pays_the_rest_through_the_same_rules()
    {
        var (_, guest, listing) = await SetUpAsync("flexible");
        var checkIn = TestBookings.Soon(40);
        var quoted = (await guest.Client.GraphQLAsync(
                "query($id: ID!, $in: DateOnly!, $out: DateOnly!) { listing(id: $id) { quote(checkIn: $in, checkOut: $out, guests: 2) { total { amount } payPartNow { dueNow { amount } dueLater { amount } dueLaterAt } } } }",
                new { id = listing, @in = checkIn, @out = checkIn.AddDays(3) }))
            .ShouldSucceed().Data.GetProperty("listing").GetProperty("quote");
        var dueNow = quoted.GetProperty("payPartNow").GetProperty("dueNow").GetProperty("amount").GetInt64();

        var booked = (await guest.Client.GraphQLAsync(
                "mutation($input: CreateBookingInput!, $key: String!) { createBooking(input: $input, idempotencyKey: $key) { id charged { amount } balance { amount { amount } failedAttempts } } }",
                new { input = new { listingId = listing, checkIn, checkOut = checkIn.AddDays(3), guests = 2, paymentMethod = "pm_card_visa", payPartNow = true }, key = Guid.NewGuid().ToString() }))
            .ShouldSucceed().Data.GetProperty("createBooking");
        booked.GetProperty("charged").GetProperty("amount").GetInt64().ShouldBe(dueNow);

        var paid = (await guest.Client.GraphQLAsync(
                "mutation($id: ID!, $key: String!) { payBookingBalance(id: $id, paymentMethod: \"pm_card_mastercard\", idempotencyKey: $key) { charged { amount } balance { failedAttempts } } }",
                new { id = booked.GetProperty("id").GetString(), key = Guid.NewGuid().ToString() }))
            .ShouldSucceed().Data.GetProperty("payBookingBalance");
        paid.GetProperty("charged").GetProperty("amount").GetInt64().ShouldBe(quoted.GetProperty("total").GetProperty("amount").GetInt64());
        paid.GetProperty("balance").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private async Task<(TestUser Host, TestUser Guest, Guid Listing)> SetUpAsync(string policy)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = true, cancellationPolicy = policy })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (host, await app.RegisterGuestAsync(), listing.Id);
    }

    private static object Body(Guid listing, DateOnly checkIn, string paymentMethod = "pm_card_visa") =>
        new { listingId = listing, checkIn, checkOut = checkIn.AddDays(3), guests = 2, paymentMethod, payPartNow = true };

    private static async Task<BookingResponse> BookPartAsync(TestUser guest, Guid listing, string paymentMethod = "pm_card_visa") =>
        await (await guest.Client.PostBookingAsync(Body(listing, TestBookings.Soon(40), paymentMethod))).ReadAsync<BookingResponse>(HttpStatusCode.Created);

    private static async Task<BookingResponse> GetAsync(TestUser who, Guid bookingId) =>
        (await who.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{bookingId}", TestJson.Options))!;

    private static Task<HttpResponseMessage> PayAsync(TestUser guest, Guid bookingId, string paymentMethod, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{bookingId}/balance") { Content = JsonContent.Create(new { paymentMethod }) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return guest.Client.SendAsync(request);
    }

    private Task MakeDueAsync(Guid bookingId) =>
        app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET balance_due_at = now() - interval '1 minute' WHERE id = {bookingId} AND balance_amount > 0"));

    private Task<BacklogReading> BalanceBacklogAsync() => app.WithScopeAsync(services =>
        services.GetServices<IBacklog>().Single(b => b.Queue == "balance_charges").ReadAsync(DateTimeOffset.UtcNow, CancellationToken.None));

    /// <summary>How many charges of the rest the gateway holds for the booking, the job's and the guest's.</summary>
    private Task<int> RestChargesAsync(Guid bookingId) =>
        app.WithDbAsync(db => db.Set<SandboxIntent>().CountAsync(i => i.IdempotencyKey.StartsWith($"booking:{bookingId}:balance")));

    private Task RemindAsync() => app.WithScopeAsync(services => services.GetRequiredService<BookingReminders>().SendDueAsync());

    private Task RunJobAsync() => app.WithScopeAsync(services => services.GetRequiredService<BookingBalances>().ChargeDueAsync());
}
