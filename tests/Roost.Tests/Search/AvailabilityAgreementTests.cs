using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Search;

/// <summary>
/// Search decides in SQL of its own which homes are free and what a stay costs; the quote decides it in C# from the
/// calendar. Over homes with random rules (notice, window, changeover days, stay lengths, preparation nights, limits
/// on guests and pets, discounts) and random calendars (blocks, prices, minimum stays, other guests' bookings), every
/// random stay must be found by search exactly when its quote says it can be booked, and at the quote's total; and
/// the calendar must show a bookable stay's nights free at the quote's prices.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AvailabilityAgreementTests(RoostApp app)
{
    private const int Stays = 150;

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Search_finds_a_home_for_a_stay_exactly_when_its_quote_books_it_and_at_the_same_total(int seed)
    {
        var random = new Random(seed);
        var host = await app.RegisterHostAsync();
        var guest = await app.RegisterGuestAsync();
        var homes = new List<(Guid Id, double Lat, double Lng, string Settings)>();
        for (var i = 0; i < 3; i++)
        {
            var (listing, lat, lng) = await host.CreatePublishedAloneAsync();
            var settings = await ShapeAsync(host, listing.Id, random);
            await FillCalendarAsync(host, guest, listing.Id, random);
            homes.Add((listing.Id, lat, lng, settings));
        }

        var compared = 0;
        var bookable = 0;
        for (var i = 0; i < Stays; i++)
        {
            var (id, lat, lng, settings) = homes[random.Next(homes.Count)];
            var checkIn = TestBookings.Soon(random.Next(-1, 200));
            var checkOut = checkIn.AddDays(random.Next(10) == 0 ? random.Next(25, 40) : random.Next(1, 10));
            var (guests, pets) = (random.Next(1, 5), random.Next(6) == 0 ? random.Next(1, 3) : 0);
            var stay = $"checkIn={checkIn:yyyy-MM-dd}&checkOut={checkOut:yyyy-MM-dd}&guests={guests}&pets={pets}";

            var found = await app.CreateClient().GetAsync($"/api/v1/listings?lat={lat}&lng={lng}&radiusKm=5&{stay}");
            var quote = await app.CreateClient().GetAsync($"/api/v1/listings/{id}/quote?{stay}");
            if (found.StatusCode == HttpStatusCode.BadRequest)
            {
                continue;
            }

            found.StatusCode.ShouldBe(HttpStatusCode.OK, await found.Content.ReadAsStringAsync());
            quote.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity);
            var item = (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
                .Where(x => x.GetProperty("id").GetGuid() == id).Select(x => (JsonElement?)x).SingleOrDefault();
            var why = $"seed {seed}, {stay} at a home with {settings}; the quote said {await quote.Content.ReadAsStringAsync()}";
            if (quote.IsSuccessStatusCode)
            {
                item.ShouldNotBeNull($"search left out a home the quote books: {why}");
                var priced = (await quote.Content.ReadFromJsonAsync<Quote>(TestJson.Options))!;
                item.Value.GetProperty("total").GetProperty("amount").GetInt64().ShouldBe(priced.Total.Amount, $"search's total is the quote's: {why}");
                // And the calendar a guest reads shows those nights free, at the prices the quote charges, from a day
                // one may arrive on, for a stay as long as that day asks.
                var calendar = (await app.CreateClient().GetFromJsonAsync<CalendarResponse>($"/api/v1/listings/{id}/calendar?from={checkIn:yyyy-MM-dd}&to={checkOut:yyyy-MM-dd}", TestJson.Options))!;
                calendar.Days.ShouldAllBe(d => d.Available, $"the calendar shows the nights free: {why}");
                calendar.Days.Select(d => d.Price!.Amount).ShouldBe(priced.Nightly.Select(n => n.Price.Amount), $"the calendar's prices are the quote's: {why}");
                calendar.Days[0].CanCheckIn.ShouldBeTrue($"the calendar lets one arrive that day: {why}");
                calendar.Days[0].MinNights.ShouldBeLessThanOrEqualTo(priced.Nights, $"the calendar's minimum stay for that day: {why}");
                bookable++;
            }
            else
            {
                item.ShouldBeNull($"search found a home the quote refuses: {why}");
            }

            compared++;
        }

        compared.ShouldBeGreaterThan(Stays / 2);
        bookable.ShouldBeGreaterThan(compared / 20, "enough of the stays can be booked for the totals to be compared");
    }

    /// <summary>Random house rules and prices; what was set, for the message of a failure.</summary>
    private static async Task<string> ShapeAsync(TestUser host, Guid listingId, Random random)
    {
        string[] AnyDays() => [.. (random.Next(5) == 0
            ? Enum.GetValues<DayOfWeek>().Where(_ => random.Next(2) == 0).DefaultIfEmpty(DayOfWeek.Saturday)
            : Enum.GetValues<DayOfWeek>()).Select(d => d.ToString().ToLowerInvariant())];
        var maxGuests = random.Next(2, 7);
        var settings = new Dictionary<string, object>
        {
            ["minNights"] = random.Next(1, 4),
            ["maxNights"] = random.Next(5, 60),
            ["advanceNoticeDays"] = random.Next(0, 4),
            ["bookingWindowMonths"] = random.Next(1, 12),
            ["preparationNights"] = random.Next(0, 3),
            ["checkInDays"] = AnyDays(),
            ["checkOutDays"] = AnyDays(),
            ["maxGuests"] = maxGuests,
            ["maxPets"] = random.Next(0, 3),
            ["petFee"] = random.Next(0, 3) * 1500,
            ["weekendPrice"] = random.Next(2) * 26_000,
            ["extraGuestFee"] = random.Next(2) * 1_000,
            ["extraGuestsAfter"] = random.Next(1, Math.Min(4, maxGuests + 1)),
            ["weeklyDiscountPercent"] = random.Next(0, 20),
            ["monthlyDiscountPercent"] = random.Next(0, 40),
            ["lastMinuteDiscountPercent"] = random.Next(0, 30),
            ["lastMinuteDays"] = random.Next(1, 15),
            ["earlyBirdDiscountPercent"] = random.Next(0, 30),
            ["earlyBirdMonths"] = random.Next(1, 6),
        };
        var response = await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listingId}", settings);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonSerializer.Serialize(settings);
    }

    /// <summary>Blocked runs, nights at other prices or with longer minimum stays, and some stays booked by another guest.</summary>
    private static async Task FillCalendarAsync(TestUser host, TestUser guest, Guid listingId, Random random)
    {
        for (var i = 0; i < 12; i++)
        {
            var from = TestBookings.Soon(random.Next(0, 200));
            var to = from.AddDays(random.Next(1, 6));
            object change = random.Next(3) switch
            {
                0 => new { from, to, available = false },
                1 => new { from, to, price = random.Next(50, 400) * 100L },
                _ => new { from, to, minNights = random.Next(2, 6) },
            };
            (await host.Client.PutAsJsonAsync($"/api/v1/listings/{listingId}/calendar", change)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        for (var i = 0; i < 6; i++)
        {
            var checkIn = TestBookings.Soon(random.Next(5, 200));
            var booked = await guest.Client.PostBookingAsync(TestBookings.Body(listingId, checkIn, random.Next(1, 6), guests: 1));
            booked.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity);
        }
    }
}
