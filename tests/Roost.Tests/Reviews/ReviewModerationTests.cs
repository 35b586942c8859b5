using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Features.Reviews;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Reviews;

[Collection(ApiCollection.Name)]
public sealed class ReviewModerationTests(RoostApp app)
{
    private static readonly object Reason = new { reason = "Insults the host" };

    [Fact]
    public async Task A_removed_review_leaves_every_list_and_the_ratings_are_counted_again_without_it()
    {
        var admin = await app.RegisterAdminAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var fair = await PublishedGuestReviewAsync(host, listing.Id, daysAgo: 10, rating: 5, cleanliness: 5);
        var abusive = await PublishedGuestReviewAsync(host, listing.Id, daysAgo: 3, rating: 1, cleanliness: 1);
        (await DetailAsync(listing.Id)).Rating.ShouldBe(3);

        (await admin.Client.PostAsJsonAsync($"/api/v1/admin/reviews/{abusive.Review}/remove", Reason)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var reviews = (await app.CreateClient().GetFromJsonAsync<ListingReviews>($"/api/v1/listings/{listing.Id}/reviews", TestJson.Options))!;
        reviews.Items.Select(r => r.Id).ShouldBe([fair.Review]);
        reviews.Summary.Average.ShouldBe(5);
        reviews.Summary.Count.ShouldBe(1);
        reviews.Summary.Categories["cleanliness"].ShouldBe(5);
        var detail = await DetailAsync(listing.Id);
        (detail.Rating, detail.ReviewCount).ShouldBe((5, 1));
        (await app.CreateClient().GetFromJsonAsync<PublicProfile>($"/api/v1/users/{host.Id}", TestJson.Options))!.AsHost.ShouldBe(new RatingSummary(5, 1));
        (await app.CreateClient().GetFromJsonAsync<Page<ReviewResponse>>($"/api/v1/users/{host.Id}/reviews", TestJson.Options))!.Items
            .ShouldNotContain(r => r.Id == abusive.Review);
        (await app.NoticesAsync(abusive.Guest.Id)).ShouldContain(n => n.Type == "review_removed" && n.Body.Contains("Insults the host"));
        await (await host.Client.PostAsJsonAsync($"/api/v1/reviews/{abusive.Review}/response", new { text = "Thanks" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await admin.Client.GetFromJsonAsync<Page<Roost.Features.Admin.AuditEntryResponse>>($"/api/v1/admin/audit?targetId={abusive.Review}", TestJson.Options))!
            .Items.Single().ShouldSatisfyAllConditions(e => e.Action.ShouldBe("remove_review"), e => e.ActorId.ShouldBe(admin.Id), e => e.Reason.ShouldBe("Insults the host"));

        // The last one out leaves no rating at all, not a stale one.
        (await admin.Client.PostAsJsonAsync($"/api/v1/admin/reviews/{fair.Review}/remove", Reason)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        detail = await DetailAsync(listing.Id);
        (detail.Rating, detail.ReviewCount).ShouldBe((null, 0));
    }

    [Fact]
    public async Task Only_admins_remove_reviews_and_only_published_ones_once()
    {
        var admin = await app.RegisterAdminAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var published = await PublishedGuestReviewAsync(host, listing.Id, daysAgo: 5, rating: 2, cleanliness: 2);

        await (await host.Client.PostAsJsonAsync($"/api/v1/admin/reviews/{published.Review}/remove", Reason)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await host.Client.GraphQLAsync("mutation($id: ID!) { removeReview(id: $id, input: { reason: \"Unfair\" }) }", new { id = published.Review })).FirstCode.ShouldBe("FORBIDDEN");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/reviews/{Guid.NewGuid()}/remove", Reason)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await admin.Client.GraphQLAsync("mutation($id: ID!) { removeReview(id: $id, input: { reason: \"Abuse\" }) }", new { id = published.Review })).ShouldSucceed();
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/reviews/{published.Review}/remove", Reason)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var waiting = await app.RegisterGuestAsync();
        var booking = await StayAsync(waiting, listing.Id, daysAgo: 12);
        var unpublished = await (await waiting.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", GuestReview(3, 3))).ReadAsync<ReviewResponse>(HttpStatusCode.Created);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/reviews/{unpublished.Id}/remove", Reason)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    private static object GuestReview(int rating, int cleanliness) => new
    {
        rating,
        comment = "Our stay.",
        categories = new { cleanliness, accuracy = rating, checkIn = rating, communication = rating, location = rating, value = rating },
    };

    /// <summary>A stay that ended <paramref name="daysAgo"/> days ago, reviewed by both sides, so the guest's review is published.</summary>
    private async Task<(TestUser Guest, Guid Review)> PublishedGuestReviewAsync(TestUser host, Guid listingId, int daysAgo, int rating, int cleanliness)
    {
        var guest = await app.RegisterGuestAsync();
        var booking = await StayAsync(guest, listingId, daysAgo);
        var review = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", GuestReview(rating, cleanliness))).ReadAsync<ReviewResponse>(HttpStatusCode.Created);
        (await host.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", new { rating = 5, comment = "Fine.", categories = new { cleanliness = 5, houseRules = 5, communication = 5 } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        return (guest, review.Id);
    }

    private async Task<Guid> StayAsync(TestUser guest, Guid listingId, int daysAgo)
    {
        var booking = await guest.BookAsync(listingId, TestBookings.Soon(30 + daysAgo), 2);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE bookings SET check_in = current_date - {daysAgo + 2}, check_out = current_date - {daysAgo}, check_out_at = now() - make_interval(days => {daysAgo}) WHERE id = {booking.Id}"));
        await app.WithScopeAsync(services => services.GetRequiredService<BookingJobs>().CompleteDueAsync());
        return booking.Id;
    }

    private async Task<ListingResponse> DetailAsync(Guid listingId) =>
        (await app.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listingId}", TestJson.Options))!;
}
