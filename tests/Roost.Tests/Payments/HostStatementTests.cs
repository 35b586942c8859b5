using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;
using Roost.Features.Payments;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

[Collection(ApiCollection.Name)]
public sealed class HostStatementTests(RoostApp app)
{
    [Fact]
    public async Task A_host_downloads_a_years_payouts_as_csv_with_each_stay_and_titles_kept_as_text()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { title = "=1+2, the \"best\" flat" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var booking = await (await app.RegisterGuestAsync()).BookAsync(listing.Id, TestBookings.Soon(30), 3);
        var payout = (await host.Client.GetFromJsonAsync<Page<PayoutResponse>>("/api/v1/host/payouts", TestJson.Options))!.Items.Single();

        var response = await host.Client.GetAsync($"/api/v1/host/earnings.csv?year={payout.DueAt.Year}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe($"roost-payouts-{payout.DueAt.Year}.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("payout_id,status,due_at,paid_at,currency,amount");
        lines.Length.ShouldBe(2);
        lines[1].ShouldStartWith($"{payout.Id},scheduled,");
        lines[1].ShouldContain($",EUR,{payout.Amount.Amount / 100m:F2},0.00,{booking.Id},\"'=1+2, the \"\"best\"\" flat\",{booking.CheckIn:yyyy-MM-dd},{booking.CheckOut:yyyy-MM-dd},3,");

        (await host.Client.GetStringAsync($"/api/v1/host/earnings.csv?year={payout.DueAt.Year - 1}")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
        await (await host.Client.GetAsync("/api/v1/host/earnings.csv?year=1999")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await (await app.RegisterGuestAsync()).Client.GetAsync("/api/v1/host/earnings.csv")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("-5 + a", "'-5 + a")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    public void Fields_are_quoted_and_formulas_kept_as_text(string value, string written) => HostStatement.Field(value).ShouldBe(written);
}
