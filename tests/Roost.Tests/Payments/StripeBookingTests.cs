using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>Roost configured for Stripe, talking to a local server that speaks Stripe's API.</summary>
public sealed class StripeApp(string stripeBase) : RoostApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Payments:Gateway"] = "stripe",
        ["Payments:Stripe:SecretKey"] = "sk_test_fake",
        ["Payments:Stripe:ApiBase"] = stripeBase,
        ["Payments:WebhookSecret"] = "whsec_fake",
    };
}

public sealed class StripeBookingTests
{
    [Fact]
    public async Task A_longer_stay_is_charged_later_to_the_card_saved_when_the_guest_booked()
    {
        await using var stripe = new FakeStripe();
        await stripe.StartAsync();
        await using var app = new StripeApp(stripe.BaseUrl);
        await app.InitializeAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();
        var checkIn = TestBookings.Soon(30);

        var booking = await guest.BookAsync(listing.Id, checkIn, 3);
        booking.Status.ShouldBe(BookingStatus.Confirmed);
        var change = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", new { checkIn, checkOut = checkIn.AddDays(4), guests = 2 }))
            .ReadAsync<ChangeResponse>(HttpStatusCode.Created);
        (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{change.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var customer = stripe.Calls.Where(c => c.Path == "/v1/customers").ShouldHaveSingleItem();
        customer.Form["email"].ShouldBe(guest.Email);
        var intents = stripe.Calls.Where(c => c.Path == "/v1/payment_intents").ToList();
        intents.Count.ShouldBe(2);
        intents[0].Form.ShouldSatisfyAllConditions(
            f => f["customer"].ShouldBe("cus_fake_1"),
            f => f["payment_method"].ShouldBe("pm_card_visa"),
            f => f["setup_future_usage"].ShouldBe("off_session"));
        intents[1].Form.ShouldSatisfyAllConditions(
            f => f["customer"].ShouldBe("cus_fake_1"),
            f => f["payment_method"].ShouldBe("pm_fake_saved_1"),
            f => f["off_session"].ShouldBe("true"),
            f => f.ContainsKey("setup_future_usage").ShouldBeFalse());
        var changed = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>();
        changed.CheckOut.ShouldBe(checkIn.AddDays(4));
        changed.Charged.Amount.ShouldBe(booking.Charged.Amount + long.Parse(intents[1].Form["amount"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
