using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Features.Payments;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>
/// The process dies between the gateway's answer and our commit. These tests make the gateway call the app would
/// have made, leave our side unwritten, and check that the webhook or the reconciliation job puts it right.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RecoveryTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task A_capture_whose_accept_never_committed_is_confirmed_by_the_webhook()
    {
        var (host, guest, listing) = await SetUpAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 2);
        var intentId = await IntentOfAsync(booking.Id);

        // The accept's capture reached the gateway; then the process died before the booking was confirmed.
        await WithGatewayAsync(g => g.CaptureAsync(intentId, $"booking:{booking.Id}:capture", CancellationToken.None));
        (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Pending);

        await DeliverSandboxEventsAsync();

        var recovered = await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options);
        recovered!.Status.ShouldBe(BookingStatus.Confirmed);
        recovered.Charged.ShouldBe(booking.Quote.Total);
        recovered.Transitions[^1].Reason.ShouldBe("payment_captured");
        var payments = await guest.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        payments!.Items.ShouldHaveSingleItem().Kind.ShouldBe("charge");
        // The host's retry of the accept finds it done.
        await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_charge_with_no_booking_behind_it_is_refunded_by_reconciliation_and_reported()
    {
        var admin = await app.RegisterAdminAsync();
        var lostBooking = Guid.NewGuid();
        // Instant book charged the card; the booking's transaction then died with the process.
        var charge = await WithGatewayAsync(g => g.AuthorizeAsync(
            new PaymentRequest(43210, "EUR", "pm_card_visa", CaptureNow: true, $"booking:{lostBooking}:authorize", "lost", lostBooking.ToString(), Guid.NewGuid()), CancellationToken.None));
        await AgeAsync(charge.IntentId!);

        // The webhook alone leaves young orphans alone (the booking may still be committing)...
        await DeliverSandboxEventsAsync();
        (await SandboxIntentAsync(charge.IntentId!)).AmountRefunded.ShouldBe(0);

        // ...the reconciliation job, which only looks at payments older than that, gives the money back.
        var report = await app.WithScopeAsync<ReconciliationReport>(s => s.GetRequiredService<Reconciliation>().RunAsync());
        report.Differences.ShouldBeGreaterThanOrEqualTo(1);
        (await SandboxIntentAsync(charge.IntentId!)).AmountRefunded.ShouldBe(43210);

        var differences = await admin.Client.GetFromJsonAsync<Page<DifferenceResponse>>("/api/v1/admin/payments/reconciliation?limit=50", TestJson.Options);
        var difference = differences!.Items.First(d => d.IntentId == charge.IntentId);
        difference.GatewayCaptured.ShouldBe(43210);
        difference.LedgerCharged.ShouldBe(0);
        difference.Resolution!.ShouldStartWith("refunded 43210");
        difference.ResolvedAt.ShouldNotBeNull();

        // Run again: the books and the gateway now agree, so nothing new is reported for it.
        await app.WithScopeAsync<ReconciliationReport>(s => s.GetRequiredService<Reconciliation>().RunAsync());
        (await app.WithDbAsync(db => db.Set<ReconciliationDifference>().CountAsync(d => d.IntentId == charge.IntentId))).ShouldBe(1);
    }

    [Fact]
    public async Task Reconciliation_confirms_a_captured_request_the_webhook_never_reported()
    {
        var (_, guest, listing) = await SetUpAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 2);
        var intentId = await IntentOfAsync(booking.Id);
        await WithGatewayAsync(g => g.CaptureAsync(intentId, $"booking:{booking.Id}:capture", CancellationToken.None));
        await AgeAsync(intentId);

        await app.WithScopeAsync<ReconciliationReport>(s => s.GetRequiredService<Reconciliation>().RunAsync());

        (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Confirmed);
        var difference = await app.WithDbAsync(db => db.Set<ReconciliationDifference>().AsNoTracking().SingleAsync(d => d.IntentId == intentId));
        difference.Resolution!.ShouldStartWith("confirmed the booking");
    }

    [Fact]
    public async Task Reconciliation_reports_nothing_when_the_books_agree_with_the_gateway()
    {
        var (host, guest, listing) = await SetUpAsync();
        var pending = await guest.BookAsync(listing, TestBookings.Soon(60), 2);
        var accepted = await guest.BookAsync(listing, TestBookings.Soon(70), 2);
        (await host.Client.PostAsync($"/api/v1/bookings/{accepted.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await guest.Client.PostAsync($"/api/v1/bookings/{accepted.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var intents = new[] { await IntentOfAsync(pending.Id), await IntentOfAsync(accepted.Id) };
        foreach (var intent in intents)
        {
            await AgeAsync(intent);
        }

        await app.WithScopeAsync<ReconciliationReport>(s => s.GetRequiredService<Reconciliation>().RunAsync());

        (await app.WithDbAsync(db => db.Set<ReconciliationDifference>().CountAsync(d => intents.Contains(d.IntentId)))).ShouldBe(0);
        (await guest.Client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{pending.Id}", TestJson.Options))!.Status.ShouldBe(BookingStatus.Pending);
        (await SandboxIntentAsync(intents[0])).Status.ShouldBe(IntentStatus.RequiresCapture);
    }

    [Fact]
    public async Task The_sandbox_delivers_signed_events_through_the_webhook_handler()
    {
        var (_, guest, listing) = await SetUpAsync(instantBook: true);
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 2);
        var intentId = await IntentOfAsync(booking.Id);

        await DeliverSandboxEventsAsync();

        var intent = await app.WithDbAsync(db => db.Set<GatewayIntent>().AsNoTracking().SingleAsync(i => i.Id == intentId));
        intent.Status.ShouldBe("succeeded");
        intent.Captured.ShouldBe(booking.Quote.Total.Amount);
        intent.Reference.ShouldBe(booking.Id.ToString());
        (await app.WithDbAsync(db => db.Set<SandboxEvent>().CountAsync(e => e.Payload.Contains(intentId) && e.DeliveredAt == null))).ShouldBe(0);
    }

    private async Task<(TestUser Host, TestUser Guest, Guid Listing)> SetUpAsync(bool instantBook = false)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook, cancellationPolicy = "flexible" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (host, await app.RegisterGuestAsync(), listing.Id);
    }

    private Task<string> IntentOfAsync(Guid bookingId) =>
        app.WithDbAsync(db => db.Bookings.Where(b => b.Id == bookingId).Select(b => b.PaymentIntentId!).SingleAsync());

    private Task<SandboxIntent> SandboxIntentAsync(string intentId) =>
        app.WithDbAsync(db => db.Set<SandboxIntent>().AsNoTracking().SingleAsync(i => i.Id == intentId));

    /// <summary>Moves a payment back in time, past the grace that protects bookings still committing.</summary>
    private Task AgeAsync(string intentId) => app.WithDbAsync(db =>
        db.Set<SandboxIntent>().Where(i => i.Id == intentId).ExecuteUpdateAsync(i => i.SetProperty(x => x.CreatedAt, DateTimeOffset.UtcNow.AddHours(-1))));

    private Task<T> WithGatewayAsync<T>(Func<IPaymentGateway, Task<T>> call) =>
        app.WithScopeAsync(s => call(s.GetRequiredService<IPaymentGateway>()));

    private Task DeliverSandboxEventsAsync() => app.WithScopeAsync<int>(s => s.GetRequiredService<SandboxWebhooks>().DeliverAsync());
}
