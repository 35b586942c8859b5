using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

[Collection(ApiCollection.Name)]
public sealed class CoHostPayoutTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task A_co_host_with_a_share_is_paid_their_part_of_the_stay_to_their_own_account_and_the_host_the_rest()
    {
        var (host, listing, coHost, _) = await TeamAsync(payoutPercent: 20);
        (await coHost.Client.PutAsJsonAsync("/api/v1/host/payout-account", new { accountId = "acct_cohost" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 3);

        var share = (long)Math.Round(booking.Quote.HostPayout.Amount * 0.20m, MidpointRounding.AwayFromZero);
        var hostsPart = await PayoutOfAsync(host, booking.Id);
        var coHostsPart = await PayoutOfAsync(coHost, booking.Id);
        (hostsPart.PaidAs, hostsPart.Amount.Amount).ShouldBe(("host", booking.Quote.HostPayout.Amount - share));
        (coHostsPart.PaidAs, coHostsPart.Amount.Amount).ShouldBe(("cohost", share));
        (hostsPart.SharedWithCoHosts.Amount, coHostsPart.SharedWithCoHosts.Amount).ShouldBe((share, 0L));
        coHostsPart.DueAt.ShouldBe(hostsPart.DueAt);

        await MakeDueAsync(booking.Id);
        await RunPayoutsAsync();

        (await PayoutOfAsync(host, booking.Id)).Status.ShouldBe(PayoutStatus.Paid);
        var paid = await PayoutOfAsync(coHost, booking.Id);
        paid.Status.ShouldBe(PayoutStatus.Paid);
        var transfer = await app.WithDbAsync(db => db.Set<SandboxOperation>().SingleAsync(o => o.IdempotencyKey == $"payout:{paid.Id}"));
        (transfer.IntentId, transfer.Amount).ShouldBe(("acct_cohost", share));
        (await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, booking.Id, CancellationToken.None))).ShouldBe(0);
        (await coHost.Client.GetStringAsync("/api/v1/notifications")).ShouldContain("payout_sent");
        var earnings = await coHost.Client.GetFromJsonAsync<HostEarningsResponse>($"/api/v1/host/earnings?year={paid.PaidAt!.Value.Year}", TestJson.Options);
        earnings!.Currencies.Single().Paid.Amount.ShouldBe(share);
        var csv = (await coHost.Client.GetStringAsync($"/api/v1/host/earnings.csv?year={paid.PaidAt!.Value.Year}")).Split("\r\n");
        csv[0].ShouldEndWith(",gateway_payout_id,paid_as");
        csv[1].ShouldContain(listing.Title);
        csv[1].ShouldEndWith(",cohost");
        // The host's books show both transfers out of the stay's money.
        var seenByHost = await host.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        seenByHost!.Items.Count(i => i.Kind == "payout").ShouldBe(2);
    }

    [Fact]
    public async Task A_share_applies_to_stays_booked_while_it_stands_and_a_stay_keeps_the_share_it_was_booked_with()
    {
        var (host, listing, coHost, membership) = await TeamAsync(payoutPercent: 20);
        var guest = await app.RegisterGuestAsync();
        var before = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 3);

        var changed = await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}", new { payoutPercent = 50 })).ReadAsync<CoHostResponse>();
        (changed.PayoutPercent, changed.Access).ShouldBe((50, CoHostAccess.Reservations));
        (await app.NoticesAsync(coHost.Id)).Single(n => n.Type == "cohost_payout_changed").Body.ShouldContain("50 %");
        (await app.NoticesAsync(coHost.Id)).Single(n => n.Type == "cohost_invitation").Body.ShouldContain("20 % of the host payout");
        var after = await guest.BookAsync(listing.Id, TestBookings.Soon(40), 3);
        (await host.Client.DeleteAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var removed = await guest.BookAsync(listing.Id, TestBookings.Soon(50), 3);

        (await PayoutOfAsync(coHost, before.Id)).Amount.Amount.ShouldBe((long)Math.Round(before.Quote.HostPayout.Amount * 0.20m, MidpointRounding.AwayFromZero));
        (await PayoutOfAsync(coHost, after.Id)).Amount.Amount.ShouldBe((long)Math.Round(after.Quote.HostPayout.Amount * 0.50m, MidpointRounding.AwayFromZero));
        (await PayoutsAsync(coHost)).ShouldNotContain(p => p.Bookings.Contains(removed.Id));
        (await PayoutOfAsync(host, removed.Id)).Amount.ShouldBe(removed.Quote.HostPayout);
        foreach (var stay in new[] { before, after, removed })
        {
            var all = await app.WithDbAsync(db => db.Set<Payout>().Where(p => p.BookingId == stay.Id).SumAsync(p => p.Amount));
            all.ShouldBe(stay.Quote.HostPayout.Amount, "the host's and the co-host's parts add up to the host payout");
        }
    }

    [Fact]
    public async Task A_long_stay_pays_the_co_host_their_share_of_each_months_installment_alongside_the_host()
    {
        var (host, listing, coHost, _) = await TeamAsync(payoutPercent: 25);
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 45);

        var hosts = (await PayoutsAsync(host)).Where(p => p.Bookings.Contains(booking.Id)).OrderBy(p => p.DueAt).ToList();
        var coHosts = (await PayoutsAsync(coHost)).Where(p => p.Bookings.Contains(booking.Id)).OrderBy(p => p.DueAt).ToList();
        hosts.Count.ShouldBe(2);
        coHosts.Select(p => p.DueAt).ShouldBe(hosts.Select(p => p.DueAt));
        for (var i = 0; i < 2; i++)
        {
            var installment = hosts[i].Amount.Amount + coHosts[i].Amount.Amount;
            coHosts[i].Amount.Amount.ShouldBe((long)Math.Round(installment * 0.25m, MidpointRounding.AwayFromZero));
            hosts[i].SharedWithCoHosts.ShouldBe(coHosts[i].Amount);
        }

        (hosts.Sum(p => p.Amount.Amount) + coHosts.Sum(p => p.Amount.Amount)).ShouldBe(booking.Quote.HostPayout.Amount);
    }

    [Fact]
    public async Task A_co_host_paid_a_fixed_amount_gets_it_once_a_stay_with_its_first_installment()
    {
        var (host, listing, coHost, membership) = await TeamAsync(payoutPercent: 0, payoutAmount: 4_000);
        membership.PayoutAmount.ShouldBe(new Roost.Platform.Money.Money(4_000, listing.Currency));
        var guest = await app.RegisterGuestAsync();

        var stay = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 3);
        (await PayoutOfAsync(coHost, stay.Id)).Amount.Amount.ShouldBe(4_000);
        (await PayoutOfAsync(host, stay.Id)).Amount.Amount.ShouldBe(stay.Quote.HostPayout.Amount - 4_000);

        // A long stay is paid month by month: the fixed amount comes with the first month only.
        var month = await guest.BookAsync(listing.Id, TestBookings.Soon(60), 45);
        var coHosts = (await PayoutsAsync(coHost)).Where(p => p.Bookings.Contains(month.Id)).ToList();
        coHosts.ShouldHaveSingleItem().Amount.Amount.ShouldBe(4_000);
        coHosts[0].DueAt.ShouldBe((await PayoutsAsync(host)).Where(p => p.Bookings.Contains(month.Id)).Min(p => p.DueAt));
        (await PayoutsAsync(host)).Where(p => p.Bookings.Contains(month.Id)).Sum(p => p.Amount.Amount).ShouldBe(month.Quote.HostPayout.Amount - 4_000);

        // Never more than the stay's payout; a percent and an amount together are refused, switching is one request.
        Payouts.Split(3_000, [new PayoutShare(coHost.Id, 0, 4_000)]).ToList().ShouldBe([(coHost.Id, 3_000L), (null, 0L)]);
        await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}", new { payoutPercent = 10 })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var switched = await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}", new { payoutPercent = 10, payoutAmount = 0 })).ReadAsync<CoHostResponse>();
        (switched.PayoutPercent, switched.PayoutAmount.Amount).ShouldBe((10, 0L));
        (await app.NoticesAsync(coHost.Id)).Last(n => n.Type == "cohost_payout_changed").Body.ShouldContain("10 % of the host payout");
        await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}", new { payoutPercent = 0, payoutAmount = -1 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var graph = (await host.Client.GraphQLAsync(
                "mutation($l: ID!, $c: ID!) { changeCoHost(listingId: $l, coHostId: $c, input: { payoutPercent: 0, payoutAmount: 2500 }) { payoutPercent payoutAmount { amount currency } } }",
                new { l = listing.Id, c = membership.Id }))
            .ShouldSucceed().Data.GetProperty("changeCoHost");
        (graph.GetProperty("payoutPercent").GetInt32(), graph.GetProperty("payoutAmount").GetProperty("amount").GetInt64()).ShouldBe((0, 2_500L));
    }

    [Fact]
    public async Task A_longer_stay_agreed_before_it_begins_is_split_again_with_the_share_it_was_booked_with()
    {
        var (host, listing, coHost, membership) = await TeamAsync(payoutPercent: 20);
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 3);
        // A share changed since: the stay keeps the one it was booked with.
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}", new { payoutPercent = 70 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var asked = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", new { checkIn = booking.CheckIn, checkOut = booking.CheckIn.AddDays(5), guests = booking.Guests }))
            .ReadAsync<ChangeResponse>(HttpStatusCode.Created);
        (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var longer = (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options))!;
        longer.Quote.HostPayout.Amount.ShouldBeGreaterThan(booking.Quote.HostPayout.Amount);
        var share = (long)Math.Round(longer.Quote.HostPayout.Amount * 0.20m, MidpointRounding.AwayFromZero);
        (await PayoutOfAsync(coHost, booking.Id)).Amount.Amount.ShouldBe(share);
        (await PayoutOfAsync(host, booking.Id)).Amount.Amount.ShouldBe(longer.Quote.HostPayout.Amount - share);
    }

    [Fact]
    public async Task The_co_hosts_shares_add_up_to_at_most_the_whole_payout_and_only_the_host_sets_them()
    {
        var (host, listing, coHost, membership) = await TeamAsync(payoutPercent: 60);
        var second = await app.RegisterGuestAsync("cohost");

        var tooMuch = await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = second.Email, payoutPercent = 50 });
        (await tooMuch.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("payoutPercent", out _).ShouldBeTrue();
        var invited = await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = second.Email, payoutPercent = 40 }))
            .ReadAsync<CoHostResponse>(HttpStatusCode.Created);
        invited.PayoutPercent.ShouldBe(40);
        // The open invitation's 40 counts: accepting it could not take the total past the whole.
        await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}", new { payoutPercent = 61 }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}", new { payoutPercent = 101 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}", new { }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        foreach (var bad in new object[] { -1, 2.5, "ten", true })
        {
            await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}", new { payoutPercent = bad }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = TestUsers.NewEmail(), payoutPercent = bad }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }

        await (await coHost.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}", new { payoutPercent = 100 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var team = await (await host.Client.GetAsync($"/api/v1/listings/{listing.Id}/cohosts")).ReadAsync<List<CoHostResponse>>();
        team.Select(c => c.PayoutPercent).ShouldBe([60, 40]);
        var graph = (await host.Client.GraphQLAsync(
            "mutation($l: ID!, $c: ID!) { changeCoHost(listingId: $l, coHostId: $c, input: { payoutPercent: 55 }) { payoutPercent access } }",
            new { l = listing.Id, c = membership.Id })).ShouldSucceed().Data.GetProperty("changeCoHost");
        (graph.GetProperty("payoutPercent").GetInt32(), graph.GetProperty("access").GetString()).ShouldBe((55, "RESERVATIONS"));
    }

    [Fact]
    public async Task A_refund_costs_each_payee_their_part_of_it_and_the_hosts_penalties_come_out_of_the_hosts_part_alone()
    {
        var (host, listing, coHost, _) = await TeamAsync(payoutPercent: 25, policy: "moderate");
        var guest = await app.RegisterGuestAsync();

        // Within 5 days of check-in a moderate stay gets half its nights back.
        var refunded = await guest.BookAsync(listing.Id, TestBookings.Soon(3), 4);
        (await guest.Client.PostAsync($"/api/v1/bookings/{refunded.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var owed = await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, refunded.Id, CancellationToken.None));
        owed.ShouldBeLessThan(refunded.Quote.HostPayout.Amount);
        var coHostKeeps = (await PayoutOfAsync(coHost, refunded.Id)).Amount.Amount;
        var hostKeeps = (await PayoutOfAsync(host, refunded.Id)).Amount.Amount;
        (coHostKeeps + hostKeeps).ShouldBe(owed);
        Math.Abs(coHostKeeps - (long)Math.Round(owed * 0.25m, MidpointRounding.AwayFromZero)).ShouldBeLessThanOrEqualTo(1);

        // The host cancels another stay and owes its penalty; the next stay's payout keeps it back from the host's part.
        var cancelled = await guest.BookAsync(listing.Id, TestBookings.Soon(60), 3);
        (await host.Client.PostAsync($"/api/v1/bookings/{cancelled.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var penalty = -await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, cancelled.Id, CancellationToken.None));
        penalty.ShouldBeGreaterThan(0);
        (await PayoutsAsync(coHost)).ShouldNotContain(p => p.Bookings.Contains(cancelled.Id) && p.Status != PayoutStatus.Cancelled);
        var kept = await guest.BookAsync(listing.Id, TestBookings.Soon(40), 3);
        var share = (long)Math.Round(kept.Quote.HostPayout.Amount * 0.25m, MidpointRounding.AwayFromZero);
        await MakeDueAsync(kept.Id);
        // The host's goes first, while the co-host's part still sits in the stay's balance.
        var hostsPayoutId = (await PayoutOfAsync(host, kept.Id)).Id;
        await app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendAsync(hostsPayoutId, CancellationToken.None));
        await RunPayoutsAsync();

        var coHostPaid = await PayoutOfAsync(coHost, kept.Id);
        (coHostPaid.Status, coHostPaid.Amount.Amount, coHostPaid.Withheld.Amount).ShouldBe((PayoutStatus.Paid, share, 0L));
        var hostPaid = await PayoutOfAsync(host, kept.Id);
        (hostPaid.Status, hostPaid.Amount.Amount, hostPaid.Withheld.Amount).ShouldBe((PayoutStatus.Paid, kept.Quote.HostPayout.Amount - share - penalty, penalty));
        (await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, kept.Id, CancellationToken.None))).ShouldBe(0);
        (await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, cancelled.Id, CancellationToken.None))).ShouldBe(0);
    }

    [Fact]
    public async Task The_host_and_co_host_parts_of_a_stay_sent_by_two_workers_at_once_pay_out_exactly_what_the_stay_owes()
    {
        var (host, listing, coHost, _) = await TeamAsync(payoutPercent: 40);
        var guest = await app.RegisterGuestAsync();
        var cancelled = await guest.BookAsync(listing.Id, TestBookings.Soon(60), 3);
        (await host.Client.PostAsync($"/api/v1/bookings/{cancelled.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var penalty = -await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, cancelled.Id, CancellationToken.None));
        var stay = await guest.BookAsync(listing.Id, TestBookings.Soon(40), 3);
        await MakeDueAsync(stay.Id);
        var payoutIds = await app.WithDbAsync(db => db.Set<Payout>().Where(p => p.BookingId == stay.Id).Select(p => p.Id).ToListAsync());
        payoutIds.Count.ShouldBe(2);

        // Each worker takes one part, as SKIP LOCKED would share them out.
        await Task.WhenAll(payoutIds.Select(id => app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendAsync(id, CancellationToken.None))));

        var parts = await app.WithDbAsync(db => db.Set<Payout>().AsNoTracking().Where(p => p.BookingId == stay.Id).ToListAsync());
        parts.ShouldAllBe(p => p.Status == PayoutStatus.Paid);
        parts.Sum(p => p.Amount + p.Withheld).ShouldBe(stay.Quote.HostPayout.Amount);
        parts.Single(p => p.ShareOfHostId != null).Amount.ShouldBe((long)Math.Round(stay.Quote.HostPayout.Amount * 0.40m, MidpointRounding.AwayFromZero));
        parts.Single(p => p.ShareOfHostId == null).Withheld.ShouldBe(penalty);
        (await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, stay.Id, CancellationToken.None))).ShouldBe(0);
    }

    [Fact]
    public async Task A_held_hosts_co_hosts_wait_with_the_host()
    {
        var (host, listing, coHost, _) = await TeamAsync(payoutPercent: 30);
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 3);
        await HoldAsync(host, hold: true);
        await MakeDueAsync(booking.Id);

        await RunPayoutsAsync();
        (await PayoutOfAsync(coHost, booking.Id)).Status.ShouldBe(PayoutStatus.Scheduled);

        await HoldAsync(host, hold: false);
        await RunPayoutsAsync();
        (await PayoutOfAsync(coHost, booking.Id)).Status.ShouldBe(PayoutStatus.Paid);
        (await PayoutOfAsync(host, booking.Id)).Status.ShouldBe(PayoutStatus.Paid);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(3L)]
    [InlineData(99_999L)]
    [InlineData(123_457L)]
    public void An_installments_parts_always_add_up_to_it(long amount)
    {
        var random = new Random((int)amount);
        for (var i = 0; i < 200; i++)
        {
            var shares = new List<PayoutShare>();
            var left = 100;
            while (left > 0 && shares.Count < 10 && random.Next(3) > 0)
            {
                var percent = random.Next(1, left + 1);
                shares.Add(new PayoutShare(Guid.NewGuid(), percent));
                left -= percent;
            }

            var parts = Payouts.Split(amount, shares).ToList();
            parts.Sum(p => p.Amount).ShouldBe(amount);
            parts.ShouldAllBe(p => p.Amount >= 0);
            parts.Last().CoHostId.ShouldBeNull();
        }
    }

    /// <summary>A host's listing and a co-host (a host too, so they have payouts to list) who accepted a share of its payouts.</summary>
    private async Task<(TestUser Host, ListingResponse Listing, TestUser CoHost, CoHostResponse Membership)> TeamAsync(int payoutPercent, string policy = "firm", long payoutAmount = 0)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = true, cancellationPolicy = policy })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var coHost = await app.RegisterHostAsync("cohost");
        await app.ConfirmAddressAsync(coHost);
        var invitation = await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = coHost.Email, access = "reservations", payoutPercent, payoutAmount }))
            .ReadAsync<CoHostResponse>(HttpStatusCode.Created);
        invitation.PayoutPercent.ShouldBe(payoutPercent);
        var membership = await (await coHost.Client.PostAsync($"/api/v1/cohosting/{invitation.Id}/accept", null)).ReadAsync<CoHostResponse>();
        return (host, listing, coHost, membership);
    }

    private static async Task<List<PayoutResponse>> PayoutsAsync(TestUser user) =>
        (await user.Client.GetFromJsonAsync<Page<PayoutResponse>>("/api/v1/host/payouts?limit=50", TestJson.Options))!.Items.ToList();

    private static async Task<PayoutResponse> PayoutOfAsync(TestUser user, Guid bookingId) => (await PayoutsAsync(user)).Single(p => p.Bookings.Contains(bookingId));

    private Task MakeDueAsync(Guid bookingId) => app.WithDbAsync(db =>
        db.Set<Payout>().Where(p => p.BookingId == bookingId).ExecuteUpdateAsync(p => p.SetProperty(x => x.DueAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

    /// <summary>As suspending the host does (the admin route has tests of its own), without the rest of a suspension.</summary>
    private Task HoldAsync(TestUser host, bool hold) => app.WithScopeAsync(async services =>
    {
        var holds = services.GetRequiredService<PayoutHolds>();
        await (hold ? holds.HoldAsync(host.Id, "checking the listing", CancellationToken.None) : holds.ReleaseAsync(host.Id, CancellationToken.None));
        await services.GetRequiredService<Roost.Platform.Data.RoostDb>().SaveChangesAsync();
    });

    private Task RunPayoutsAsync() => app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendDueAsync());
}
