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
public sealed class ReviewTests(RoostApp app)
{
    private static object GuestReview(int rating = 5) => new
    {
        rating,
        comment = "Lovely light, spotless.",
        privateNote = "The shower head is loose.",
        categories = new { cleanliness = 5, accuracy = 4, checkIn = 5, communication = 5, location = 4, value = 3 },
    };

    private static object HostReview(int rating = 4) => new
    {
        rating,
        comment = "Tidy, quiet guests.",
        categories = new { cleanliness = 4, houseRules = 5, communication = 4 },
    };

    [Fact]
    public async Task Reviews_stay_hidden_until_both_sides_wrote_then_publish_together_with_the_aggregates()
    {
        var (host, guest, listing, booking) = await CompletedStayAsync();

        (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", GuestReview())).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ListingReviewsAsync(listing)).Items.ShouldBeEmpty();
        (await app.CreateClient().GetFromJsonAsync<Page<ReviewResponse>>($"/api/v1/users/{host.Id}/reviews", TestJson.Options))!.Items.ShouldBeEmpty();

        (await host.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", HostReview())).StatusCode.ShouldBe(HttpStatusCode.Created);

        var reviews = await ListingReviewsAsync(listing);
        var guestSide = reviews.Items.Single();
        guestSide.Rating.ShouldBe(5);
        guestSide.PublishedAt.ShouldNotBeNull();
        reviews.Summary.Average.ShouldBe(5);
        reviews.Summary.Count.ShouldBe(1);
        reviews.Summary.Categories["value"].ShouldBe(3);
        var aboutGuest = (await app.CreateClient().GetFromJsonAsync<Page<ReviewResponse>>($"/api/v1/users/{guest.Id}/reviews", TestJson.Options))!.Items.Single();
        aboutGuest.PublishedAt.ShouldBe(guestSide.PublishedAt);
        var aboutGuestGraph = (await app.CreateClient().GraphQLAsync("query ($id: ID!) { userReviews(userId: $id) { items { id rating } } }", new { id = guest.Id }))
            .ShouldSucceed().Data.GetProperty("userReviews").GetProperty("items").EnumerateArray().Single();
        aboutGuestGraph.GetProperty("id").GetGuid().ShouldBe(aboutGuest.Id);

        var detail = (await app.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing}", TestJson.Options))!;
        detail.Rating.ShouldBe(5);
        detail.ReviewCount.ShouldBe(1);
        detail.Host.Rating.ShouldBe(5);
        var profile = (await app.CreateClient().GetFromJsonAsync<PublicProfile>($"/api/v1/users/{guest.Id}"))!;
        profile.AsGuest.ShouldBe(new RatingSummary(4, 1));
        (await app.CreateClient().GetStringAsync($"/api/v1/listings/{listing}/reviews")).ShouldNotContain("shower head");
        (await host.Client.GetFromJsonAsync<Roost.Features.Notifications.NotificationPage>("/api/v1/notifications"))!.Items.ShouldContain(n => n.Type == "review_published");
        (await guest.Client.GetFromJsonAsync<Roost.Features.Notifications.NotificationPage>("/api/v1/notifications"))!.Items.ShouldContain(n => n.Type == "review_published");
    }

    [Fact]
    public async Task When_the_window_closes_the_one_review_written_is_published_by_the_job()
    {
        var (_, guest, listing, booking) = await CompletedStayAsync();
        (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", GuestReview(3))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await PublishDueAsync();
        (await ListingReviewsAsync(listing)).Items.ShouldBeEmpty();

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET check_in = current_date - 22, check_out = current_date - 20, check_out_at = now() - interval '20 days' WHERE id = {booking}"));
        await PublishDueAsync();
        await PublishDueAsync();

        var reviews = await ListingReviewsAsync(listing);
        reviews.Items.Single().Rating.ShouldBe(3);
        reviews.Summary.Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_reviewed_host_answers_once_and_nobody_else_can()
    {
        var (host, guest, listing, booking) = await CompletedStayAsync();
        var review = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", GuestReview())).ReadAsync<ReviewResponse>(HttpStatusCode.Created);
        await (await host.Client.PostAsJsonAsync($"/api/v1/reviews/{review.Id}/response", new { text = "Too early" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var hostReview = await (await host.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", HostReview())).ReadAsync<ReviewResponse>(HttpStatusCode.Created);

        await (await guest.Client.PostAsJsonAsync($"/api/v1/reviews/{review.Id}/response", new { text = "Me too" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await guest.Client.PostAsJsonAsync($"/api/v1/reviews/{hostReview.Id}/response", new { text = "Disagree" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var answered = await (await host.Client.PostAsJsonAsync($"/api/v1/reviews/{review.Id}/response", new { text = "Thank you, come back!" })).ReadAsync<ReviewResponse>();
        answered.Response.ShouldBe("Thank you, come back!");
        await (await host.Client.PostAsJsonAsync($"/api/v1/reviews/{review.Id}/response", new { text = "Again" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await ListingReviewsAsync(listing)).Items.Single().Response.ShouldBe("Thank you, come back!");
    }

    [Fact]
    public async Task Forbidden_reviews_are_refused_and_change_nothing()
    {
        var (host, guest, listing, booking) = await CompletedStayAsync();
        var stranger = await app.RegisterGuestAsync();

        await (await stranger.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", GuestReview())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", new { rating = 5, comment = "ok" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", new { rating = 6, comment = "ok", categories = new { cleanliness = 5 } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", GuestReview())).StatusCode.ShouldBe(HttpStatusCode.Created);
        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", GuestReview(1))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var upcoming = await guest.BookAsync(listing, TestBookings.Soon(90), 2);
        await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{upcoming.Id}/reviews", GuestReview())).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET check_in = current_date - 22, check_out = current_date - 20, check_out_at = now() - interval '20 days' WHERE id = {booking}"));
        await (await host.Client.PostAsJsonAsync($"/api/v1/bookings/{booking}/reviews", HostReview())).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        (await app.WithDbAsync(db => db.Reviews.CountAsync(r => r.BookingId == booking || r.BookingId == upcoming.Id))).ShouldBe(1);
    }

    private async Task<(TestUser Host, TestUser Guest, Guid Listing, Guid Booking)> CompletedStayAsync()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(), 2);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET check_in = current_date - 3, check_out = current_date - 1, check_out_at = now() - interval '1 day' WHERE id = {booking.Id}"));
        await app.WithScopeAsync(services => services.GetRequiredService<BookingJobs>().CompleteDueAsync());
        return (host, guest, listing.Id, booking.Id);
    }

    private Task PublishDueAsync() => app.WithScopeAsync(services => services.GetRequiredService<ReviewWriting>().PublishDueAsync());

    private async Task<ListingReviews> ListingReviewsAsync(Guid listing) =>
        (await app.CreateClient().GetFromJsonAsync<ListingReviews>($"/api/v1/listings/{listing}/reviews", TestJson.Options))!;
}
