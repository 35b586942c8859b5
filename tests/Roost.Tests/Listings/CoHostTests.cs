using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Features.Messaging;
using Roost.Platform.Http;
using Roost.Platform.Notifications;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Listings;

[Collection(ApiCollection.Name)]
public sealed class CoHostTests(RoostApp app)
{
    private static async Task<CoHostResponse> InviteAsync(TestUser host, Guid listingId, TestUser coHost, string access) =>
        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listingId}/cohosts", new { email = coHost.Email.ToUpperInvariant(), access }))
            .ReadAsync<CoHostResponse>(HttpStatusCode.Created);

    /// <summary>A listing whose requests wait for an answer, and a co-host with this access who accepted.</summary>
    private async Task<(TestUser Host, ListingResponse Listing, TestUser CoHost, CoHostResponse Membership)> TeamAsync(string access)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var coHost = await app.RegisterGuestAsync("cohost");
        await app.ConfirmAddressAsync(coHost);
        var invitation = await InviteAsync(host, listing.Id, coHost, access);
        var membership = await (await coHost.Client.PostAsync($"/api/v1/cohosting/{invitation.Id}/accept", null)).ReadAsync<CoHostResponse>();
        return (host, listing, coHost, membership);
    }

    [Fact]
    public async Task An_invitation_goes_to_an_address_and_only_its_confirmed_holder_can_take_it()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var invitee = await app.RegisterGuestAsync("cohost");
        var someoneElse = await app.RegisterGuestAsync();

        var invitation = await InviteAsync(host, listing.Id, invitee, "calendar");

        (invitation.Status, invitation.Email, invitation.Access, invitation.UserId).ShouldBe(("invited", invitee.Email, CoHostAccess.Calendar, (Guid?)null));
        (await app.NoticesAsync(invitee.Id)).ShouldContain(n => n.Type == "cohost_invitation");
        (await (await invitee.Client.GetAsync("/api/v1/cohosting")).ReadAsync<List<CoHostResponse>>()).Single().Id.ShouldBe(invitation.Id);
        (await (await someoneElse.Client.GetAsync("/api/v1/cohosting")).ReadAsync<List<CoHostResponse>>()).ShouldBeEmpty();
        await (await someoneElse.Client.PostAsync($"/api/v1/cohosting/{invitation.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await invitee.Client.PostAsync($"/api/v1/cohosting/{invitation.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        await app.ConfirmAddressAsync(invitee);
        var accepted = await (await invitee.Client.PostAsync($"/api/v1/cohosting/{invitation.Id}/accept", null)).ReadAsync<CoHostResponse>();

        (accepted.Status, accepted.UserId).ShouldBe(("active", (Guid?)invitee.Id));
        await (await invitee.Client.PostAsync($"/api/v1/cohosting/{invitation.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.NoticesAsync(host.Id)).ShouldContain(n => n.Type == "cohost_accepted");
        var team = await (await host.Client.GetAsync($"/api/v1/listings/{listing.Id}/cohosts")).ReadAsync<List<CoHostResponse>>();
        team.Single().Status.ShouldBe("active");
        await (await invitee.Client.GetAsync($"/api/v1/listings/{listing.Id}/cohosts")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_address_without_an_account_is_mailed_the_invitation_and_whoever_signs_up_with_it_takes_it()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var address = TestUsers.NewEmail("newcomer");

        var invitation = await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = address, access = "reservations" }))
            .ReadAsync<CoHostResponse>(HttpStatusCode.Created);

        var mail = await app.StrangerMailAsync(address, "cohost_invitation");
        mail.To.Mailboxes.Single().Address.ShouldBe(address);
        mail.TextBody!.ShouldContain(listing.Title);
        mail.TextBody!.ShouldContain("sign up for Roost with this address");
        var newcomer = await app.RegisterAsAsync(address);
        (await (await newcomer.Client.GetAsync("/api/v1/cohosting")).ReadAsync<List<CoHostResponse>>()).Single().Id.ShouldBe(invitation.Id);
        await app.ConfirmAddressAsync(newcomer);
        (await (await newcomer.Client.PostAsync($"/api/v1/cohosting/{invitation.Id}/accept", null)).ReadAsync<CoHostResponse>()).Status.ShouldBe("active");

        (await newcomer.Client.DeleteAsync($"/api/v1/listings/{listing.Id}/cohosts/{invitation.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await newcomer.Client.PostAsJsonAsync("/api/v1/me/close", new { password = newcomer.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.StrangerNoticesAsync(address)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_stranger_is_mailed_at_most_three_invitations_a_day_however_many_are_made()
    {
        var host = await app.RegisterHostAsync();
        var address = TestUsers.NewEmail("target");

        for (var i = 0; i < Notify.StrangerMailsPerDay + 2; i++)
        {
            var listing = await host.CreatePublishedAsync();
            (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = address, access = "calendar" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await app.StrangerNoticesAsync(address)).Count.ShouldBe(Notify.StrangerMailsPerDay);
        var newcomer = await app.RegisterAsAsync(address);
        (await (await newcomer.Client.GetAsync("/api/v1/cohosting")).ReadAsync<List<CoHostResponse>>()).Count.ShouldBe(Notify.StrangerMailsPerDay + 2);
    }

    [Fact]
    public async Task Inviting_the_host_twice_the_same_address_or_someone_elses_listing_is_refused()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var otherHost = await app.RegisterHostAsync();
        var invitee = await app.RegisterGuestAsync("cohost");
        await InviteAsync(host, listing.Id, invitee, "reservations");

        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = invitee.Email })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = host.Email })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = "not an address" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = TestUsers.NewEmail(), access = "owner" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await otherHost.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = TestUsers.NewEmail() })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var declined = await (await invitee.Client.PostAsync($"/api/v1/cohosting/{(await InvitationsAsync(invitee)).Single().Id}/decline", null)).ReadAsync<CoHostResponse>();
        (await InvitationsAsync(invitee)).ShouldBeEmpty();
        (await app.NoticesAsync(host.Id)).ShouldContain(n => n.Type == "cohost_declined");
        (await InviteAsync(host, listing.Id, invitee, "calendar")).Id.ShouldNotBe(declined.Id);
    }

    private static async Task<List<CoHostResponse>> InvitationsAsync(TestUser user) => await (await user.Client.GetAsync("/api/v1/cohosting")).ReadAsync<List<CoHostResponse>>();

    [Fact]
    public async Task A_calendar_co_host_runs_the_calendar_but_not_the_listing_nor_its_bookings()
    {
        var (host, listing, coHost, _) = await TeamAsync("calendar");
        var guest = await app.RegisterGuestAsync();
        var request = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 2);
        var from = TestBookings.Soon(60);

        (await coHost.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar", new { from, to = from.AddDays(3), available = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await coHost.Client.GetAsync($"/api/v1/listings/{listing.Id}/calendar/export")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/quote?checkIn={from:yyyy-MM-dd}&checkOut={from.AddDays(2):yyyy-MM-dd}"))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await coHost.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { title = "Mine now" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await coHost.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/cohosts", new { email = TestUsers.NewEmail() })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await coHost.Client.GetAsync($"/api/v1/bookings/{request.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await coHost.Client.PostAsync($"/api/v1/bookings/{request.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await coHost.Client.GetAsync("/api/v1/cohosting/reservations")).ReadAsync<Page<TripSummary>>()).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reservations_co_host_sees_and_answers_requests_but_cancelling_stays_with_the_host_and_removal_ends_it_at_once()
    {
        var (host, listing, coHost, membership) = await TeamAsync("reservations");
        var guest = await app.RegisterGuestAsync();
        var request = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 2);

        (await app.NoticesAsync(coHost.Id)).ShouldContain(n => n.Type == "booking_requested");
        (await (await coHost.Client.GetAsync("/api/v1/cohosting/reservations")).ReadAsync<Page<TripSummary>>()).Items.Single().Id.ShouldBe(request.Id);
        (await (await coHost.Client.GetAsync($"/api/v1/bookings/{request.Id}")).ReadAsync<BookingResponse>()).Status.ShouldBe(BookingStatus.Pending);

        var accepted = await (await coHost.Client.PostAsync($"/api/v1/bookings/{request.Id}/accept", null)).ReadAsync<BookingResponse>();

        accepted.Status.ShouldBe(BookingStatus.Confirmed);
        (accepted.Transitions[^1].ActorRole, accepted.Transitions[^1].ActorId).ShouldBe(("cohost", (Guid?)coHost.Id));
        (await app.NoticesAsync(host.Id)).ShouldContain(n => n.Title == "Your co-host accepted a request");
        (await app.NoticesAsync(guest.Id)).ShouldContain(n => n.Type == "booking_confirmed");
        await (await coHost.Client.PostAsync($"/api/v1/bookings/{request.Id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await guest.Client.GetAsync($"/api/v1/bookings/{request.Id}")).ReadAsync<BookingResponse>()).Status.ShouldBe(BookingStatus.Confirmed);

        (await host.Client.DeleteAsync($"/api/v1/listings/{listing.Id}/cohosts/{membership.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await app.NoticesAsync(coHost.Id)).ShouldContain(n => n.Type == "cohost_removed");
        await (await coHost.Client.GetAsync($"/api/v1/bookings/{request.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var from = TestBookings.Soon(60);
        await (await coHost.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar", new { from, to = from.AddDays(1), available = false }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_host_narrows_a_co_hosts_access_and_a_co_host_may_leave_in_both_doors()
    {
        var (host, listing, coHost, membership) = await TeamAsync("reservations");
        var guest = await app.RegisterGuestAsync();
        var request = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 2);

        var narrowed = (await host.Client.GraphQLAsync(
            "mutation($l: ID!, $c: ID!) { changeCoHostAccess(listingId: $l, coHostId: $c, input: { access: CALENDAR }) { access status } }",
            new { l = listing.Id, c = membership.Id })).ShouldSucceed();

        narrowed.Data.GetProperty("changeCoHostAccess").GetProperty("access").GetString().ShouldBe("CALENDAR");
        await (await coHost.Client.GetAsync($"/api/v1/bookings/{request.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await guest.BookAsync(listing.Id, TestBookings.Soon(50), 2);
        (await app.NoticesAsync(coHost.Id)).Count(n => n.Type == "booking_requested").ShouldBe(1);
        var mine = (await coHost.Client.GraphQLAsync("{ myCoHosting { listingId status } }")).ShouldSucceed();
        mine.Data.GetProperty("myCoHosting")[0].GetProperty("status").GetString().ShouldBe("active");

        (await coHost.Client.GraphQLAsync("mutation($l: ID!, $c: ID!) { removeCoHost(listingId: $l, coHostId: $c) }", new { l = listing.Id, c = membership.Id })).ShouldSucceed();

        (await app.NoticesAsync(host.Id)).ShouldContain(n => n.Type == "cohost_removed");
        (await (await host.Client.GetAsync($"/api/v1/listings/{listing.Id}/cohosts")).ReadAsync<List<CoHostResponse>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_co_host_finds_the_membership_in_their_data_and_closing_the_account_ends_it()
    {
        var (host, listing, coHost, membership) = await TeamAsync("calendar");

        var export = await (await coHost.Client.GetAsync("/api/v1/me/export")).ReadAsync<System.Text.Json.JsonElement>();
        export.GetProperty("coHosting")[0].GetProperty("id").GetGuid().ShouldBe(membership.Id);

        (await coHost.Client.PostAsJsonAsync("/api/v1/me/close", new { password = coHost.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await (await host.Client.GetAsync($"/api/v1/listings/{listing.Id}/cohosts")).ReadAsync<List<CoHostResponse>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reservations_co_host_shares_the_hosts_inbox_for_the_listing_and_a_calendar_co_host_does_not()
    {
        var (host, listing, coHost, _) = await TeamAsync("reservations");
        var calendarOnly = await app.RegisterGuestAsync("cohost");
        await app.ConfirmAddressAsync(calendarOnly);
        var invitation = await InviteAsync(host, listing.Id, calendarOnly, "calendar");
        (await calendarOnly.Client.PostAsync($"/api/v1/cohosting/{invitation.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();

        var asked = await (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Is there a cot?" }))
            .ReadAsync<ConversationResponse>(HttpStatusCode.Created);

        (await app.NoticesAsync(coHost.Id)).ShouldContain(n => n.Type == "new_message");
        var inbox = await (await coHost.Client.GetAsync("/api/v1/conversations")).ReadAsync<Page<ConversationResponse>>();
        (inbox.Items.Single().Id, inbox.Items.Single().Unread).ShouldBe((asked.Id, 1));
        var reply = await (await coHost.Client.PostAsJsonAsync($"/api/v1/conversations/{asked.Id}/messages", new { text = "Yes, one travel cot." }))
            .ReadAsync<MessageResponse>(HttpStatusCode.Created);

        reply.SenderId.ShouldBe(coHost.Id);
        (await (await guest.Client.GetAsync($"/api/v1/conversations/{asked.Id}/messages")).ReadAsync<Page<MessageResponse>>()).Items[0].Text.ShouldBe("Yes, one travel cot.");
        (await app.NoticesAsync(guest.Id)).ShouldContain(n => n.Type == "new_message");
        // One inbox: the co-host's answer counts as the host side having read the question.
        (await (await host.Client.GetAsync("/api/v1/conversations")).ReadAsync<Page<ConversationResponse>>()).Items.Single().Unread.ShouldBe(0);
        (await (await calendarOnly.Client.GetAsync("/api/v1/conversations")).ReadAsync<Page<ConversationResponse>>()).Items.ShouldBeEmpty();
        await (await calendarOnly.Client.GetAsync($"/api/v1/conversations/{asked.Id}/messages")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await calendarOnly.Client.PostAsJsonAsync($"/api/v1/conversations/{asked.Id}/messages", new { text = "Hi" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
