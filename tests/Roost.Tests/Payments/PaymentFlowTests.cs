using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Features.Payments;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

[Collection(ApiCollection.Name)]
public sealed class PaymentFlowTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task An_instant_booking_is_charged_into_the_ledger_and_schedules_the_host_payout()
    {
        var (host, guest, listing) = await SetUpAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 3);

        var payments = await guest.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        payments!.Charged.ShouldBe(booking.Quote.Total);
        payments.Items.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            i => i.Kind.ShouldBe("charge"),
            i => i.Amount.ShouldBe(booking.Quote.Total),
            i => i.GatewayReference!.ShouldStartWith("pi_"));

        var payouts = await host.Client.GetFromJsonAsync<Page<PayoutResponse>>("/api/v1/host/payouts", TestJson.Options);
        var payout = payouts!.Items.ShouldHaveSingleItem();
        payout.Status.ShouldBe(PayoutStatus.Scheduled);
        payout.Amount.ShouldBe(booking.Quote.HostPayout);
        payout.Bookings.ShouldBe([booking.Id]);
        // 24 hours after check-in at 15:00 in Lisbon (UTC+0 or +1 depending on the season).
        payout.DueAt.ShouldBeInRange(
            new DateTimeOffset(booking.CheckIn.AddDays(1).ToDateTime(new TimeOnly(13, 0)), TimeSpan.Zero),
            new DateTimeOffset(booking.CheckIn.AddDays(1).ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero));
    }

    [Fact]
    public async Task A_request_holds_the_money_and_only_the_accept_charges_it()
    {
        var (host, guest, listing) = await SetUpAsync(instantBook: false);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 2);

        var held = await guest.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        held!.Held.ShouldBe(booking.Quote.Total);
        held.Charged.Amount.ShouldBe(0);
        held.Items.ShouldBeEmpty();

        (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var charged = await guest.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        charged!.Held.Amount.ShouldBe(0);
        charged.Charged.ShouldBe(booking.Quote.Total);
        charged.Items.Single().Kind.ShouldBe("charge");
    }

    [Fact]
    public async Task A_partial_refund_by_policy_is_on_the_books_and_shrinks_the_host_payout()
    {
        var (host, guest, listing) = await SetUpAsync(policy: "moderate");
        // Within 5 days of check-in: a moderate stay gets half the nights back.
        var booking = await guest.BookAsync(listing, TestBookings.Soon(3), 4);
        var cancelled = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<CancelResponse>();
        cancelled.Refund.Amount.ShouldBeGreaterThan(0);
        cancelled.Refund.Amount.ShouldBeLessThan(booking.Quote.Total.Amount);

        var payments = await guest.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        payments!.Refunded.ShouldBe(cancelled.Refund);
        payments.Items.Select(i => i.Kind).ShouldBe(["charge", "refund"]);
        payments.Items[1].Amount.ShouldBe(cancelled.Refund);
        payments.Items[1].Reason.ShouldBe(cancelled.Rule);

        var owed = await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, booking.Id, CancellationToken.None));
        owed.ShouldBeGreaterThan(0);
        owed.ShouldBeLessThan(booking.Quote.HostPayout.Amount);
        var payout = await PayoutOfAsync(host, booking.Id);
        payout.Amount.Amount.ShouldBe(owed);
        payout.Status.ShouldBe(PayoutStatus.Scheduled);
    }

    [Fact]
    public async Task A_host_cancellation_refunds_all_charges_the_host_a_penalty_and_cancels_the_payout()
    {
        var (host, guest, listing) = await SetUpAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 3);
        (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var seenByHost = await host.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        seenByHost!.Items.Select(i => i.Kind).ShouldBe(["charge", "refund", "host_cancellation_penalty"]);
        seenByHost.Items[2].Amount.Amount.ShouldBe((long)Math.Round(booking.Quote.HostPayout.Amount * 0.10m, MidpointRounding.AwayFromZero));
        var seenByGuest = await guest.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        seenByGuest!.Items.Select(i => i.Kind).ShouldBe(["charge", "refund"]);
        seenByGuest.Refunded.ShouldBe(booking.Quote.Total);

        (await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, booking.Id, CancellationToken.None))).ShouldBe(-seenByHost.Items[2].Amount.Amount);
        var payout = await PayoutOfAsync(host, booking.Id);
        payout.Status.ShouldBe(PayoutStatus.Cancelled);
        payout.Amount.Amount.ShouldBe(0);
    }

    [Fact]
    public async Task A_hosts_next_payout_keeps_back_the_penalty_for_a_stay_they_cancelled()
    {
        var (host, guest, listing) = await SetUpAsync();
        var (cancelled, penalty) = await CancelledByHostAsync(host, guest, listing);
        penalty.ShouldBeGreaterThan(0);
        var kept = await guest.BookAsync(listing, TestBookings.Soon(40), 3);
        // Before it goes, the host already sees what it will keep back.
        var scheduled = await PayoutOfAsync(host, kept.Id);
        scheduled.Status.ShouldBe(PayoutStatus.Scheduled);
        scheduled.Amount.Amount.ShouldBe(kept.Quote.HostPayout.Amount - penalty);
        scheduled.Withheld.Amount.ShouldBe(penalty);
        await MakeDueAsync(kept.Id);

        await RunPayoutsAsync();
        await RunPayoutsAsync();

        var payout = await PayoutOfAsync(host, kept.Id);
        payout.Status.ShouldBe(PayoutStatus.Paid);
        payout.Amount.Amount.ShouldBe(kept.Quote.HostPayout.Amount - penalty);
        payout.Withheld.Amount.ShouldBe(penalty);
        var transfer = await app.WithDbAsync(db => db.Set<SandboxOperation>().SingleAsync(o => o.IdempotencyKey == $"payout:{payout.Id}"));
        transfer.Amount.ShouldBe(kept.Quote.HostPayout.Amount - penalty);
        // The debt is settled where it was incurred, once, and both bookings show the movement to the host.
        (await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, cancelled.Id, CancellationToken.None))).ShouldBe(0);
        (await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, kept.Id, CancellationToken.None))).ShouldBe(0);
        foreach (var bookingId in new[] { cancelled.Id, kept.Id })
        {
            var seen = await host.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{bookingId}/payments", TestJson.Options);
            seen!.Items.Where(i => i.Kind == "penalty_withheld").ShouldHaveSingleItem().Amount.Amount.ShouldBe(penalty);
        }

        var guestView = await guest.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{kept.Id}/payments", TestJson.Options);
        guestView!.Items.Select(i => i.Kind).ShouldBe(["charge"]);
        var notices = await app.WithDbAsync(db => db.Set<Roost.Platform.Notifications.Notification>().Where(n => n.UserId == host.Id && n.Type == "payout_withheld").CountAsync());
        notices.ShouldBe(1);

        // A later payout finds nothing left to keep back.
        var next = await guest.BookAsync(listing, TestBookings.Soon(50), 3);
        await MakeDueAsync(next.Id);
        await RunPayoutsAsync();
        var untouched = await PayoutOfAsync(host, next.Id);
        untouched.Amount.ShouldBe(next.Quote.HostPayout);
        untouched.Withheld.Amount.ShouldBe(0);
    }

    [Fact]
    public async Task Two_workers_sending_one_hosts_payouts_at_once_keep_a_penalty_back_once()
    {
        var (host, guest, listing) = await SetUpAsync();
        var (cancelled, penalty) = await CancelledByHostAsync(host, guest, listing);
        var stays = new[] { await guest.BookAsync(listing, TestBookings.Soon(40), 3), await guest.BookAsync(listing, TestBookings.Soon(50), 3) };
        var payoutIds = new List<Guid>();
        foreach (var stay in stays)
        {
            await MakeDueAsync(stay.Id);
            payoutIds.Add(await app.WithDbAsync(db => db.Set<Payout>().Where(p => p.BookingId == stay.Id).Select(p => p.Id).SingleAsync()));
        }

        // Each worker takes one payout, as SKIP LOCKED would share them out.
        await Task.WhenAll(payoutIds.Select(id => app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendAsync(id, CancellationToken.None))));

        var paid = (await host.Client.GetFromJsonAsync<Page<PayoutResponse>>("/api/v1/host/payouts", TestJson.Options))!.Items
            .Where(p => payoutIds.Contains(p.Id)).ToList();
        paid.ShouldAllBe(p => p.Status == PayoutStatus.Paid);
        paid.Sum(p => p.Amount.Amount).ShouldBe(stays.Sum(s => s.Quote.HostPayout.Amount) - penalty);
        (await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, cancelled.Id, CancellationToken.None))).ShouldBe(0);
    }

    [Fact]
    public async Task An_admin_refunds_part_once_per_key_and_never_more_than_was_charged()
    {
        var (_, guest, listing) = await SetUpAsync();
        var admin = await app.RegisterAdminAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 3);
        var key = Guid.NewGuid().ToString();

        var first = await RefundAsync(admin, booking.Id, 2500, key);
        var replay = await RefundAsync(admin, booking.Id, 2500, key);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await replay.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        var refunded = await app.WithDbAsync(db => db.Set<SandboxIntent>().Where(i => i.IdempotencyKey == $"booking:{booking.Id}:authorize").Select(i => i.AmountRefunded).SingleAsync());
        refunded.ShouldBe(2500);

        var tooMuch = await RefundAsync(admin, booking.Id, booking.Quote.Total.Amount, Guid.NewGuid().ToString());
        await tooMuch.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var noReason = await admin.Client.SendAsync(Keyed(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/bookings/{booking.Id}/refunds") { Content = JsonContent.Create(new { amount = 100 }) }));
        await noReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var payments = await guest.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        payments!.Refunded.Amount.ShouldBe(2500);
        payments.Items.Last().ShouldSatisfyAllConditions(i => i.Kind.ShouldBe("refund"), i => i.Amount.Amount.ShouldBe(2500), i => i.Reason.ShouldBe("noisy neighbours"));
        var audit = (await admin.Client.GetFromJsonAsync<Page<Roost.Features.Admin.AuditEntryResponse>>($"/api/v1/admin/audit?targetId={booking.Id}", TestJson.Options))!.Items.Single();
        (audit.Action, audit.ActorId).ShouldBe(("refund_booking", admin.Id));
        audit.Reason!.ShouldEndWith(": noisy neighbours");
    }

    [Theory]
    [InlineData("flexible", 30, 0)]      // a full refund: what support gave back counts towards it
    [InlineData("firm", 20, 0)]          // half the nights: support's refund counts towards that half
    [InlineData("firm", 20, 1)]          // and the host's cancellation gives back all that is left
    public async Task Cancelling_a_stay_support_already_refunded_in_part_gives_back_the_policys_refund_less_what_support_gave(string policy, int daysAhead, int byHost)
    {
        var (host, guest, listing) = await SetUpAsync(policy: policy);
        var admin = await app.RegisterAdminAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(daysAhead), 3);
        var canceller = byHost == 1 ? host : guest;
        var policyRefund = (await (await canceller.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel?preview=true", null)).ReadAsync<CancelResponse>()).Refund.Amount;
        (await RefundAsync(admin, booking.Id, 4000, Guid.NewGuid().ToString())).StatusCode.ShouldBe(HttpStatusCode.OK);

        var cancel = await (await canceller.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<CancelResponse>();

        // It was a 500 before: the policy's refund of the whole price was asked of payments that no longer held it.
        cancel.Refund.Amount.ShouldBe(policyRefund - 4000);
        cancel.Rule.ShouldEndWith("less what support already refunded");
        cancel.Breakdown.Sum(l => l.Refunded.Amount).ShouldBe(cancel.Refund.Amount);
        var payments = await guest.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        payments!.Refunded.Amount.ShouldBe(policyRefund, "the guest has the policy's refund back in all, support's part included");
    }

    [Fact]
    public async Task An_admin_refund_of_what_a_cancelled_stay_still_holds_takes_back_from_each_party_exactly_what_it_kept()
    {
        var (_, guest, listing) = await SetUpAsync(policy: "firm");
        var admin = await app.RegisterAdminAsync();
        // Firm, 20 days ahead: half the nights come back, the cleaning fee and the service fee on them all come back,
        // so the host keeps a larger part of what is left than of the whole stay.
        var booking = await guest.BookAsync(listing, TestBookings.Soon(20), 3);
        var cancel = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<CancelResponse>();
        var left = booking.Quote.Total.Amount - cancel.Refund.Amount;
        left.ShouldBeGreaterThan(0);

        (await RefundAsync(admin, booking.Id, left, Guid.NewGuid().ToString())).StatusCode.ShouldBe(HttpStatusCode.OK);

        var books = await app.LedgerBalancesAsync(booking.Id);
        books.ShouldBe(new Dictionary<LedgerAccount, long> { [LedgerAccount.Gateway] = 0, [LedgerAccount.HostPayable] = 0, [LedgerAccount.PlatformRevenue] = 0, [LedgerAccount.TaxesPayable] = 0 });
    }

    [Fact]
    public async Task A_due_payout_is_sent_once_onto_the_books_and_the_host_is_told()
    {
        var (host, guest, listing) = await SetUpAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 3);
        await MakeDueAsync(booking.Id);

        await RunPayoutsAsync();
        await RunPayoutsAsync();

        var payout = await PayoutOfAsync(host, booking.Id);
        payout.Status.ShouldBe(PayoutStatus.Paid);
        payout.GatewayPayoutId!.ShouldStartWith("tr_");
        (await app.WithDbAsync(db => db.Set<SandboxOperation>().CountAsync(o => o.IdempotencyKey == $"payout:{payout.Id}"))).ShouldBe(1);
        (await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, booking.Id, CancellationToken.None))).ShouldBe(0);
        (await host.Client.GetStringAsync("/api/v1/notifications")).ShouldContain("payout_sent");
        var seenByHost = await host.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        seenByHost!.Items.Select(i => i.Kind).ShouldBe(["charge", "payout"]);
    }

    [Fact]
    public async Task A_failed_payout_retries_with_backoff_and_alerts_then_lands_when_the_account_is_fixed()
    {
        var (host, guest, listing) = await SetUpAsync();
        (await host.Client.PutAsJsonAsync("/api/v1/host/payout-account", new { accountId = SandboxGateway.FailingPayoutAccount })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 3);
        await MakeDueAsync(booking.Id);

        await RunPayoutsAsync();
        var failed = await app.WithDbAsync(db => db.Set<Payout>().AsNoTracking().SingleAsync(p => p.BookingId == booking.Id));
        failed.Status.ShouldBe(PayoutStatus.Failed);
        failed.Attempts.ShouldBe(1);
        failed.LastError!.ShouldContain("account_invalid");
        (failed.NextAttemptAt - failed.UpdatedAt)!.Value.ShouldBe(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));
        (await host.Client.GetStringAsync("/api/v1/notifications")).ShouldContain("payout_failed");

        // Not due again yet: a second run leaves it alone.
        await RunPayoutsAsync();
        (await app.WithDbAsync(db => db.Set<Payout>().AsNoTracking().SingleAsync(p => p.BookingId == booking.Id))).Attempts.ShouldBe(1);

        (await host.Client.PutAsJsonAsync("/api/v1/host/payout-account", new { accountId = "acct_fixed" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.WithDbAsync(db => db.Set<Payout>().Where(p => p.BookingId == booking.Id).ExecuteUpdateAsync(p => p.SetProperty(x => x.NextAttemptAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await RunPayoutsAsync();
        var paid = await app.WithDbAsync(db => db.Set<Payout>().AsNoTracking().SingleAsync(p => p.BookingId == booking.Id));
        paid.Status.ShouldBe(PayoutStatus.Paid);
        paid.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task A_stay_of_28_nights_or_more_is_paid_out_month_by_month()
    {
        var (host, guest, listing) = await SetUpAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 45);

        var payouts = (await host.Client.GetFromJsonAsync<Page<PayoutResponse>>("/api/v1/host/payouts", TestJson.Options))!.Items
            .Where(p => p.Bookings.Contains(booking.Id)).OrderBy(p => p.DueAt).ToList();
        payouts.Count.ShouldBe(2);
        payouts.Sum(p => p.Amount.Amount).ShouldBe(booking.Quote.HostPayout.Amount);
        (payouts[1].DueAt - payouts[0].DueAt).ShouldBe(TimeSpan.FromDays(30));
        payouts[0].Amount.Amount.ShouldBe((long)Math.Round(booking.Quote.HostPayout.Amount * 30m / 45m, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task Payouts_are_the_hosts_own_and_guests_may_not_list_them()
    {
        var (_, guest, _) = await SetUpAsync();
        var other = await app.RegisterHostAsync();
        (await other.Client.GetFromJsonAsync<Page<PayoutResponse>>("/api/v1/host/payouts", TestJson.Options))!.Items.ShouldBeEmpty();
        await (await guest.Client.GetAsync("/api/v1/host/payouts")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.Client.GetAsync("/api/v1/host/payouts?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<(TestUser Host, TestUser Guest, Guid Listing)> SetUpAsync(bool instantBook = true, string policy = "firm")
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook, cancellationPolicy = policy })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (host, await app.RegisterGuestAsync(), listing.Id);
    }


    private static HttpRequestMessage Keyed(HttpRequestMessage request, string? key = null)
    {
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return request;
    }

    private static Task<HttpResponseMessage> RefundAsync(TestUser admin, Guid bookingId, long amount, string key) =>
        admin.Client.SendAsync(Keyed(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/bookings/{bookingId}/refunds")
        {
            Content = JsonContent.Create(new { amount, reason = "noisy neighbours" }),
        }, key));

    private static async Task<PayoutResponse> PayoutOfAsync(TestUser host, Guid bookingId) =>
        (await host.Client.GetFromJsonAsync<Page<PayoutResponse>>("/api/v1/host/payouts", TestJson.Options))!.Items.Single(p => p.Bookings.Contains(bookingId));

    /// <summary>A confirmed stay the host cancels, and the penalty the host then owes for it.</summary>
    private async Task<(BookingResponse Booking, long Penalty)> CancelledByHostAsync(TestUser host, TestUser guest, Guid listing)
    {
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 3);
        (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (booking, -await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, booking.Id, CancellationToken.None)));
    }

    private Task MakeDueAsync(Guid bookingId) => app.WithDbAsync(db =>
        db.Set<Payout>().Where(p => p.BookingId == bookingId).ExecuteUpdateAsync(p => p.SetProperty(x => x.DueAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

    private Task RunPayoutsAsync() => app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendDueAsync());
}
