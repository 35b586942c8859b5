using System.Net;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Accounts;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(RoostApp app)
{
    [Fact]
    public async Task Readiness_reports_PostgreSQL_and_Redis_healthy()
    {
        var response = await app.CreateClient().GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var checks = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        checks.GetProperty("postgres").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("redis").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_OpenAPI_document_and_reference_page_show_the_account_routes()
    {
        var client = app.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/auth/register");
        paths.ShouldContain("/api/v1/auth/login");
        paths.ShouldContain("/api/v1/me/sessions/{id}");

        // The rules on the request records' parameters reach the document, so clients see them before a 400 does.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var email = schemas.GetProperty("RegisterRequest").GetProperty("properties").GetProperty("email");
        email.GetProperty("maxLength").GetInt32().ShouldBe(254);
        email.GetProperty("format").GetString().ShouldBe("email");
        var guests = schemas.GetProperty("CreateBookingRequest").GetProperty("properties").GetProperty("guests");
        guests.GetProperty("minimum").GetDecimal().ShouldBe(1);
        guests.GetProperty("maximum").GetDecimal().ShouldBe(Roost.Features.Bookings.Quotes.MaxGuests);
        schemas.GetProperty("PhotoOrderRequest").GetProperty("properties").GetProperty("photoIds").GetProperty("maxItems").GetInt32().ShouldBe(50);
        schemas.GetProperty("PayoutAccountRequest").GetProperty("properties").GetProperty("accountId").GetProperty("pattern").GetString().ShouldStartWith("^acct_");

        var page = await client.GetAsync("/docs/v1");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Roost API reference");
        html.ShouldContain("scalar.js");
        (await client.GetAsync("/docs/scalar.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_jobs_dashboard_takes_an_admin_token_once_and_then_a_cookie()
    {
        var admin = await app.RegisterAdminAsync();
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = true });

        var page = await browser.GetAsync($"/jobs?access_token={admin.AccessToken}");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Roost jobs");
        (await browser.GetAsync("/jobs/recurring")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_revocation_that_cannot_reach_Redis_is_published_by_a_job()
    {
        var user = await app.RegisterGuestAsync();
        var sessionId = await app.WithDbAsync(db => db.Sessions.Where(s => s.UserId == user.Id).Select(s => s.Id).SingleAsync());

        // The job the revocation enqueues when Redis is away: running it sets the marker the request path checks.
        await app.WithScopeAsync(services => services.GetRequiredService<SessionRevocation>().PublishAsync(sessionId));

        await (await user.Client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Housekeeping_drops_sessions_ended_over_30_days_ago_and_keeps_the_rest()
    {
        var old = await app.RegisterGuestAsync();
        var current = await app.RegisterGuestAsync();
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE sessions SET revoked_at = now() - interval '31 days' WHERE user_id = {old.Id}"));

        await app.WithScopeAsync(services => services.GetRequiredService<AccountHousekeeping>().PurgeAsync());

        (await app.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == old.Id))).ShouldBe(0);
        (await app.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == current.Id))).ShouldBe(1);
    }

    [Fact]
    public void Housekeeping_is_scheduled_as_a_recurring_job()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection)
            .ShouldContain(job => job.Id == "accounts:purge-ended-sessions");
    }
}
