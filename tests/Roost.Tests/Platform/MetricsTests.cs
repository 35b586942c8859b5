using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Platform.Notifications;
using Roost.Platform.Observability;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

/// <summary>
/// An app of their own, run when no other test runs: the test apps share one process, and OpenTelemetry stops
/// reporting every meter of a name when any meter of that name is disposed (open-telemetry/opentelemetry-dotnet#6412),
/// so another test app shutting down mid-test would take this one's request metrics with it. One app per process,
/// as in production, has no such neighbour.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<RoostApp>
{
    public const string Name = "Metrics";
}

[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(RoostApp app)
{
    [Fact]
    public async Task Prometheus_metrics_count_requests_by_route_for_the_holder_of_the_scrape_token_only()
    {
        var client = app.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await client.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", "Bearer not-the-token" } } };
        (await client.SendAsync(wrong)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The exporter answers a scrape within 300 ms of the last one (another test's, perhaps) from that one's copy.
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", $"Bearer {RoostApp.MetricsToken}" } } };
        var response = await client.SendAsync(scrape);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("http_server_request_duration_seconds_count");
        text.ShouldContain("http_route=\"/health/live\"");
    }

    [Fact]
    public async Task The_backlogs_the_jobs_drain_are_gauges_in_the_metrics()
    {
        // A sign-up e-mail that keeps failing: pending, its next try an hour off, so no mailer run takes it meanwhile.
        var user = await app.RegisterGuestAsync();
        await app.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == user.Id).ExecuteUpdateAsync(n => n
            .SetProperty(x => x.CreatedAt, DateTimeOffset.UtcNow.AddDays(-2))
            .SetProperty(x => x.EmailState, EmailState.Pending)
            .SetProperty(x => x.EmailNextAttemptAt, DateTimeOffset.UtcNow.AddHours(1))));

        var monitor = app.Services.GetRequiredService<BacklogMonitor>();
        await monitor.RefreshAsync(CancellationToken.None);

        monitor.Latest.Keys.ShouldBe(["balance_charges", "claims_escalated", "disputes_open", "email", "exchange_rates_stale", "gateway_events", "jobs_failed", "payouts_due", "request_expiries"], ignoreOrder: true);
        monitor.Latest["email"].Items.ShouldBeGreaterThanOrEqualTo(1);
        monitor.Latest["email"].OldestWait!.Value.ShouldBeGreaterThan(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        // The exporter answers a scrape within 300 ms of the last one from that one's copy.
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", $"Bearer {RoostApp.MetricsToken}" } } };
        var text = await (await app.CreateClient().SendAsync(scrape)).Content.ReadAsStringAsync();
        var oldest = text.Split('\n').Single(l => l.StartsWith("roost_backlog_oldest_seconds{", StringComparison.Ordinal) && l.Contains("queue=\"email\""));
        oldest.Split(" ").Length.ShouldBe(2, oldest);
        double.Parse(oldest.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(172_000);
        text.ShouldContain("roost_backlog_items{");
    }

    [Fact]
    public async Task Payment_gateway_calls_are_counted_by_operation_and_outcome_and_timed()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        await guest.BookAsync(listing.Id, TestBookings.Soon(30), 2);
        (await guest.Client.PostBookingAsync(TestBookings.Body(listing.Id, TestBookings.Soon(40), 2, paymentMethod: "pm_card_chargeDeclined"))).StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);

        await Task.Delay(TimeSpan.FromMilliseconds(400));
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", $"Bearer {RoostApp.MetricsToken}" } } };
        var lines = (await (await app.CreateClient().SendAsync(scrape)).Content.ReadAsStringAsync()).Split('\n');

        double Calls(string outcome) => lines
            .Where(l => l.StartsWith("roost_gateway_calls_total{", StringComparison.Ordinal) && l.Contains("operation=\"charge\"") && l.Contains($"outcome=\"{outcome}\""))
            .Sum(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));
        Calls("succeeded").ShouldBeGreaterThanOrEqualTo(1);
        Calls("declined").ShouldBeGreaterThanOrEqualTo(1);
        lines.ShouldContain(l => l.StartsWith("roost_gateway_call_duration_seconds_count{", StringComparison.Ordinal) && l.Contains("operation=\"charge\""));
    }
}
