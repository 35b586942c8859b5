using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Admin;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Admin;

[Collection(ApiCollection.Name)]
public sealed class ModerationTests(RoostApp app)
{
    private static readonly object Reason = new { reason = "Photos do not match the home" };

    [Fact]
    public async Task A_suspended_host_cannot_sign_in_and_their_listings_leave_the_marketplace_until_reinstated()
    {
        var admin = await app.RegisterAdminAsync();
        var host = await app.RegisterHostAsync();
        var home = await host.CreatePublishedAsync();
        var flagged = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booked = await guest.BookAsync(home.Id, TestBookings.Soon(50), 2);

        // One listing on its own: hidden, and its host may fix it but not put it back.
        (await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/listings/{flagged.Id}/suspend", Reason)).ReadAsync<ListingResponse>()).Status.ShouldBe(ListingStatus.Suspended);
        await (await app.CreateClient().GetAsync($"/api/v1/listings/{flagged.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await host.Client.PostAsync($"/api/v1/listings/{flagged.Id}/publish", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{flagged.Id}", new { title = "Honest photos now" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var suspension = await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{host.Id}/suspend", Reason)).ReadAsync<UserModerationResponse>();
        suspension.Suspended.ShouldBeTrue();
        suspension.ListingIds.ShouldBe([home.Id]);

        await (await host.Client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = host.RefreshToken })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = host.Email, password = host.Password })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = host.Email, password = "a wrong passphrase here" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().GetAsync($"/api/v1/listings/{home.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await NewestListingIdsAsync()).ShouldNotContain(home.Id);
        await (await guest.Client.PostBookingAsync(TestBookings.Body(home.Id, TestBookings.Soon(60), 2))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booked.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Confirmed);
        (await admin.Client.GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{home.Id}", TestJson.Options))!.Status.ShouldBe(ListingStatus.Suspended);

        var reinstated = await (await admin.Client.PostAsync($"/api/v1/admin/users/{host.Id}/reinstate", null)).ReadAsync<UserModerationResponse>();
        reinstated.ListingIds.ShouldBe([home.Id]);
        (await app.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{home.Id}", TestJson.Options))!.Status.ShouldBe(ListingStatus.Published);
        (await NewestListingIdsAsync()).ShouldContain(home.Id);
        var back = await app.LoginAsync(host.Email, host.Password);
        (await app.ClientWithToken(back.AccessToken).GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{flagged.Id}", TestJson.Options))!.Status.ShouldBe(ListingStatus.Suspended);

        (await (await admin.Client.PostAsync($"/api/v1/admin/listings/{flagged.Id}/reinstate", null)).ReadAsync<ListingResponse>()).Status.ShouldBe(ListingStatus.Published);
        var log = await admin.Client.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/v1/admin/audit?targetId={host.Id}", TestJson.Options);
        log!.Items.Select(e => (e.Action, e.ActorId, e.Reason)).ShouldBe([("reinstate_user", admin.Id, null), ("suspend_user", admin.Id, "Photos do not match the home")]);
        (await admin.Client.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/v1/admin/audit?targetId={flagged.Id}", TestJson.Options))!.Items
            .Select(e => e.Action).ShouldBe(["reinstate_listing", "suspend_listing"]);
        await (await host.Client.GetAsync("/api/v1/admin/audit")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await app.NoticesAsync(host.Id)).Select(n => n.Type).ShouldBe(
            ["verify_email", "booking_confirmed", "listing_suspended", "account_suspended", "account_reinstated", "listing_reinstated"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_suspended_hosts_payouts_wait_and_go_out_once_they_are_reinstated()
    {
        var admin = await app.RegisterAdminAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 3);
        await app.WithDbAsync(db => db.Set<Payout>().Where(p => p.BookingId == booking.Id)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.DueAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{host.Id}/suspend", Reason)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await RunPayoutsAsync();
        (await PayoutStatusAsync(booking.Id)).ShouldBe(PayoutStatus.Scheduled);
        // Even a payout picked before the hold landed is stopped at the last check, under its row lock.
        var payoutId = await app.WithDbAsync(db => db.Set<Payout>().Where(p => p.BookingId == booking.Id).Select(p => p.Id).SingleAsync());
        await app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendAsync(payoutId, CancellationToken.None));
        (await PayoutStatusAsync(booking.Id)).ShouldBe(PayoutStatus.Scheduled);

        (await admin.Client.PostAsync($"/api/v1/admin/users/{host.Id}/reinstate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await RunPayoutsAsync();
        (await PayoutStatusAsync(booking.Id)).ShouldBe(PayoutStatus.Paid);
    }

    [Fact]
    public async Task Open_requests_on_either_side_of_a_suspended_user_are_declined_and_their_holds_released()
    {
        var admin = await app.RegisterAdminAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();
        var request = await guest.BookAsync(listing.Id, TestBookings.Soon(40), 2);
        request.Status.ShouldBe(BookingStatus.Pending);
        // The suspended host also travels: their own request elsewhere ends too.
        var otherHost = await app.RegisterHostAsync();
        var elsewhere = await otherHost.CreatePublishedAsync();
        (await otherHost.Client.PatchAsJsonAsync($"/api/v1/listings/{elsewhere.Id}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ownRequest = await host.BookAsync(elsewhere.Id, TestBookings.Soon(40), 2);

        var suspension = await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{host.Id}/suspend", Reason)).ReadAsync<UserModerationResponse>();

        suspension.DeclinedRequestIds.ShouldBe([request.Id, ownRequest.Id]);
        (await otherHost.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{ownRequest.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Declined);
        var declined = (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{request.Id}", TestJson.Options))!;
        declined.Status.ShouldBe(BookingStatus.Declined);
        (await app.WithDbAsync(db => db.Set<SandboxIntent>().Where(i => i.IdempotencyKey == $"booking:{request.Id}:authorize").Select(i => i.Status).SingleAsync()))
            .ShouldBe(IntentStatus.Canceled);
        (await app.NoticesAsync(guest.Id)).ShouldContain(n => n.Type == "booking_declined");
    }

    [Fact]
    public async Task An_admin_may_cancel_a_suspended_users_stays_that_have_not_begun_on_either_side_with_everything_refunded()
    {
        var admin = await app.RegisterAdminAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var otherGuest = await app.RegisterGuestAsync();
        var later = await guest.BookAsync(listing.Id, TestBookings.Soon(60), 3);
        var sooner = await otherGuest.BookAsync(listing.Id, TestBookings.Soon(30), 2);
        // A guest already in the home stays: cancelling under them helps no one.
        var underWay = await guest.BookAsync(listing.Id, TestBookings.Soon(90), 2);
        // The suspended host's own trip elsewhere: its host should not wait for a guest the platform removed.
        var otherHost = await app.RegisterHostAsync();
        var elsewhere = await otherHost.CreatePublishedAsync();
        var ownTrip = await host.BookAsync(elsewhere.Id, TestBookings.Soon(45), 2);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == underWay.Id)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.CheckIn, today.AddDays(-1)).SetProperty(x => x.CheckOut, today.AddDays(1))));

        var suspension = await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{host.Id}/suspend",
            new { reason = "Listing does not exist", cancelUpcomingStays = true })).ReadAsync<UserModerationResponse>();

        suspension.CancelledStayIds.ShouldBe([sooner.Id, ownTrip.Id, later.Id]);
        foreach (var (booked, by) in new[] { (sooner, otherGuest), (later, guest) })
        {
            var cancelled = (await by.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booked.Id}", TestJson.Options))!;
            cancelled.Status.ShouldBe(BookingStatus.CancelledByRoost);
            cancelled.Refunded.ShouldBe(cancelled.Charged);
            cancelled.Charged.Amount.ShouldBe(booked.Quote.Total.Amount);
            cancelled.Transitions[^1].ActorRole.ShouldBe("admin");
            cancelled.Transitions[^1].Reason.ShouldBe("The host's account was suspended.");
            (await app.NoticesAsync(by.Id)).Select(n => n.Type).ShouldContain("refund_issued");
            (await PayoutStatusAsync(booked.Id)).ShouldBe(PayoutStatus.Cancelled);
            (await by.Client.GetFromJsonAsync<Page<TripSummary>>("/api/v1/me/trips?status=cancelled", TestJson.Options))!.Items.ShouldContain(t => t.Id == booked.Id);
        }

        var trip = (await otherHost.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{ownTrip.Id}", TestJson.Options))!;
        trip.Status.ShouldBe(BookingStatus.CancelledByRoost);
        trip.Refunded.ShouldBe(trip.Charged);
        trip.Transitions[^1].Reason.ShouldBe("The guest's account was suspended.");
        (await app.NoticesAsync(otherHost.Id)).ShouldContain(n => n.Type == "booking_cancelled" && n.Body.Contains("cancelled by Roost"));

        (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{underWay.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Confirmed);
        (await app.NoticesAsync(host.Id)).Count(n => n.Type == "booking_cancelled").ShouldBe(3); // two stays hosted, one trip
        (await app.NoticesAsync(guest.Id)).ShouldContain(n => n.Type == "booking_cancelled" && n.Body.Contains("cancelled by Roost"));
    }

    [Fact]
    public async Task Only_admins_moderate_and_what_makes_no_sense_is_refused()
    {
        var admin = await app.RegisterAdminAsync();
        var otherAdmin = await app.RegisterAdminAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();

        await (await host.Client.PostAsJsonAsync($"/api/v1/admin/users/{guest.Id}/suspend", Reason)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await guest.Client.PostAsJsonAsync($"/api/v1/admin/listings/{listing.Id}/suspend", Reason)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await app.CreateClient().PostAsJsonAsync($"/api/v1/admin/users/{guest.Id}/suspend", Reason)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{Guid.NewGuid()}/suspend", Reason)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{otherAdmin.Id}/suspend", Reason)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{guest.Id}/suspend", new { reason = "   " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.Client.PostAsync($"/api/v1/admin/users/{guest.Id}/reinstate", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await admin.Client.PostAsync($"/api/v1/admin/listings/{listing.Id}/reinstate", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{guest.Id}/suspend", Reason)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{guest.Id}/suspend", Reason)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing.Id}", TestJson.Options))!.Status.ShouldBe(ListingStatus.Published);
    }

    [Fact]
    public async Task Moderation_works_through_GraphQL_and_refuses_non_admins_there_too()
    {
        var admin = await app.RegisterAdminAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        const string suspend = "mutation($id: ID!) { suspendListing(id: $id, input: { reason: \"Reported as a scam\" }) { status } }";

        (await host.Client.GraphQLAsync(suspend, new { id = listing.Id })).FirstCode.ShouldBe("FORBIDDEN");
        (await admin.Client.GraphQLAsync(suspend, new { id = listing.Id })).ShouldSucceed()
            .Data.GetProperty("suspendListing").GetProperty("status").GetString().ShouldBe("SUSPENDED");
        var suspended = (await admin.Client.GraphQLAsync("mutation($id: ID!) { suspendUser(id: $id, input: { reason: \"Scam\", cancelUpcomingStays: true }) { suspended listingIds cancelledStayIds } }", new { id = host.Id }))
            .ShouldSucceed().Data.GetProperty("suspendUser");
        suspended.GetProperty("listingIds").GetArrayLength().ShouldBe(0);
        suspended.GetProperty("cancelledStayIds").GetArrayLength().ShouldBe(0);
        (await admin.Client.GraphQLAsync("mutation($id: ID!) { reinstateUser(id: $id) { suspended } }", new { id = host.Id }))
            .ShouldSucceed().Data.GetProperty("reinstateUser").GetProperty("suspended").GetBoolean().ShouldBeFalse();
        (await admin.Client.GraphQLAsync("mutation($id: ID!) { reinstateListing(id: $id) { status } }", new { id = listing.Id }))
            .ShouldSucceed().Data.GetProperty("reinstateListing").GetProperty("status").GetString().ShouldBe("PUBLISHED");
        var log = (await admin.Client.GraphQLAsync("query($id: ID) { auditLog(targetId: $id) { items { action reason } } }", new { id = listing.Id }))
            .ShouldSucceed().Data.GetProperty("auditLog").GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        log.ShouldBe(["reinstate_listing", "suspend_listing"]);
        // The host's own sessions ended with the suspension; another signed-in user is refused as such.
        (await (await app.RegisterGuestAsync()).Client.GraphQLAsync("{ auditLog { items { action } } }")).FirstCode.ShouldBe("FORBIDDEN");
    }

    private Task RunPayoutsAsync() => app.WithScopeAsync(services => services.GetRequiredService<Payouts>().SendDueAsync());

    private Task<PayoutStatus> PayoutStatusAsync(Guid bookingId) =>
        app.WithDbAsync(db => db.Set<Payout>().Where(p => p.BookingId == bookingId).Select(p => p.Status).SingleAsync());

    private async Task<List<Guid>> NewestListingIdsAsync()
    {
        var page = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/listings?sort=newest&limit=20");
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }
}
