using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Bookings;
using Roost.Tests.Infrastructure;
using Roost.Tests.Payments;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task The_same_key_and_body_replays_the_stored_answer_byte_for_byte_without_a_second_booking()
    {
        var (guest, listing) = await SetUpAsync();
        var body = TestBookings.Body(listing, TestBookings.Soon(), 2);

        var first = await guest.Client.PostBookingAsync(body, "trip-to-lisbon-1");
        var again = await guest.Client.PostBookingAsync(body, "trip-to-lisbon-1");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await again.Content.ReadAsByteArrayAsync()).ShouldBe(await first.Content.ReadAsByteArrayAsync());
        again.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.ListingId == listing))).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422()
    {
        var (guest, listing) = await SetUpAsync();
        (await guest.Client.PostBookingAsync(TestBookings.Body(listing, TestBookings.Soon(), 2), "k-1")).StatusCode.ShouldBe(HttpStatusCode.Created);

        await (await guest.Client.PostBookingAsync(TestBookings.Body(listing, TestBookings.Soon(10), 2), "k-1")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.ListingId == listing))).ShouldBe(1);
    }

    [Fact]
    public async Task A_key_whose_first_request_is_still_running_is_a_409()
    {
        var (guest, listing) = await SetUpAsync();
        var json = JsonContent.Create(TestBookings.Body(listing, TestBookings.Soon(), 2));
        var bytes = await json.ReadAsByteArrayAsync();
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes("POST /api/v1/bookings\n"), .. bytes]));
        // The state a first request leaves while it runs: claimed, no answer yet.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO idempotency_keys (scope, key, request_hash, started_at, expires_at) VALUES ({guest.Id.ToString("N")}, 'busy-key', {hash}, now(), now() + interval '1 day')"));

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Idempotency-Key", "busy-key");
        await (await guest.Client.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.ListingId == listing))).ShouldBe(0);
    }

    [Fact]
    public async Task Keys_expire_after_24_hours_and_are_per_user()
    {
        var (guest, listing) = await SetUpAsync();
        await guest.Client.PostBookingAsync(TestBookings.Body(listing, TestBookings.Soon(), 2), "shared-name");
        var other = await app.RegisterGuestAsync();
        (await other.Client.PostBookingAsync(TestBookings.Body(listing, TestBookings.Soon(10), 2), "shared-name")).StatusCode.ShouldBe(HttpStatusCode.Created);

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'shared-name'"));
        (await guest.Client.PostBookingAsync(TestBookings.Body(listing, TestBookings.Soon(20), 2), "shared-name")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Booking_without_a_key_is_a_400_and_answers_may_carry_one()
    {
        var (guest, listing) = await SetUpAsync();
        await (await guest.Client.PostAsJsonAsync("/api/v1/bookings", TestBookings.Body(listing, TestBookings.Soon(), 2))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var booking = await guest.BookAsync(listing, TestBookings.Soon(), 2);
        var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/cancel");
        cancel.Headers.Add("Idempotency-Key", "cancel-1");
        var first = await guest.Client.SendAsync(cancel);
        var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/cancel");
        retry.Headers.Add("Idempotency-Key", "cancel-1");
        var second = await guest.Client.SendAsync(retry);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
    }

    private async Task<(TestUser Guest, Guid Listing)> SetUpAsync()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        return (await app.RegisterGuestAsync(), listing.Id);
    }
}
