using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Accounts;
using Roost.Features.Admin;
using Roost.Features.Reports;
using Roost.Platform.Data;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Reports;

[Collection(ApiCollection.Name)]
public sealed class ReportTests(RoostApp app)
{
    [Fact]
    public async Task While_reports_wait_each_admin_hears_once_a_day_how_many_from_eight_in_the_morning_where_they_are()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var admin = await app.RegisterAdminAsync();
        var tokyoAdmin = await app.RegisterAdminAsync();
        (await tokyoAdmin.Client.PatchAsJsonAsync("/api/v1/me", new { timeZone = "Asia/Tokyo" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var suspendedAdmin = await app.RegisterAdminAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == suspendedAdmin.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SuspendedAt, DateTimeOffset.UtcNow)));
        (await guest.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "listing", targetId = listing.Id, reason = "scam" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await guest.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "user", targetId = host.Id, reason = "scam" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        // Days ahead, so that nothing the app's own hourly run sent today counts.
        var day = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3), TimeSpan.Zero);
        async Task<int> DigestsAsync(TestUser user) => (await app.NoticesAsync(user.Id)).Count(n => n.Type == ReportDigest.Notice && n.CreatedAt >= day.AddHours(-10));

        await SendDigestAsync(day.AddHours(7.5));
        (await DigestsAsync(admin), await DigestsAsync(tokyoAdmin)).ShouldBe((0, 1));
        await SendDigestAsync(day.AddHours(8.1));
        await SendDigestAsync(day.AddHours(9));
        (await DigestsAsync(admin), await DigestsAsync(tokyoAdmin)).ShouldBe((1, 1));
        await SendDigestAsync(day.AddHours(23.1));
        (await DigestsAsync(admin), await DigestsAsync(tokyoAdmin)).ShouldBe((1, 2));

        var digest = (await app.NoticesAsync(admin.Id)).Last(n => n.Type == ReportDigest.Notice);
        // How many is whatever is open when the digest runs: other tests' reports too.
        digest.Title.ShouldEndWith("wait for review");
        digest.Data.ShouldContain("\"count\"");
        (await app.NoticesAsync(suspendedAdmin.Id)).ShouldNotContain(n => n.Type == ReportDigest.Notice && n.CreatedAt >= day);
        (await app.NoticesAsync(guest.Id)).ShouldNotContain(n => n.Type == ReportDigest.Notice);
    }

    private Task SendDigestAsync(DateTimeOffset at) =>
        app.WithScopeAsync(services => new ReportDigest(services.GetRequiredService<RoostDb>(), new FixedClock(at)).SendAsync());

    [Fact]
    public async Task A_report_reaches_the_admins_queue_once_and_the_reporter_hears_the_outcome()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var draft = await host.CreateDraftAsync();
        var guest = await app.RegisterGuestAsync();
        var admin = await app.RegisterAdminAsync();
        var body = new { targetType = "listing", targetId = listing.Id, reason = "scam", details = "Asked me to pay outside Roost." };

        var report = await (await guest.Client.PostAsJsonAsync("/api/v1/reports", body)).ReadAsync<ReportResponse>(HttpStatusCode.Created);
        report.Status.ShouldBe(ReportStatus.Open);
        await (await guest.Client.PostAsJsonAsync("/api/v1/reports", body)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await guest.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "listing", targetId = draft.Id, reason = "spam" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await guest.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "user", targetId = guest.Id, reason = "spam" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await guest.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "planet", targetId = listing.Id, reason = "spam" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await guest.Client.GetFromJsonAsync<Page<ReportResponse>>("/api/v1/reports", TestJson.Options))!.Items.Select(r => r.Id).ShouldBe([report.Id]);

        await (await guest.Client.GetAsync("/api/v1/admin/reports")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await AllQueuedAsync(admin, "open")).ShouldContain(report.Id);
        await (await host.Client.PostAsJsonAsync($"/api/v1/admin/reports/{report.Id}/close", new { status = "dismissed", outcome = "No" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/reports/{report.Id}/close", new { status = "open", outcome = "Hmm" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var closed = await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/reports/{report.Id}/close", new { status = "action_taken", outcome = "The listing was suspended." }))
            .ReadAsync<ReportResponse>();
        closed.Status.ShouldBe(ReportStatus.ActionTaken);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/reports/{report.Id}/close", new { status = "dismissed", outcome = "Again" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await AllQueuedAsync(admin, "open")).ShouldNotContain(report.Id);
        (await AllQueuedAsync(admin, "action_taken")).ShouldContain(report.Id);
        (await app.NoticesAsync(guest.Id)).ShouldContain(n => n.Type == "report_closed" && n.Body.Contains("The listing was suspended."));
        (await admin.Client.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/v1/admin/audit?targetId={report.Id}", TestJson.Options))!.Items
            .Single().Action.ShouldBe("report_action_taken");

        // Closed, the same thing may be reported again.
        (await guest.Client.PostAsJsonAsync("/api/v1/reports", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_safety_report_reaches_every_active_admin_at_once_and_other_reasons_wait_for_the_digest()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var admin = await app.RegisterAdminAsync();
        var suspendedAdmin = await app.RegisterAdminAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == suspendedAdmin.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SuspendedAt, DateTimeOffset.UtcNow)));

        var scam = await (await guest.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "listing", targetId = listing.Id, reason = "scam" }))
            .ReadAsync<ReportResponse>(HttpStatusCode.Created);
        (await app.NoticesAsync(admin.Id)).ShouldNotContain(n => n.Type == Roost.Features.Reports.Reports.SafetyNotice && n.Data.Contains(scam.Id.ToString()));

        var safety = await (await guest.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "user", targetId = host.Id, reason = "safety", details = "Hidden camera in the bedroom." }))
            .ReadAsync<ReportResponse>(HttpStatusCode.Created);
        var alert = (await app.NoticesAsync(admin.Id)).Single(n => n.Type == Roost.Features.Reports.Reports.SafetyNotice && n.Data.Contains(safety.Id.ToString()));
        alert.Title.ShouldBe("Safety report about a user");
        alert.Body.ShouldContain(host.Id.ToString());
        (await app.NoticesAsync(suspendedAdmin.Id)).ShouldNotContain(n => n.Type == Roost.Features.Reports.Reports.SafetyNotice);
        (await app.NoticesAsync(guest.Id)).ShouldNotContain(n => n.Type == Roost.Features.Reports.Reports.SafetyNotice);
        (await app.NoticesAsync(host.Id)).ShouldNotContain(n => n.Type == Roost.Features.Reports.Reports.SafetyNotice);

        // Refused, it tells nobody.
        await (await guest.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "user", targetId = host.Id, reason = "safety" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.NoticesAsync(admin.Id)).Count(n => n.Type == Roost.Features.Reports.Reports.SafetyNotice && n.Data.Contains(host.Id.ToString())).ShouldBe(1);
    }

    [Fact]
    public async Task Nobody_files_more_than_ten_reports_a_day()
    {
        var guest = await app.RegisterGuestAsync();
        for (var i = 0; i < Roost.Features.Reports.Reports.MaxPerDay; i++)
        {
            var other = await app.RegisterGuestAsync();
            (await guest.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "user", targetId = other.Id, reason = "spam" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var oneMore = await app.RegisterGuestAsync();
        await (await guest.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "user", targetId = oneMore.Id, reason = "spam" })).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Reports_are_filed_and_closed_through_GraphQL_too()
    {
        var reported = await app.RegisterGuestAsync();
        var guest = await app.RegisterGuestAsync();
        var admin = await app.RegisterAdminAsync();

        var filed = (await guest.Client.GraphQLAsync(
            "mutation($id: ID!) { fileReport(input: { targetType: USER, targetId: $id, reason: OFFENSIVE, details: \"Rude messages\" }) { id status } }", new { id = reported.Id }))
            .ShouldSucceed().Data.GetProperty("fileReport");
        filed.GetProperty("status").GetString().ShouldBe("OPEN");
        var id = filed.GetProperty("id").GetGuid();
        (await guest.Client.GraphQLAsync("{ reports { items { id } } }")).FirstCode.ShouldBe("FORBIDDEN");

        (await admin.Client.GraphQLAsync("mutation($id: ID!) { closeReport(id: $id, input: { status: DISMISSED, outcome: \"Banter\" }) { status } }", new { id }))
            .ShouldSucceed().Data.GetProperty("closeReport").GetProperty("status").GetString().ShouldBe("DISMISSED");
        (await guest.Client.GraphQLAsync("{ myReports { items { id status outcome } } }")).ShouldSucceed()
            .Data.GetProperty("myReports").GetProperty("items")[0].GetProperty("outcome").GetString().ShouldBe("Banter");
    }

    private static async Task<List<Guid>> AllQueuedAsync(TestUser admin, string status)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = (await admin.Client.GetFromJsonAsync<Page<ReportResponse>>($"/api/v1/admin/reports?status={status}&limit=50{(cursor is null ? "" : $"&cursor={cursor}")}", TestJson.Options))!;
            ids.AddRange(page.Items.Select(r => r.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return ids;
    }
}
