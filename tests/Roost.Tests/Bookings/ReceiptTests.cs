using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;
using Roost.Platform.Money;
using Roost.Tests.Infrastructure;
using Roost.Tests.Payments;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class ReceiptTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task The_guest_gets_a_receipt_whose_lines_add_up_to_what_the_card_paid_and_nobody_else_but_support_does()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 3);

        var receipt = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/receipt")).ReadAsync<Receipt>();

        receipt.ShouldSatisfyAllConditions(
            r => r.BilledTo.ShouldBe("Test User"),
            r => r.Address.Street.ShouldBe("Rua Augusta 1"),
            r => r.Nights.ShouldBe(3),
            r => r.Lines.Sum(l => l.Amount.Amount).ShouldBe(r.Total.Amount),
            r => r.Total.ShouldBe(booking.Quote.Total),
            r => r.Lines.ShouldContain(l => l.Item == "cleaning_fee" && l.Amount.Amount == 3000),
            r => r.Lines.ShouldNotContain(l => l.Item == "discount"),
            r => r.Payments.Single().Kind.ShouldBe("charge"),
            r => r.Paid.ShouldBe(booking.Quote.Total),
            r => r.ReceiptNumber.ShouldStartWith("RST-"));
        (await (await app.RegisterAdminAsync()).Client.GetAsync($"/api/v1/bookings/{booking.Id}/receipt")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await host.Client.GetAsync($"/api/v1/bookings/{booking.Id}/receipt")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await (await app.RegisterGuestAsync()).Client.GetAsync($"/api/v1/bookings/{booking.Id}/receipt")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_request_has_no_receipt_until_it_is_charged_and_a_changed_then_cancelled_stay_shows_every_payment()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();
        var checkIn = TestBookings.Soon(30);
        var request = await guest.BookAsync(listing.Id, checkIn, 2);

        await (await guest.Client.GetAsync($"/api/v1/bookings/{request.Id}/receipt")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await host.Client.PostAsync($"/api/v1/bookings/{request.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var change = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{request.Id}/changes", new { checkIn, checkOut = checkIn.AddDays(4), guests = 2 }))
            .ReadAsync<ChangeResponse>(HttpStatusCode.Created);
        (await host.Client.PostAsync($"/api/v1/bookings/{request.Id}/changes/{change.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await guest.Client.PostAsync($"/api/v1/bookings/{request.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var receipt = await (await guest.Client.GetAsync($"/api/v1/bookings/{request.Id}/receipt")).ReadAsync<Receipt>();

        receipt.Status.ShouldBe(BookingStatus.CancelledByGuest);
        receipt.Total.ShouldBe(change.Quote.Total);
        receipt.Payments.Select(p => p.Kind).ShouldBe(["charge", "charge", "refund", "refund"]);
        receipt.Payments[1].Reason.ShouldBe("the stay changed to a dearer one");
        receipt.Charged.Amount.ShouldBe(receipt.Payments.Where(p => p.Kind == "charge").Sum(p => p.Amount.Amount));
        receipt.Refunded.Amount.ShouldBe(receipt.Payments.Where(p => p.Kind == "refund").Sum(p => p.Amount.Amount));
        receipt.Paid.Amount.ShouldBe(receipt.Charged.Amount - receipt.Refunded.Amount);
        receipt.Paid.Amount.ShouldBe(0, "moderate, a month ahead: all of it back");
    }

    [Fact]
    public void A_month_long_stays_receipt_names_its_discount_as_a_negative_line_and_still_adds_up()
    {
        var nights = Enumerable.Range(0, 30).Select(i => new NightPrice(new DateOnly(2027, 3, 1).AddDays(i), new Money(i % 7 == 5 ? 15000 : 10000, "EUR"))).ToList();
        var quote = QuoteCalculator.Compute(
            new StayPricing(Guid.NewGuid(), new DateOnly(2027, 3, 1), new Party(2), [.. nights.Select(n => n.Price.Amount)], 3000, 0, 2, 5, 20, "EUR"),
            new PricingRates(14, 3, 6));

        var lines = Receipts.Lines(quote);

        lines.Sum(l => l.Amount.Amount).ShouldBe(quote.Total.Amount);
        lines.Single(l => l.Item == "discount").ShouldSatisfyAllConditions(
            l => l.Description.ShouldBe("Monthly discount"),
            l => l.Amount.Amount.ShouldBe(-quote.Discount.Amount),
            l => l.Amount.Amount.ShouldBeLessThan(0));
        lines.Single(l => l.Item == "accommodation").Description.ShouldBe("30 nights");
        lines.ShouldNotContain(l => l.Item == "extra_guest_fee");
    }
}
