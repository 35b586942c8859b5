using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Roost.Features.Wishlists;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Wishlists;

[Collection(ApiCollection.Name)]
public sealed class WishlistCollaboratorTests(RoostApp app)
{
    [Fact]
    public async Task A_friend_with_the_invitation_link_joins_and_adds_listings_but_the_list_stays_the_owners()
    {
        var host = await app.RegisterHostAsync();
        var first = await host.CreatePublishedAsync();
        var second = await host.CreatePublishedAsync();
        var owner = await app.RegisterGuestAsync();
        var friend = await app.RegisterGuestAsync();
        var stranger = await app.RegisterGuestAsync();
        var list = await (await owner.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Porto in May" })).ReadAsync<WishlistSummary>(HttpStatusCode.Created);
        await owner.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{first.Id}", null);

        var invitation = await (await owner.Client.PostAsync($"/api/v1/wishlists/{list.Id}/invite", null)).ReadAsync<WishlistInvitation>();
        (await (await owner.Client.PostAsync($"/api/v1/wishlists/{list.Id}/invite", null)).ReadAsync<WishlistInvitation>()).ShouldBe(invitation);
        invitation.Path.ShouldBe($"/api/v1/wishlist-invitations/{invitation.Token}/join");
        invitation.Token.ShouldNotBe((await (await owner.Client.PostAsync($"/api/v1/wishlists/{list.Id}/share", null)).ReadAsync<WishlistShare>()).Token);
        await (await stranger.Client.PostAsync($"/api/v1/wishlists/{list.Id}/invite", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await app.CreateClient().PostAsync(invitation.Path, null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        var joined = await (await friend.Client.PostAsync(invitation.Path, null)).ReadAsync<WishlistSummary>();
        (joined.Id, joined.Role, joined.ListingCount).ShouldBe((list.Id, "collaborator", 1));
        (await (await friend.Client.PostAsync(invitation.Path, null)).ReadAsync<WishlistSummary>()).Id.ShouldBe(list.Id);
        await (await owner.Client.PostAsync(invitation.Path, null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await app.NoticesAsync(owner.Id)).Count(n => n.Type == "wishlist_joined").ShouldBe(1);

        // The friend plans with the owner: sees the list among theirs, adds and takes out listings.
        (await friend.Client.GetFromJsonAsync<List<WishlistSummary>>("/api/v1/wishlists", TestJson.Options))!.Single(w => w.Id == list.Id).Role.ShouldBe("collaborator");
        (await friend.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{second.Id}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await friend.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}/listings/{first.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var seen = await (await owner.Client.GetAsync($"/api/v1/wishlists/{list.Id}")).ReadAsync<WishlistResponse>();
        seen.Listings.Select(l => (l.ListingId, l.AddedBy)).ShouldBe([(second.Id, (Guid?)friend.Id)]);
        (seen.Role, seen.Owner!.UserId).ShouldBe(("owner", owner.Id));
        seen.Collaborators!.Select(c => c.UserId).ShouldBe([friend.Id]);
        (await (await friend.Client.GetAsync($"/api/v1/wishlists/{list.Id}")).ReadAsync<WishlistResponse>()).Role.ShouldBe("collaborator");
        // The share link still shows no one: not the owner, not who saved what.
        var shared = await (await app.CreateClient().GetAsync($"/api/v1/shared-wishlists/{(await (await owner.Client.PostAsync($"/api/v1/wishlists/{list.Id}/share", null)).ReadAsync<WishlistShare>()).Token}")).Content.ReadAsStringAsync();
        shared.ShouldNotContain(friend.Id.ToString());
        shared.ShouldNotContain(owner.Id.ToString());

        // Naming, deleting, sharing and inviting stay the owner's; to anyone else the list does not exist.
        await (await friend.Client.PatchAsJsonAsync($"/api/v1/wishlists/{list.Id}", new { name = "Mine now" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await friend.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await friend.Client.PostAsync($"/api/v1/wishlists/{list.Id}/share", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await friend.Client.PostAsync($"/api/v1/wishlists/{list.Id}/invite", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await friend.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}/collaborators/{owner.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Client.GetAsync($"/api/v1/wishlists/{list.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{first.Id}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // Once inviting stops, the link admits no one new; the friend stays until removed, and is told.
        (await owner.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}/invite")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await stranger.Client.PostAsync(invitation.Path, null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await friend.Client.GetAsync($"/api/v1/wishlists/{list.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}/collaborators/{friend.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await friend.Client.GetAsync($"/api/v1/wishlists/{list.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await app.NoticesAsync(friend.Id)).ShouldContain(n => n.Type == "wishlist_removed");
        await (await owner.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}/collaborators/{friend.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_collaborator_may_leave_and_closing_an_account_ends_its_lists_collaborations()
    {
        var owner = await app.RegisterGuestAsync();
        var friend = await app.RegisterGuestAsync();
        var other = await app.RegisterGuestAsync();
        var list = await (await owner.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Alps" })).ReadAsync<WishlistSummary>(HttpStatusCode.Created);
        var invitation = await (await owner.Client.PostAsync($"/api/v1/wishlists/{list.Id}/invite", null)).ReadAsync<WishlistInvitation>();
        await (await friend.Client.PostAsync(invitation.Path, null)).ReadAsync<WishlistSummary>();
        await (await other.Client.PostAsync(invitation.Path, null)).ReadAsync<WishlistSummary>();

        (await friend.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}/collaborators/{friend.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await friend.Client.GetFromJsonAsync<List<WishlistSummary>>("/api/v1/wishlists", TestJson.Options))!.ShouldNotContain(w => w.Id == list.Id);

        (await owner.Client.PostAsJsonAsync("/api/v1/me/close", new { password = owner.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await other.Client.GetAsync($"/api/v1/wishlists/{list.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await friend.Client.PostAsync(invitation.Path, null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.WishlistCollaborators.CountAsync(c => c.WishlistId == list.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task The_people_planning_a_list_vote_for_its_listings_and_votes_leave_with_the_listing_or_the_voter()
    {
        var host = await app.RegisterHostAsync();
        var cabin = await host.CreatePublishedAsync();
        var loft = await host.CreatePublishedAsync();
        var elsewhere = await host.CreatePublishedAsync();
        var owner = await app.RegisterGuestAsync();
        var friend = await app.RegisterGuestAsync();
        var stranger = await app.RegisterGuestAsync();
        var list = await (await owner.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Lakes" })).ReadAsync<WishlistSummary>(HttpStatusCode.Created);
        await owner.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{cabin.Id}", null);
        await owner.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{loft.Id}", null);
        var invitation = await (await owner.Client.PostAsync($"/api/v1/wishlists/{list.Id}/invite", null)).ReadAsync<WishlistInvitation>();
        await (await friend.Client.PostAsync(invitation.Path, null)).ReadAsync<WishlistSummary>();

        foreach (var voter in new[] { owner, friend, friend })
        {
            (await voter.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{cabin.Id}/vote", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await friend.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{loft.Id}/vote", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await friend.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{elsewhere.Id}/vote", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{cabin.Id}/vote", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var seen = await (await owner.Client.GetAsync($"/api/v1/wishlists/{list.Id}")).ReadAsync<WishlistResponse>();
        seen.Listings.Single(l => l.ListingId == cabin.Id).ShouldSatisfyAllConditions(l => l.Votes.ShouldBe(2), l => l.VotedByMe.ShouldBe(true));
        seen.Listings.Single(l => l.ListingId == loft.Id).ShouldSatisfyAllConditions(l => l.Votes.ShouldBe(1), l => l.VotedByMe.ShouldBe(false));
        var share = await (await owner.Client.PostAsync($"/api/v1/wishlists/{list.Id}/share", null)).ReadAsync<WishlistShare>();
        (await (await app.CreateClient().GetAsync(share.Path)).ReadAsync<WishlistResponse>()).Listings.ShouldAllBe(l => l.Votes == null && l.VotedByMe == null);

        // Taking a vote back, twice, leaves the owner's; a listing taken out takes its votes; a friend who leaves, theirs.
        (await owner.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}/listings/{cabin.Id}/vote")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}/listings/{cabin.Id}/vote")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}/listings/{loft.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.WithDbAsync(db => db.WishlistVotes.Where(v => v.WishlistId == list.Id).Select(v => new { v.ListingId, v.UserId }).ToListAsync()))
            .ShouldBe([new { ListingId = cabin.Id, UserId = friend.Id }]);
        (await friend.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}/collaborators/{friend.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await owner.Client.GetAsync($"/api/v1/wishlists/{list.Id}")).ReadAsync<WishlistResponse>()).Listings.Single().Votes.ShouldBe(0);

        (await owner.Client.GraphQLAsync("mutation($w: ID!, $l: ID!) { voteForWishlistListing(wishlistId: $w, listingId: $l) }", new { w = list.Id, l = cabin.Id })).ShouldSucceed();
        var graph = (await owner.Client.GraphQLAsync("query($id: ID!) { wishlist(id: $id) { listings { listingId votes votedByMe addedBy } } }", new { id = list.Id }))
            .ShouldSucceed().Data.GetProperty("wishlist").GetProperty("listings")[0];
        (graph.GetProperty("votes").GetInt32(), graph.GetProperty("votedByMe").GetBoolean(), graph.GetProperty("addedBy").GetGuid()).ShouldBe((1, true, owner.Id));
        (await owner.Client.GraphQLAsync("mutation($w: ID!, $l: ID!) { withdrawWishlistVote(wishlistId: $w, listingId: $l) }", new { w = list.Id, l = cabin.Id })).ShouldSucceed();
        (await app.WithDbAsync(db => db.WishlistVotes.CountAsync(v => v.WishlistId == list.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task The_people_planning_a_list_leave_notes_on_its_listings_that_only_they_see()
    {
        var host = await app.RegisterHostAsync();
        var cabin = await host.CreatePublishedAsync();
        var elsewhere = await host.CreatePublishedAsync();
        var owner = await app.RegisterGuestAsync();
        var friend = await app.RegisterGuestAsync();
        var stranger = await app.RegisterGuestAsync();
        var list = await (await owner.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Coast" })).ReadAsync<WishlistSummary>(HttpStatusCode.Created);
        await owner.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{cabin.Id}", null);
        var invitation = await (await owner.Client.PostAsync($"/api/v1/wishlists/{list.Id}/invite", null)).ReadAsync<WishlistInvitation>();
        await (await friend.Client.PostAsync(invitation.Path, null)).ReadAsync<WishlistSummary>();
        Task<HttpResponseMessage> NoteAsync(TestUser who, Guid listing, string? note) =>
            who.Client.PutAsJsonAsync($"/api/v1/wishlists/{list.Id}/listings/{listing}/note", new { note });
        async Task<WishlistNote?> SeenAsync(TestUser who) =>
            (await (await who.Client.GetAsync($"/api/v1/wishlists/{list.Id}")).ReadAsync<WishlistResponse>()).Listings.Single().Note;

        (await NoteAsync(owner, cabin.Id, "  Ask about parking.  ")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SeenAsync(friend)).ShouldSatisfyAllConditions(n => n!.Text.ShouldBe("Ask about parking."), n => n!.By.ShouldBe(owner.Id));
        // One note a listing: the last word is kept, with who wrote it.
        (await NoteAsync(friend, cabin.Id, "Parking is free; sea view from the loft.")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SeenAsync(owner)).ShouldSatisfyAllConditions(n => n!.Text.ShouldBe("Parking is free; sea view from the loft."), n => n!.By.ShouldBe(friend.Id));

        await (await NoteAsync(stranger, cabin.Id, "mine")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await NoteAsync(friend, elsewhere.Id, "not on the list")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await NoteAsync(friend, cabin.Id, new string('x', 501))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var share = await (await owner.Client.PostAsync($"/api/v1/wishlists/{list.Id}/share", null)).ReadAsync<WishlistShare>();
        (await (await app.CreateClient().GetAsync(share.Path)).Content.ReadAsStringAsync()).ShouldNotContain("Parking");

        // What someone wrote goes with their account; an empty note takes it away.
        (await friend.Client.PostAsJsonAsync("/api/v1/me/close", new { password = friend.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SeenAsync(owner)).ShouldBeNull();
        (await owner.Client.GraphQLAsync("mutation($w: ID!, $l: ID!) { setWishlistNote(wishlistId: $w, listingId: $l, note: \"Book by Friday\") }", new { w = list.Id, l = cabin.Id })).ShouldSucceed();
        (await owner.Client.GraphQLAsync("query($id: ID!) { wishlist(id: $id) { listings { note { text by } } } }", new { id = list.Id })).ShouldSucceed()
            .Data.GetProperty("wishlist").GetProperty("listings")[0].GetProperty("note").GetProperty("text").GetString().ShouldBe("Book by Friday");
        (await NoteAsync(owner, cabin.Id, "")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SeenAsync(owner)).ShouldBeNull();
    }

    [Fact]
    public async Task A_list_takes_at_most_twenty_collaborators_even_when_two_join_at_once_for_the_last_place()
    {
        var owner = await app.RegisterGuestAsync();
        var list = await (await owner.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Big trip" })).ReadAsync<WishlistSummary>(HttpStatusCode.Created);
        var invitation = await (await owner.Client.PostAsync($"/api/v1/wishlists/{list.Id}/invite", null)).ReadAsync<WishlistInvitation>();
        for (var i = 0; i < Wishlist.MaxCollaborators - 1; i++)
        {
            await (await (await app.RegisterGuestAsync()).Client.PostAsync(invitation.Path, null)).ReadAsync<WishlistSummary>();
        }

        var lastTwo = new[] { await app.RegisterGuestAsync(), await app.RegisterGuestAsync() };
        await using var holder = new NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync();
        await using (var hold = await holder.BeginTransactionAsync())
        {
            // New collaborators wait for the test while reads go on, so both joins get as far as they can before either
            // adds itself: without the list's row lock each would count 19 and both would join.
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE wishlist_collaborators IN SHARE MODE", holder, hold))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            var joins = lastTwo.Select(u => u.Client.PostAsync(invitation.Path, null)).ToArray();
            await WaitForLockWaitersAsync(holder.ProcessID, count: 2);
            await hold.RollbackAsync();
            var answers = await Task.WhenAll(joins);
            answers.Select(a => a.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity]);
        }

        (await app.WithDbAsync(db => db.WishlistCollaborators.CountAsync(c => c.WishlistId == list.Id))).ShouldBe(Wishlist.MaxCollaborators);
    }

    /// <summary>Returns once this many of the app's statements on wishlists wait on a lock (the test's, or each other's).</summary>
    private async Task WaitForLockWaitersAsync(int holderPid, int count)
    {
        await using var watcher = new NpgsqlConnection(app.ConnectionString);
        await watcher.OpenAsync();
        for (var attempt = 0; attempt < 400; attempt++)
        {
            await using var probe = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%wishlist%' AND pid <> $1", watcher)
            {
                Parameters = { new() { Value = holderPid } },
            };
            if ((long)(await probe.ExecuteScalarAsync())! >= count)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Fewer than {count} joins came to wait.");
    }

    [Fact]
    public async Task Collaborators_plan_through_GraphQL_too()
    {
        var owner = await app.RegisterGuestAsync();
        var friend = await app.RegisterGuestAsync();
        var list = await (await owner.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Islands" })).ReadAsync<WishlistSummary>(HttpStatusCode.Created);

        var token = (await owner.Client.GraphQLAsync("mutation($id: ID!) { inviteToWishlist(id: $id) { token path } }", new { id = list.Id }))
            .ShouldSucceed().Data.GetProperty("inviteToWishlist").GetProperty("token").GetString();
        var joined = (await friend.Client.GraphQLAsync("mutation($t: String!) { joinWishlist(token: $t) { id role owner { userId } collaborators { userId } } }", new { t = token }))
            .ShouldSucceed().Data.GetProperty("joinWishlist");
        joined.GetProperty("role").GetString().ShouldBe("collaborator");
        joined.GetProperty("owner").GetProperty("userId").GetGuid().ShouldBe(owner.Id);
        joined.GetProperty("collaborators")[0].GetProperty("userId").GetGuid().ShouldBe(friend.Id);
        (await friend.Client.GraphQLAsync("mutation($w: ID!, $u: ID!) { removeWishlistCollaborator(wishlistId: $w, userId: $u) }", new { w = list.Id, u = friend.Id }))
            .ShouldSucceed();
        (await owner.Client.GraphQLAsync("mutation($id: ID!) { stopInvitingToWishlist(id: $id) }", new { id = list.Id })).ShouldSucceed();
        (await app.WithDbAsync(db => db.WishlistCollaborators.CountAsync(c => c.WishlistId == list.Id))).ShouldBe(0);
    }
}
