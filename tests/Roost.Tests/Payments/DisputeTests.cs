using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Features.Payments;
using Roost.Platform.Http;
using Roost.Platform.Notifications;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

[Collection(ApiCollection.Name)]
public sealed class DisputeTests(RoostApp app)
{
    private readonly WebhookSignature _signature = new(RoostApp.WebhookSecret, TimeSpan.FromMinutes(5));

    private static JsonObject Dispute(string id, string intentId, long amount, string status) => new()
    {
        ["id"] = id,
        ["object"] = "dispute",
        ["amount"] = amount,
        ["currency"] = "eur",
        ["payment_intent"] = intentId,
        ["reason"] = "product_not_received",
        ["status"] = status,
        ["evidence_details"] = new JsonObject { ["due_by"] = DateTimeOffset.UtcNow.AddDays(7).ToUnixTimeSeconds() },
    };

    private async Task SendAsync(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, _signature.Sign(body, DateTimeOffset.UtcNow));
        var response = await app.CreateClient().SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<(TestUser Host, TestUser Guest, BookingResponse Booking)> BookAsync(string paymentMethod = "pm_card_visa")
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await (await guest.Client.PostBookingAsync(TestBookings.Body(listing.Id, TestBookings.Soon(60), 2, paymentMethod: paymentMethod)))
            .ReadAsync<BookingResponse>(HttpStatusCode.Created);
        return (host, guest, booking);
    }

    private static async Task<List<PaymentItem>> ItemsAsync(TestUser user, Guid bookingId) =>
        [.. (await user.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{bookingId}/payments", TestJson.Options))!.Items];

    [Fact]
    public async Task A_chargeback_is_recorded_once_admins_are_told_and_a_lost_one_is_the_platforms_cost()
    {
        var admin = await app.RegisterAdminAsync();
        var (host, guest, booking) = await BookAsync();
        var intentId = (await ItemsAsync(guest, booking.Id)).Single().GatewayReference!;
        var hostOwed = await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, booking.Id, CancellationToken.None));
        var disputeId = $"dp_test_{Guid.NewGuid():N}";
        var amount = booking.Quote.Total.Amount;

        var opened = WebhookTests.Event("charge.dispute.created", Dispute(disputeId, intentId, amount, "needs_response"), created: DateTimeOffset.UtcNow.AddSeconds(-20));
        await SendAsync(opened);
        await SendAsync(opened);

        var open = (await admin.Client.GetFromJsonAsync<Page<DisputeResponse>>("/api/v1/admin/payments/disputes?open=true&limit=50", TestJson.Options))!.Items.Single(d => d.Id == disputeId);
        (open.BookingId, open.Amount.Amount, open.Reason, open.Status, open.ClosedAt).ShouldBe((booking.Id, amount, "product_not_received", "needs_response", null));
        open.EvidenceDueBy.ShouldNotBeNull();
        var notices = await app.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == admin.Id && n.Type == PaymentDisputes.OpenedNotice).Select(n => n.Data).ToListAsync());
        notices.Count(data => data.Contains(disputeId)).ShouldBe(1);

        // Lost: the gateway keeps the money back from the platform; a second "lost" and a late, older update change nothing.
        await SendAsync(WebhookTests.Event("charge.dispute.closed", Dispute(disputeId, intentId, amount, "lost")));
        await SendAsync(WebhookTests.Event("charge.dispute.closed", Dispute(disputeId, intentId, amount, "lost")));
        await SendAsync(WebhookTests.Event("charge.dispute.updated", Dispute(disputeId, intentId, amount, "under_review"), created: DateTimeOffset.UtcNow.AddSeconds(-10)));

        var closed = (await admin.Client.GetFromJsonAsync<Page<DisputeResponse>>("/api/v1/admin/payments/disputes?limit=50", TestJson.Options))!.Items.Single(d => d.Id == disputeId);
        (closed.Status, closed.ClosedAt is null).ShouldBe(("lost", false));
        (await admin.Client.GetFromJsonAsync<Page<DisputeResponse>>("/api/v1/admin/payments/disputes?open=true&limit=50", TestJson.Options))!.Items.ShouldNotContain(d => d.Id == disputeId);
        var lost = (await ItemsAsync(admin, booking.Id)).Where(i => i.Kind == LedgerKinds.DisputeLost).ShouldHaveSingleItem();
        lost.Amount.Amount.ShouldBe(amount);
        (await ItemsAsync(host, booking.Id)).ShouldNotContain(i => i.Kind == LedgerKinds.DisputeLost);
        (await ItemsAsync(guest, booking.Id)).ShouldNotContain(i => i.Kind == LedgerKinds.DisputeLost);
        (await app.WithDbAsync(db => Ledger.HostBalanceAsync(db, booking.Id, CancellationToken.None))).ShouldBe(hostOwed);
    }

    [Fact]
    public async Task Events_of_one_dispute_arriving_together_apply_in_turn_and_a_closed_one_stays_closed()
    {
        var admin = await app.RegisterAdminAsync();
        var (_, guest, booking) = await BookAsync();
        var intentId = (await ItemsAsync(guest, booking.Id)).Single().GatewayReference!;
        var disputeId = $"dp_test_{Guid.NewGuid():N}";
        var second = DateTimeOffset.UtcNow.AddSeconds(-30);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => SendAsync(WebhookTests.Event(
            i == 0 ? "charge.dispute.created" : "charge.dispute.updated", Dispute(disputeId, intentId, 1000, "needs_response"), created: second.AddSeconds(i % 3)))));
        // Stamped the same second as the close, an update that says "under review" cannot reopen it.
        await SendAsync(WebhookTests.Event("charge.dispute.closed", Dispute(disputeId, intentId, 1000, "won"), created: second.AddSeconds(5)));
        await SendAsync(WebhookTests.Event("charge.dispute.updated", Dispute(disputeId, intentId, 1000, "under_review"), created: second.AddSeconds(5)));

        var notices = await app.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == admin.Id && n.Type == PaymentDisputes.OpenedNotice).Select(n => n.Data).ToListAsync());
        notices.Count(data => data.Contains(disputeId)).ShouldBe(1);
        var dispute = (await admin.Client.GetFromJsonAsync<Page<DisputeResponse>>("/api/v1/admin/payments/disputes?limit=50", TestJson.Options))!.Items.Single(d => d.Id == disputeId);
        (dispute.Status, dispute.OpenedAt.ToUnixTimeSeconds()).ShouldBe(("won", second.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task A_won_dispute_costs_nothing_and_the_sandbox_test_card_opens_one()
    {
        var admin = await app.RegisterAdminAsync();
        var (_, guest, booking) = await BookAsync(SandboxGateway.DisputedCard);
        booking.Status.ShouldBe(BookingStatus.Confirmed);
        var intentId = (await ItemsAsync(guest, booking.Id)).Single().GatewayReference!;

        // The sandbox's events reach the webhook through its delivery job; run it until the dispute is in.
        DisputeResponse? dispute = null;
        for (var attempt = 0; attempt < 50 && dispute is null; attempt++)
        {
            await app.WithScopeAsync(services => services.GetRequiredService<SandboxWebhooks>().DeliverAsync());
            var page = await admin.Client.GetFromJsonAsync<Page<DisputeResponse>>("/api/v1/admin/payments/disputes?open=true&limit=50", TestJson.Options);
            dispute = page!.Items.SingleOrDefault(d => d.IntentId == intentId);
            await Task.Delay(dispute is null ? 200 : 0);
        }

        dispute.ShouldNotBeNull();
        (dispute.BookingId, dispute.Status, dispute.Reason, dispute.Amount).ShouldBe((booking.Id, "needs_response", "fraudulent", booking.Quote.Total));

        await SendAsync(WebhookTests.Event("charge.dispute.closed", Dispute(dispute.Id, intentId, dispute.Amount.Amount, "won")));
        (await ItemsAsync(admin, booking.Id)).ShouldNotContain(i => i.Kind == LedgerKinds.DisputeLost);
        var graph = (await admin.Client.GraphQLAsync("{ paymentDisputes(first: 50) { items { id status bookingId } } }")).ShouldSucceed();
        graph.Data.GetProperty("paymentDisputes").GetProperty("items").EnumerateArray()
            .Single(d => d.GetProperty("id").GetString() == dispute.Id).GetProperty("status").GetString().ShouldBe("won");
        (await guest.Client.GraphQLAsync("{ paymentDisputes { items { id } } }")).FirstCode.ShouldBe("FORBIDDEN");
    }
}
