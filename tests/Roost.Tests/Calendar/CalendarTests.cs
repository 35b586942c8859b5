using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Calendar;

[Collection(ApiCollection.Name)]
public sealed class CalendarTests(RoostApp app)
{
    // A Monday far enough ahead to be inside no advance notice and within a 12-month booking window from any test run.
    private static readonly DateOnly Monday = NextMonday(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30));

    [Fact]
    public async Task A_range_write_shows_night_by_night_with_base_weekend_and_override_prices()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync(TestListings.CompleteInput(nightlyPrice: 10000, weekendPrice: 15000));

        var write = await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar",
            new { from = Monday.AddDays(2), to = Monday.AddDays(5), price = 22000, minNights = 3 });
        write.StatusCode.ShouldBe(HttpStatusCode.OK, await write.Content.ReadAsStringAsync());

        var days = await ReadAsync(app.CreateClient(), listing.Id, Monday, Monday.AddDays(7));
        days.Select(d => d.Price!.Amount).ShouldBe([10000, 10000, 22000, 22000, 22000, 15000, 10000]);
        days.Select(d => d.MinNights).ShouldBe([1, 1, 3, 3, 3, 1, 1]);
        days.ShouldAllBe(d => d.Available && d.Price!.Currency == "EUR" && d.Reason == null);
    }

    [Fact]
    public async Task Blocks_merge_unblocking_splits_them_and_reset_returns_to_the_listing_prices()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync(TestListings.CompleteInput(nightlyPrice: 10000, weekendPrice: null));
        var url = $"/api/v1/listings/{listing.Id}/calendar";

        await host.Client.PutAsJsonAsync(url, new { from = Monday, to = Monday.AddDays(3), available = false, price = 12000 });
        await host.Client.PutAsJsonAsync(url, new { from = Monday.AddDays(3), to = Monday.AddDays(6), available = false });
        await host.Client.PutAsJsonAsync(url, new { from = Monday.AddDays(2), to = Monday.AddDays(4), available = true });

        var days = await ReadAsync(host.Client, listing.Id, Monday, Monday.AddDays(7));
        days.Select(d => d.Available).ShouldBe([false, false, true, true, false, false, true]);
        days[0].Reason.ShouldBe("blocked");
        var blocks = await app.WithDbAsync(db => db.Occupancies.Where(o => o.ListingId == listing.Id).OrderBy(o => o.StartsOn).ToListAsync());
        blocks.Select(b => (b.StartsOn, b.EndsOn)).ShouldBe([(Monday, Monday.AddDays(2)), (Monday.AddDays(4), Monday.AddDays(6))]);

        await host.Client.PutAsJsonAsync(url, new { from = Monday, to = Monday.AddDays(7), resetOverrides = true });
        (await ReadAsync(host.Client, listing.Id, Monday, Monday.AddDays(2))).ShouldAllBe(d => d.Price!.Amount == 10000);
    }

    [Fact]
    public async Task Booked_and_imported_nights_are_unavailable_and_a_block_over_them_keeps_them()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        await app.WithDbAsync(async db =>
        {
            db.Occupancies.Add(Occupancy.Booking(listing.Id, new NightRange(Monday.AddDays(1), Monday.AddDays(3)), preparationNights: 1, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });

        var blocked = await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar", new { from = Monday, to = Monday.AddDays(6), available = false });
        blocked.StatusCode.ShouldBe(HttpStatusCode.OK);

        var days = await ReadAsync(host.Client, listing.Id, Monday, Monday.AddDays(7));
        days.Select(d => d.Reason).ShouldBe(["blocked", "booked", "booked", "blocked", "blocked", "blocked", null]);
        (await ReadAsync(app.CreateClient(), listing.Id, Monday, Monday.AddDays(7))).ShouldAllBe(d => d.Reason == null);

        await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar", new { from = Monday, to = Monday.AddDays(6), available = true });
        (await ReadAsync(host.Client, listing.Id, Monday, Monday.AddDays(5))).Select(d => d.Reason).ShouldBe([null, "booked", "booked", "preparation", null]);
    }

    [Fact]
    public async Task The_database_refuses_overlapping_occupancies_and_bookings_inside_preparation_time()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var now = DateTimeOffset.UtcNow;
        await AddAsync(Occupancy.Booking(listing.Id, new NightRange(Monday, Monday.AddDays(3)), 2, now));

        var overlap = await Should.ThrowAsync<DbUpdateException>(() => AddAsync(Occupancy.HostBlock(listing.Id, new NightRange(Monday.AddDays(2), Monday.AddDays(4)), now)));
        overlap.IsExclusionViolation().ShouldBeTrue();
        var tooSoon = await Should.ThrowAsync<DbUpdateException>(() => AddAsync(Occupancy.Booking(listing.Id, new NightRange(Monday.AddDays(4), Monday.AddDays(6)), 2, now)));
        tooSoon.IsExclusionViolation().ShouldBeTrue();

        // Checkout day is free: a host block may start on it, and a booking after the preparation nights is fine.
        await AddAsync(Occupancy.HostBlock(listing.Id, new NightRange(Monday.AddDays(3), Monday.AddDays(4)), now));
        await AddAsync(Occupancy.Booking(listing.Id, new NightRange(Monday.AddDays(5), Monday.AddDays(7)), 2, now));
    }

    [Fact]
    public async Task The_longest_preparation_time_keeps_its_last_night_and_the_database_refuses_a_longer_one()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var now = DateTimeOffset.UtcNow;
        await AddAsync(Occupancy.Booking(listing.Id, new NightRange(Monday, Monday.AddDays(2)), Listing.MaxPreparationNights, now));

        // Read from the last preparation night on: the stay itself lies wholly before the range.
        var lastPreparationNight = Monday.AddDays(2 + Listing.MaxPreparationNights - 1);
        (await ReadAsync(host.Client, listing.Id, lastPreparationNight, lastPreparationNight.AddDays(2))).Select(d => d.Reason).ShouldBe(["preparation", null]);

        var tooLong = await Should.ThrowAsync<DbUpdateException>(() => AddAsync(
            Occupancy.Booking(listing.Id, new NightRange(Monday.AddDays(60), Monday.AddDays(62)), Listing.MaxPreparationNights + 1, now)));
        (tooLong.InnerException as Npgsql.PostgresException)!.ConstraintName.ShouldBe("ck_occupancies_buffer");
    }

    [Fact]
    public async Task A_booking_claims_nights_only_on_a_published_listing_and_a_host_still_blocks_an_unlisted_one()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var now = DateTimeOffset.UtcNow;
        var claimed = await app.WithDbAsync(db => BookingClaims.ClaimAsync(db, listing.Id, new NightRange(Monday, Monday.AddDays(2)), 0, now, CancellationToken.None));
        claimed.ShouldNotBeNull();
        (await host.Client.PostAsync($"/api/v1/listings/{listing.Id}/unpublish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await app.WithDbAsync(db => BookingClaims.ClaimAsync(db, listing.Id, new NightRange(Monday.AddDays(5), Monday.AddDays(7)), 0, now, CancellationToken.None));

        refused.ShouldBeNull();
        (await app.WithDbAsync(db => db.Occupancies.CountAsync(o => o.ListingId == listing.Id))).ShouldBe(1);
        await AddAsync(Occupancy.HostBlock(listing.Id, new NightRange(Monday.AddDays(5), Monday.AddDays(7)), now));
    }

    public static TheoryData<object> BadWrites => new()
    {
        new { from = "2030-01-05", to = "2030-01-05", available = false },
        new { from = "2030-01-05", to = "2030-01-01", available = false },
        new { from = "2030-01-01", to = "2031-01-03", available = false },
        new { from = "2030-01-01", to = "2030-01-03", price = 0 },
        new { from = "2030-01-01", to = "2030-01-03", price = 100_000_000_000L },
        new { from = "2030-01-01", to = "2030-01-03", minNights = 0 },
        new { from = "2030-01-01", to = "2030-01-03" },
        new { from = "2030-02-30", to = "2030-03-03", available = false },
        new { to = "2030-03-03", available = false },
    };

    [Theory]
    [MemberData(nameof(BadWrites))]
    public async Task A_bad_calendar_write_is_a_400_and_changes_nothing(object body)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();

        await (await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await app.WithDbAsync(db => db.Occupancies.CountAsync(o => o.ListingId == listing.Id))).ShouldBe(0);
        (await app.WithDbAsync(db => db.NightOverrides.CountAsync(o => o.ListingId == listing.Id))).ShouldBe(0);
    }

    [Theory]
    [InlineData("from=2030-01-01&to=2031-01-02")]
    [InlineData("from=2030-01-05&to=2030-01-01")]
    [InlineData("from=not-a-date")]
    public async Task A_bad_calendar_read_is_a_400(string query)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();

        await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/calendar?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    private Task<int> AddAsync(Occupancy occupancy) => app.WithDbAsync(db =>
    {
        db.Occupancies.Add(occupancy);
        return db.SaveChangesAsync();
    });

    private static async Task<List<CalendarDay>> ReadAsync(HttpClient client, Guid listingId, DateOnly from, DateOnly to)
    {
        var calendar = await client.GetFromJsonAsync<CalendarResponse>($"/api/v1/listings/{listingId}/calendar?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        return calendar!.Days.ToList();
    }

    private static DateOnly NextMonday(DateOnly date) => date.AddDays(((int)DayOfWeek.Monday - (int)date.DayOfWeek + 7) % 7);
}
