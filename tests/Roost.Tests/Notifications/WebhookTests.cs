using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Roost.Features.Notifications;
using Roost.Platform.Data;
using Roost.Platform.Secrets;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Notifications;

[Collection(ApiCollection.Name)]
public sealed class WebhookTests(RoostApp app)
{
    /// <summary>The job as if run at <paramref name="at"/>: deliveries trail the notices by a few seconds.</summary>
    private Task DeliverAtAsync(DateTimeOffset at) => app.WithScopeAsync(services => new WebhookDelivery(
        services.GetRequiredService<RoostDb>(), services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookDelivery)),
        services.GetRequiredService<IOptions<WebhookOptions>>(), services.GetRequiredService<SealedSecrets>(), new FixedClock(at), NullLogger<WebhookDelivery>.Instance).DeliverDueAsync());

    /// <summary>What a receiver does: recompute the HMAC of "t.body" with its secret.</summary>
    private static void ShouldBeSignedWith(string? signature, string secret, string body)
    {
        var stamp = signature!.Split(',')[0][2..];
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes($"{stamp}.{body}")));
        signature.ShouldBe($"t={stamp},v1={expected}");
    }

    private Task<string> StoredKeyAsync(Guid userId) =>
        app.WithDbAsync(db => db.Set<WebhookEndpoint>().Where(e => e.UserId == userId).Select(e => e.SealedSecret).SingleAsync());

    private Task<int> StoreKeyAsync(Guid userId, string stored) =>
        app.WithDbAsync(db => db.Set<WebhookEndpoint>().Where(e => e.UserId == userId).ExecuteUpdateAsync(set => set.SetProperty(e => e.SealedSecret, stored)));

    [Fact]
    public async Task A_hosts_notifications_arrive_signed_in_order_and_once()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var webhook = await (await host.Client.PutAsJsonAsync("/api/v1/me/webhook", new { url = receiver.Url })).ReadAsync<WebhookResponse>();
        webhook.Secret.ShouldStartWith("whsec_");
        webhook.Status.ShouldBe("active");
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 2);
        var later = DateTimeOffset.UtcNow.AddMinutes(1);

        await DeliverAtAsync(later);
        await DeliverAtAsync(later.AddMinutes(1));

        var (body, signature) = receiver.Received.ShouldHaveSingleItem();
        ShouldBeSignedWith(signature, webhook.Secret, body);
        var events = JsonDocument.Parse(body).RootElement.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["booking_confirmed"]);
        events[0].GetProperty("data").GetProperty("bookingId").GetGuid().ShouldBe(booking.Id);
        (await (await host.Client.GetAsync("/api/v1/me/webhook")).ReadAsync<WebhookResponse>()).LastDeliveredAt.ShouldNotBeNull();
        var graph = (await host.Client.GraphQLAsync("{ myWebhook { url status } }")).ShouldSucceed();
        graph.Data.GetProperty("myWebhook").GetProperty("url").GetString().ShouldBe(receiver.Url);
    }

    [Fact]
    public async Task The_signing_key_is_sealed_at_rest_and_one_stored_plain_or_under_a_retired_key_still_signs_and_is_sealed_anew()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var user = await app.RegisterGuestAsync();
        var webhook = await (await user.Client.PutAsJsonAsync("/api/v1/me/webhook", new { url = receiver.Url })).ReadAsync<WebhookResponse>();
        var current = app.Services.GetRequiredService<SealedSecrets>().CurrentPrefix;
        var stored = await StoredKeyAsync(user.Id);
        stored.ShouldStartWith(current);
        stored.ShouldNotContain(webhook.Secret["whsec_".Length..]);

        // As a key stored before sealing began: it still signs, and the delivery seals it.
        await StoreKeyAsync(user.Id, webhook.Secret);
        (await user.Client.PostAsync("/api/v1/me/webhook/ping", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await DeliverAtAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        var (body, signature) = receiver.Received.ShouldHaveSingleItem();
        ShouldBeSignedWith(signature, webhook.Secret, body);
        (await StoredKeyAsync(user.Id)).ShouldStartWith(current);

        // Under a sealing key since rotated out: the daily job seals it with the current one, and it is the same key.
        var retired = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await StoreKeyAsync(user.Id, new SealedSecrets(Options.Create(new SealingOptions { EncryptionKey = retired })).Seal(user.Id, webhook.Secret, WebhookEndpoint.SealPurpose));
        var rotated = new SealedSecrets(Options.Create(new SealingOptions { EncryptionKey = RoostApp.SealingKey, PreviousKeys = [retired] }));
        var resealed = await app.WithScopeAsync(services => new Webhooks(services.GetRequiredService<RoostDb>(), services.GetRequiredService<IOptions<WebhookOptions>>(),
            rotated, TimeProvider.System, NullLogger<Webhooks>.Instance).ResealAsync());

        resealed.ShouldBeGreaterThanOrEqualTo(1);
        (await StoredKeyAsync(user.Id)).ShouldStartWith(current);
        (await (await user.Client.GetAsync("/api/v1/me/webhook")).ReadAsync<WebhookResponse>()).Secret.ShouldBe(webhook.Secret);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_later_switched_off_after_ten_failures_and_resumes_where_it_stopped()
    {
        await using var receiver = new WebhookReceiver { Status = 500 };
        await receiver.StartAsync();
        var user = await app.RegisterGuestAsync();
        (await user.Client.PutAsJsonAsync("/api/v1/me/webhook", new { url = receiver.Url })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await user.Client.PatchAsJsonAsync("/api/v1/me", new { firstName = "Hooked" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await user.Client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = "another sturdy passphrase" })).Content.ReadAsStringAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(1);

        await DeliverAtAsync(at);
        await DeliverAtAsync(at);
        var retrying = await (await user.Client.GetAsync("/api/v1/me/webhook")).ReadAsync<WebhookResponse>();

        receiver.Received.Count.ShouldBe(1);
        (retrying.Status, retrying.Failures, retrying.LastError).ShouldBe(("retrying", 1, "The endpoint answered HTTP 500."));
        for (var hour = 1; hour < WebhookEndpoint.MaxFailures; hour++)
        {
            await DeliverAtAsync(at.AddHours(hour));
        }

        (await (await user.Client.GetAsync("/api/v1/me/webhook")).ReadAsync<WebhookResponse>()).Status.ShouldBe("disabled");
        (await app.NoticesAsync(user.Id)).ShouldContain(n => n.Type == "webhook_disabled");
        receiver.Received.Clear();
        receiver.Status = 204;
        (await (await user.Client.PostAsync("/api/v1/me/webhook/enable", null)).ReadAsync<WebhookResponse>()).Status.ShouldBe("active");

        await DeliverAtAsync(at.AddHours(12));

        var events = JsonDocument.Parse(receiver.Received.ShouldHaveSingleItem().Body).RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        events.ShouldContain("password_changed");
        events[^1].ShouldBe("webhook_disabled");
    }

    [Theory]
    [InlineData("ftp://example.test/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://169.254.169.254/latest")]
    [InlineData("http://user:secret@127.0.0.1/hook")]
    [InlineData("not a url")]
    public async Task A_url_that_is_not_a_public_http_endpoint_is_refused(string url)
    {
        var user = await app.RegisterGuestAsync();

        var refused = await (await user.Client.PutAsJsonAsync("/api/v1/me/webhook", new { url })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        refused.GetProperty("errors").TryGetProperty("url", out _).ShouldBeTrue();
        await (await user.Client.GetAsync("/api/v1/me/webhook")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Removing_the_webhook_stops_it_and_a_new_url_gets_a_new_secret()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var user = await app.RegisterGuestAsync();
        var first = await (await user.Client.PutAsJsonAsync("/api/v1/me/webhook", new { url = receiver.Url })).ReadAsync<WebhookResponse>();
        var moved = await (await user.Client.PutAsJsonAsync("/api/v1/me/webhook", new { url = receiver.Url + "/v2" })).ReadAsync<WebhookResponse>();

        moved.Secret.ShouldNotBe(first.Secret);
        (await user.Client.PostAsync("/api/v1/me/webhook/ping", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await DeliverAtAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        JsonDocument.Parse(receiver.Received.ShouldHaveSingleItem().Body).RootElement.GetProperty("events")[0].GetProperty("type").GetString().ShouldBe("webhook_ping");
        (await user.Client.DeleteAsync("/api/v1/me/webhook")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await user.Client.GetAsync("/api/v1/me/webhook")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync("/api/v1/me/webhook")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
