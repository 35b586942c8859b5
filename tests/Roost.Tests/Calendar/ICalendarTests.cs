using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Calendar;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Calendar;

[Collection(ApiCollection.Name)]
public sealed class ICalendarTests(RoostApp app) : IAsyncLifetime
{
    private static readonly DateOnly Start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20);
    private readonly FeedServer _feeds = new();

    public Task InitializeAsync() => _feeds.StartAsync();

    public Task DisposeAsync() => _feeds.DisposeAsync().AsTask();

    [Fact]
    public async Task The_export_round_trips_through_the_importer_into_another_listing()
    {
        var host = await app.RegisterHostAsync();
        var source = await host.CreatePublishedAsync();
        await host.Client.PutAsJsonAsync($"/api/v1/listings/{source.Id}/calendar", new { from = Start, to = Start.AddDays(3), available = false });
        await host.Client.PutAsJsonAsync($"/api/v1/listings/{source.Id}/calendar", new { from = Start.AddDays(10), to = Start.AddDays(12), available = false });
        var export = (await host.Client.GetFromJsonAsync<CalendarExportResponse>($"/api/v1/listings/{source.Id}/calendar/export"))!;

        var response = await app.CreateClient().GetAsync(export.Url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var ics = await response.Content.ReadAsStringAsync();
        ics.ShouldStartWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:");
        ics.Split("\r\n").ShouldAllBe(line => System.Text.Encoding.UTF8.GetByteCount(line) <= 75);
        ics.Replace("\r\n", "").ShouldNotContain("\n");

        _feeds.Serve("/roundtrip.ics", ics);
        var target = await host.CreatePublishedAsync();
        var import = await ImportAsync(host, target.Id, $"{_feeds.BaseUrl}/roundtrip.ics");

        import.LastError.ShouldBeNull();
        import.BlockedRanges.ShouldBe(2);
        (await RangesAsync(target.Id)).ShouldBe([(Start, Start.AddDays(3)), (Start.AddDays(10), Start.AddDays(12))]);
    }

    [Fact]
    public async Task The_export_url_and_imports_are_managed_through_GraphQL_by_the_host_only()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var variables = new { id = listing.Id };
        var url = (await host.Client.GraphQLAsync("query ($id: ID!) { calendarExportUrl(listingId: $id) }", variables)).ShouldSucceed()
            .Data.GetProperty("calendarExportUrl").GetString()!;
        var rotated = (await host.Client.GraphQLAsync("mutation ($id: ID!) { rotateCalendarExportUrl(listingId: $id) }", variables)).ShouldSucceed()
            .Data.GetProperty("rotateCalendarExportUrl").GetString()!;
        rotated.ShouldNotBe(url);
        (await app.CreateClient().GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync(rotated)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _feeds.Serve("/graphql-site.ics", Feed((Start, Start.AddDays(2))));
        var added = (await host.Client.GraphQLAsync("mutation ($id: ID!, $input: CalendarImportInput!) { addCalendarImport(listingId: $id, input: $input) { id name } }",
            new { id = listing.Id, input = new { url = $"{_feeds.BaseUrl}/graphql-site.ics", name = "Other site" } })).ShouldSucceed().Data.GetProperty("addCalendarImport");
        var importId = added.GetProperty("id").GetGuid();
        (await host.Client.GraphQLAsync("query ($id: ID!) { calendarImports(listingId: $id) { id name } }", variables)).ShouldSucceed()
            .Data.GetProperty("calendarImports").EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("Other site");
        (await host.Client.GraphQLAsync("mutation ($id: ID!, $import: ID!) { syncCalendarImport(listingId: $id, importId: $import) }", new { id = listing.Id, import = importId })).ShouldSucceed();

        var stranger = await app.RegisterHostAsync();
        (await stranger.Client.GraphQLAsync("query ($id: ID!) { calendarExportUrl(listingId: $id) }", variables)).FirstCode.ShouldBe("FORBIDDEN");
        (await stranger.Client.GraphQLAsync("mutation ($id: ID!, $import: ID!) { removeCalendarImport(listingId: $id, importId: $import) }", new { id = listing.Id, import = importId })).FirstCode.ShouldBe("FORBIDDEN");

        (await host.Client.GraphQLAsync("mutation ($id: ID!, $import: ID!) { removeCalendarImport(listingId: $id, importId: $import) }", new { id = listing.Id, import = importId })).ShouldSucceed();
        (await host.Client.GraphQLAsync("query ($id: ID!) { calendarImports(listingId: $id) { id } }", variables)).ShouldSucceed().Data.GetProperty("calendarImports").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_resync_replaces_the_feeds_blocks_and_a_broken_feed_keeps_them()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        _feeds.Serve("/other-site.ics", Feed((Start, Start.AddDays(2)), (Start.AddDays(5), Start.AddDays(7))));
        var import = await ImportAsync(host, listing.Id, $"{_feeds.BaseUrl}/other-site.ics");
        (await RangesAsync(listing.Id)).ShouldBe([(Start, Start.AddDays(2)), (Start.AddDays(5), Start.AddDays(7))]);

        _feeds.Serve("/other-site.ics", Feed((Start.AddDays(1), Start.AddDays(4))));
        import = await SyncAsync(host, listing.Id, import);
        (await RangesAsync(listing.Id)).ShouldBe([(Start.AddDays(1), Start.AddDays(4))]);

        _feeds.Serve("/other-site.ics", "<html>Service Unavailable</html>", status: 503);
        import = await SyncAsync(host, listing.Id, import);
        import.LastError.ShouldNotBeNull();
        import.LastError.ShouldContain("503");
        (await RangesAsync(listing.Id)).ShouldBe([(Start.AddDays(1), Start.AddDays(4))]);

        _feeds.Serve("/other-site.ics", "this is not a calendar");
        import = await SyncAsync(host, listing.Id, import);
        import.LastError!.ShouldContain("VCALENDAR");
        (await RangesAsync(listing.Id)).ShouldBe([(Start.AddDays(1), Start.AddDays(4))]);

        (await host.Client.DeleteAsync($"/api/v1/listings/{listing.Id}/calendar/imports/{import.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await RangesAsync(listing.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_import_never_removes_or_overlaps_a_booking_or_a_host_block()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        await app.WithDbAsync(async db =>
        {
            db.Occupancies.Add(Occupancy.Booking(listing.Id, new NightRange(Start.AddDays(2), Start.AddDays(4)), 0, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar", new { from = Start.AddDays(6), to = Start.AddDays(7), available = false });
        _feeds.Serve("/wide.ics", Feed((Start, Start.AddDays(10))));

        await ImportAsync(host, listing.Id, $"{_feeds.BaseUrl}/wide.ics");

        var all = await app.WithDbAsync(db => db.Occupancies.Where(o => o.ListingId == listing.Id).OrderBy(o => o.StartsOn).Select(o => new { o.Kind, o.StartsOn, o.EndsOn }).ToListAsync());
        all.Select(o => (o.Kind, o.StartsOn, o.EndsOn)).ShouldBe(
        [
            (OccupancyKind.ImportedBlock, Start, Start.AddDays(2)),
            (OccupancyKind.Booking, Start.AddDays(2), Start.AddDays(4)),
            (OccupancyKind.ImportedBlock, Start.AddDays(4), Start.AddDays(6)),
            (OccupancyKind.HostBlock, Start.AddDays(6), Start.AddDays(7)),
            (OccupancyKind.ImportedBlock, Start.AddDays(7), Start.AddDays(10)),
        ]);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", "not a public one")]
    [InlineData("http://10.1.2.3/cal.ics", "not a public one")]
    [InlineData("http://[::ffff:192.168.0.1]/cal.ics", "not a public one")]
    public async Task Feeds_on_private_or_link_local_addresses_are_refused(string url, string error)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();

        var import = await ImportAsync(host, listing.Id, url);

        import.LastError!.ShouldContain(error);
        (await RangesAsync(listing.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_refused()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        _feeds.Serve("/moved.ics", "", status: 302, location: "http://169.254.169.254/latest");

        var import = await ImportAsync(host, listing.Id, $"{_feeds.BaseUrl}/moved.ics");

        import.LastError!.ShouldContain("another host");
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/cal.ics")]
    [InlineData("not a url")]
    [InlineData("http://user:secret@example.com/cal.ics")]
    public async Task Only_http_addresses_are_accepted(string url)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();

        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar/imports", new { url })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.CalendarImports.CountAsync(i => i.ListingId == listing.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task The_export_needs_the_current_token()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var old = (await host.Client.GetFromJsonAsync<CalendarExportResponse>($"/api/v1/listings/{listing.Id}/calendar/export"))!.Url;

        var rotated = await (await host.Client.PostAsync($"/api/v1/listings/{listing.Id}/calendar/export/rotate", null)).Content.ReadFromJsonAsync<CalendarExportResponse>();

        await (await app.CreateClient().GetAsync(old)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync(rotated!.Url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/calendar.ics")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private static string Feed(params (DateOnly Start, DateOnly End)[] ranges) =>
        ICalendarWriter.Write("Other site", ranges.Select((r, i) => new CalendarEvent($"ev{i}@other", new NightRange(r.Start, r.End), "Reserved")), DateTimeOffset.UtcNow);

    private async Task<CalendarImportResponse> ImportAsync(TestUser host, Guid listingId, string url)
    {
        var created = await host.Client.PostAsJsonAsync($"/api/v1/listings/{listingId}/calendar/imports", new { url });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var import = (await created.Content.ReadFromJsonAsync<CalendarImportResponse>())!;
        return await WaitForAttemptAsync(host, listingId, import.Id, after: null);
    }

    private async Task<CalendarImportResponse> SyncAsync(TestUser host, Guid listingId, CalendarImportResponse import)
    {
        (await host.Client.PostAsync($"/api/v1/listings/{listingId}/calendar/imports/{import.Id}/sync", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return await WaitForAttemptAsync(host, listingId, import.Id, after: import.LastAttemptAt);
    }

    /// <summary>The sync runs as a background job on the app's own worker; wait until it has made its attempt.</summary>
    private static async Task<CalendarImportResponse> WaitForAttemptAsync(TestUser host, Guid listingId, Guid importId, DateTimeOffset? after)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var imports = await host.Client.GetFromJsonAsync<List<CalendarImportResponse>>($"/api/v1/listings/{listingId}/calendar/imports");
            var import = imports!.Single(i => i.Id == importId);
            if (import.LastAttemptAt is { } at && (after is null || at > after))
            {
                return import;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The calendar sync job did not run within 15 seconds.");
    }

    private Task<List<(DateOnly, DateOnly)>> RangesAsync(Guid listingId) => app.WithDbAsync(async db =>
        (await db.Occupancies.Where(o => o.ListingId == listingId && o.Kind == OccupancyKind.ImportedBlock).OrderBy(o => o.StartsOn).ToListAsync())
            .Select(o => (o.StartsOn, o.EndsOn)).ToList());
}
