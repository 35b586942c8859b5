using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Platform.Http;
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
        again.Content.Headers.ContentType.ShouldBe(first.Content.Headers.ContentType);
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
        var bytes = await JsonContent.Create(TestBookings.Body(listing, TestBookings.Soon(), 2)).ReadAsByteArrayAsync();
        // The state a first request leaves while it runs: claimed, no answer yet.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO idempotency_keys (scope, key, request_hash, started_at, expires_at) VALUES ({guest.Id.ToString("N")}, 'busy-key', {BookingRequestHash(bytes)}, now(), now() + interval '1 day')"));

        await (await guest.Client.SendAsync(BookingRequest(bytes, "busy-key"))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
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

    [Fact]
    public async Task A_booking_and_its_stored_answer_land_together_so_a_retry_after_a_crash_replays_it()
    {
        var (guest, listing) = await SetUpAsync();
        var bytes = await JsonContent.Create(TestBookings.Body(listing, TestBookings.Soon(), 2)).ReadAsByteArrayAsync();
        var scopeName = guest.Id.ToString("N");

        // The feature alone, as when the process dies right after the booking commits: nothing after it writes the answer.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            (await services.GetRequiredService<IdempotencyKeys>().ClaimAsync(scopeName, "crash-key", BookingRequestHash(bytes))).State.ShouldBe(ClaimState.Claimed);
            services.GetRequiredService<IdempotentAnswer>().Hold(scopeName, "crash-key", StatusCodes.Status201Created, "application/json; charset=utf-8");
            var request = JsonSerializer.Deserialize<CreateBookingRequest>(bytes, TestJson.Options)!;
            (await services.GetRequiredService<BookingRequests>().CreateAsync(guest.Id, request, CancellationToken.None)).Succeeded.ShouldBeTrue();
        }

        var retry = await guest.Client.SendAsync(BookingRequest(bytes, "crash-key"));
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        var replayed = await retry.Content.ReadFromJsonAsync<BookingResponse>(TestJson.Options);
        (await app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.ListingId == listing))).Id.ShouldBe(replayed!.Id);
    }

    private static string BookingRequestHash(byte[] body) =>
        Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes("POST /api/v1/bookings\n"), .. body]));

    private static HttpRequestMessage BookingRequest(byte[] body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<(TestUser Guest, Guid Listing)> SetUpAsync()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        return (await app.RegisterGuestAsync(), listing.Id);
    }
}
