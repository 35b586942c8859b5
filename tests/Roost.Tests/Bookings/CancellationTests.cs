using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Bookings;
using Roost.Features.Payments;
using Roost.Tests.Infrastructure;
using Roost.Tests.Payments;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class CancellationTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task A_preview_shows_the_refund_and_changes_nothing_then_the_cancel_refunds_exactly_that()
    {
        var (_, guest, listing) = await SetUpAsync("firm");
        var booking = await guest.BookAsync(listing, TestBookings.Soon(20), 3);

        var preview = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel?preview=true", null)).ReadAsync<CancelResponse>();
        preview.Preview.ShouldBeTrue();
        preview.Rule.ShouldStartWith("firm: 50%");
        preview.Booking.Status.ShouldBe(BookingStatus.Confirmed);
        (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Confirmed);

        var cancelled = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<CancelResponse>();

        cancelled.Refund.ShouldBe(preview.Refund);
        cancelled.Booking.Status.ShouldBe(BookingStatus.CancelledByGuest);
        cancelled.Booking.Refunded.ShouldBe(preview.Refund);
        cancelled.Breakdown.Sum(l => l.Refunded.Amount).ShouldBe(cancelled.Refund.Amount);
        cancelled.Breakdown.Single(l => l.Item == "cleaning_fee").Refunded.Amount.ShouldBe(booking.Quote.CleaningFee.Amount);
        (await RefundedAsync(booking.Id)).ShouldBe(cancelled.Refund.Amount);
    }

    [Fact]
    public async Task A_guest_who_cancels_with_the_refund_they_previewed_never_gets_less()
    {
        var (_, guest, listing) = await SetUpAsync("flexible");
        var booking = await guest.BookAsync(listing, TestBookings.Soon(20), 3);
        var preview = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel?preview=true", null)).ReadAsync<CancelResponse>();
        preview.Refund.Amount.ShouldBe(booking.Quote.Total.Amount);

        // Standing in for a deadline that passes while the guest hesitates: the policy now gives back less.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET cancellation_policy = 'NonRefundable' WHERE id = {booking.Id}"));

        var refused = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new { expectedRefund = preview.Refund })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("code").GetString().ShouldBe("REFUND_CHANGED");
        var now = refused.GetProperty("refund").GetProperty("amount").GetInt64();
        now.ShouldBeLessThan(preview.Refund.Amount);
        (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Confirmed);
        (await RefundedAsync(booking.Id)).ShouldBe(0);

        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new { expectedRefund = new { amount = now, currency = "EURO" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var cancelled = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new { expectedRefund = preview.Refund with { Amount = now } })).ReadAsync<CancelResponse>();
        cancelled.Refund.Amount.ShouldBe(now);
        (await RefundedAsync(booking.Id)).ShouldBe(now);
    }

    [Fact]
    public async Task A_host_cancellation_refunds_everything_and_is_recorded_against_the_host()
    {
        var (host, guest, listing) = await SetUpAsync("non_refundable");
        var booking = await guest.BookAsync(listing, TestBookings.Soon(20), 3);

        var cancelled = await (await host.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new { reason = "Burst pipe" })).ReadAsync<CancelResponse>();

        cancelled.Refund.Amount.ShouldBe(booking.Quote.Total.Amount);
        cancelled.Booking.Status.ShouldBe(BookingStatus.CancelledByHost);
        cancelled.Booking.Transitions[^1].ShouldSatisfyAllConditions(
            t => t.ActorRole.ShouldBe("host"),
            t => t.ActorId.ShouldBe(host.Id),
            t => t.Reason.ShouldBe("Burst pipe"));
        (await RefundedAsync(booking.Id)).ShouldBe(booking.Quote.Total.Amount);
    }

    [Fact]
    public async Task A_guest_on_a_non_refundable_stay_gets_nothing_back_but_the_cleaning_fee()
    {
        var (_, guest, listing) = await SetUpAsync("non_refundable");
        var booking = await guest.BookAsync(listing, TestBookings.Soon(20), 3);

        var cancelled = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<CancelResponse>();

        cancelled.Refund.Amount.ShouldBe(booking.Quote.CleaningFee.Amount + cancelled.Breakdown.Single(l => l.Item == "taxes").Refunded.Amount);
        cancelled.Breakdown.Single(l => l.Item == "nights").Refunded.Amount.ShouldBe(0);
        cancelled.Breakdown.Single(l => l.Item == "service_fee").Refunded.Amount.ShouldBe(0);
    }

    [Fact]
    public async Task A_guest_withdrawing_a_request_releases_the_hold()
    {
        var (host, guest, listing) = await SetUpAsync("moderate");
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(20), 3);

        var withdrawn = await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<CancelResponse>();

        withdrawn.Booking.Status.ShouldBe(BookingStatus.CancelledByGuest);
        withdrawn.Refund.Amount.ShouldBe(booking.Quote.Total.Amount);
        (await app.WithDbAsync(db => db.Set<SandboxIntent>().SingleAsync(i => i.IdempotencyKey == $"booking:{booking.Id}:authorize"))).Status.ShouldBe(IntentStatus.Canceled);
    }

    [Fact]
    public async Task A_stay_that_is_over_cannot_be_cancelled_for_a_refund_before_it_is_marked_completed()
    {
        var (host, guest, listing) = await SetUpAsync("flexible");
        var booking = await guest.BookAsync(listing, TestBookings.Soon(20), 3);
        // The stay ended yesterday and the completion job has not run yet.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == booking.Id)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.CheckIn, today.AddDays(-4)).SetProperty(x => x.CheckOut, today.AddDays(-1))));

        await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel?preview=true", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Confirmed);
        (await RefundedAsync(booking.Id)).ShouldBe(0);
    }

    private async Task<(TestUser Host, TestUser Guest, Guid Listing)> SetUpAsync(string policy)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { cancellationPolicy = policy })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (host, await app.RegisterGuestAsync(), listing.Id);
    }

    private Task<long> RefundedAsync(Guid bookingId) => app.WithDbAsync(async db =>
        (await db.Set<SandboxIntent>().SingleAsync(i => i.IdempotencyKey == $"booking:{bookingId}:authorize")).AmountRefunded);
}
