using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Payments;
using Roost.Platform.Money;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

[Collection(ApiCollection.Name)]
public sealed class HostEarningsTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task A_host_sees_each_month_what_was_paid_out_and_what_is_still_to_come_and_nothing_of_cancelled_stays()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var paidStay = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 3);
        var comingStay = await guest.BookAsync(listing.Id, TestBookings.Soon(40), 2);
        var cancelledStay = await guest.BookAsync(listing.Id, TestBookings.Soon(50), 2);
        await app.WithDbAsync(db => db.Set<Payout>().Where(p => p.BookingId == paidStay.Id)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.DueAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendDueAsync());
        (await host.Client.PostAsync($"/api/v1/bookings/{cancelledStay.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var paid = await PayoutOfAsync(paidStay.Id);
        var coming = await PayoutOfAsync(comingStay.Id);
        paid.Status.ShouldBe(PayoutStatus.Paid);
        coming.Status.ShouldBe(PayoutStatus.Scheduled);
        var now = DateTimeOffset.UtcNow;

        var year = await host.Client.GetFromJsonAsync<HostEarningsResponse>("/api/v1/host/earnings", TestJson.Options);
        year!.Year.ShouldBe(now.Year);
        var euros = year.Currencies.ShouldHaveSingleItem();
        euros.Paid.ShouldBe(new Money(paid.Amount, paid.Currency));
        euros.Months.Count.ShouldBe(12);
        euros.Months[now.Month - 1].Paid.Amount.ShouldBe(paid.Amount);
        euros.Months.Sum(m => m.Paid.Amount).ShouldBe(paid.Amount);

        // The coming payout counts in the month it is due, in whichever year that is.
        var dueYear = await host.Client.GetFromJsonAsync<HostEarningsResponse>($"/api/v1/host/earnings?year={coming.DueAt.Year}", TestJson.Options);
        var due = dueYear!.Currencies.Single();
        due.Upcoming.Amount.ShouldBe(coming.Amount);
        due.Months[coming.DueAt.UtcDateTime.Month - 1].Upcoming.Amount.ShouldBe(coming.Amount);
        // The cancelled stay's payout counts nowhere: only the coming one and, in the same year, the paid one.
        due.Months.Sum(m => m.Payouts).ShouldBe(coming.DueAt.Year == now.Year ? 2 : 1);

        (await host.Client.GetFromJsonAsync<HostEarningsResponse>($"/api/v1/host/earnings?year={now.Year - 3}", TestJson.Options))!.Currencies.ShouldBeEmpty();
        var graph = (await host.Client.GraphQLAsync("query($y: Int) { hostEarnings(year: $y) { year currencies { currency paid { amount } } } }", new { y = now.Year }))
            .ShouldSucceed().Data.GetProperty("hostEarnings");
        graph.GetProperty("currencies")[0].GetProperty("paid").GetProperty("amount").GetInt64().ShouldBe(paid.Amount);
    }

    [Fact]
    public async Task A_hosts_months_and_years_follow_the_time_zone_they_keep_their_books_in()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var stay = await (await app.RegisterGuestAsync()).BookAsync(listing.Id, TestBookings.Soon(30), 3);
        await app.WithDbAsync(db => db.Set<Payout>().Where(p => p.BookingId == stay.Id)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.DueAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendDueAsync());
        // Sent at 05:00 UTC on 1 January 2026: in Honolulu it is still New Year's Eve.
        await app.WithDbAsync(db => db.Set<Payout>().Where(p => p.BookingId == stay.Id)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.PaidAt, new DateTimeOffset(2026, 1, 1, 5, 0, 0, TimeSpan.Zero))));
        var payout = await PayoutOfAsync(stay.Id);
        async Task<long[]> PaidByMonthAsync(int year) =>
            ((await host.Client.GetFromJsonAsync<HostEarningsResponse>($"/api/v1/host/earnings?year={year}", TestJson.Options))!.Currencies.SingleOrDefault()?.Months
                .Select(m => m.Paid.Amount).ToArray()) ?? new long[12];
        async Task<bool> InStatementAsync(int year) => (await host.Client.GetStringAsync($"/api/v1/host/earnings.csv?year={year}")).Contains(payout.Id.ToString());

        (await PaidByMonthAsync(2026))[0].ShouldBe(payout.Amount);
        (await PaidByMonthAsync(2025)).Sum().ShouldBe(0);
        (await InStatementAsync(2026), await InStatementAsync(2025)).ShouldBe((true, false));

        var me = await (await host.Client.PatchAsJsonAsync("/api/v1/me", new { timeZone = "Pacific/Honolulu" })).ReadAsync<Roost.Features.Accounts.UserResponse>();
        me.TimeZone.ShouldBe("Pacific/Honolulu");

        (await PaidByMonthAsync(2025))[11].ShouldBe(payout.Amount);
        (await PaidByMonthAsync(2026)).Sum().ShouldBe(0);
        (await InStatementAsync(2026), await InStatementAsync(2025)).ShouldBe((false, true));
        foreach (var wrong in new[] { "Mars/Olympus_Mons", "Hawaiian Standard Time", "" })
        {
            var refused = await (await host.Client.PatchAsJsonAsync("/api/v1/me", new { timeZone = wrong })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            refused.GetProperty("errors").TryGetProperty("timeZone", out _).ShouldBeTrue();
        }

        var graph = (await host.Client.GraphQLAsync("mutation { updateProfile(input: { timeZone: \"Europe/Lisbon\" }) { timeZone } }")).ShouldSucceed();
        graph.Data.GetProperty("updateProfile").GetProperty("timeZone").GetString().ShouldBe("Europe/Lisbon");
    }

    [Fact]
    public async Task Earnings_are_the_hosts_own_and_the_year_must_make_sense()
    {
        var host = await app.RegisterHostAsync();
        (await host.Client.GetFromJsonAsync<HostEarningsResponse>("/api/v1/host/earnings", TestJson.Options))!.Currencies.ShouldBeEmpty();
        await (await host.Client.GetAsync("/api/v1/host/earnings?year=1999")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Client.GetAsync("/api/v1/host/earnings?year=soon")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await (await app.RegisterGuestAsync()).Client.GetAsync("/api/v1/host/earnings")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await app.CreateClient().GetAsync("/api/v1/host/earnings")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private Task<Payout> PayoutOfAsync(Guid bookingId) =>
        app.WithDbAsync(db => db.Set<Payout>().AsNoTracking().SingleAsync(p => p.BookingId == bookingId));
}
