using System.Net;
using System.Net.Http.Json;
using Roost.Features.Accounts;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Admin;

[Collection(ApiCollection.Name)]
public sealed class AccountDirectoryTests(RoostApp app)
{
    [Fact]
    public async Task An_admin_finds_an_account_by_the_start_of_its_address_or_name_and_sees_whether_it_is_suspended()
    {
        var admin = await app.RegisterAdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"Ana.{tag}@Example.test";
        var registered = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = TestUsers.Password, firstName = $"Zé{tag}", lastName = "Moura" });
        var ana = (await registered.ReadAsync<TokenResponse>(HttpStatusCode.Created)).User;
        (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{ana.Id}/suspend", new { reason = "Fake identity" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var byAddress = await SearchAsync(admin, $"ana.{tag}@EXAMPLE");
        var found = byAddress.Items.ShouldHaveSingleItem();
        (found.Id, found.Email, found.FirstName).ShouldBe((ana.Id, email, $"Zé{tag}"));
        found.SuspendedAt.ShouldNotBeNull();
        found.SuspensionReason.ShouldBe("Fake identity");
        (await SearchAsync(admin, $"zé{tag}")).Items.Select(a => a.Id).ShouldBe([ana.Id]);
        (await SearchAsync(admin, $"ana.{tag[..5]}")).Items.Select(a => a.Id).ShouldContain(ana.Id);

        // Taken literally: a wildcard finds no one, and neither does the middle of an address.
        (await SearchAsync(admin, $"%{tag}")).Items.ShouldBeEmpty();
        (await SearchAsync(admin, $"{tag}@example")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Support_sees_a_users_trips_and_reservations_as_that_user_does()
    {
        var admin = await app.RegisterAdminAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(), 2);

        var trips = await (await admin.Client.GetAsync($"/api/v1/admin/users/{guest.Id}/trips")).ReadAsync<Page<Roost.Features.Bookings.TripSummary>>();
        trips.Items.Select(t => t.Id).ShouldBe([booking.Id]);
        trips.ShouldBeEquivalentTo(await (await guest.Client.GetAsync("/api/v1/me/trips")).ReadAsync<Page<Roost.Features.Bookings.TripSummary>>());
        (await (await admin.Client.GetAsync($"/api/v1/admin/users/{host.Id}/reservations")).ReadAsync<Page<Roost.Features.Bookings.TripSummary>>())
            .Items.Select(t => t.Id).ShouldBe([booking.Id]);
        (await (await admin.Client.GetAsync($"/api/v1/admin/users/{guest.Id}/trips?status=cancelled")).ReadAsync<Page<Roost.Features.Bookings.TripSummary>>()).Items.ShouldBeEmpty();
        await (await admin.Client.GetAsync($"/api/v1/admin/users/{Guid.NewGuid()}/trips")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.GetAsync($"/api/v1/admin/users/{guest.Id}/trips?status=soon")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var graph = (await admin.Client.GraphQLAsync("query($id: ID!) { userTrips(userId: $id) { items { id status } } }", new { id = guest.Id })).ShouldSucceed();
        graph.Data.GetProperty("userTrips").GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(booking.Id);
        (await guest.Client.GraphQLAsync("query($id: ID!) { userReservations(userId: $id) { items { id } } }", new { id = host.Id })).FirstCode.ShouldBe("FORBIDDEN");
        (await admin.Client.GraphQLAsync("query($id: ID!) { userTrips(userId: $id) { items { id } } }", new { id = Guid.NewGuid() })).FirstCode.ShouldBe("NOT_FOUND");
    }

    [Fact]
    public async Task The_directory_pages_newest_first_and_is_for_admins_only()
    {
        var admin = await app.RegisterAdminAsync();
        var first = await app.RegisterGuestAsync("pager");
        var second = await app.RegisterGuestAsync("pager");
        var third = await app.RegisterGuestAsync("pager");

        var page = await SearchAsync(admin, "pager-", limit: 2);
        page.Items.Select(a => a.Id).ShouldBe([third.Id, second.Id]);
        var next = await admin.Client.GetFromJsonAsync<Page<AccountSummary>>($"/api/v1/admin/users?q=pager-&limit=2&cursor={page.NextCursor}", TestJson.Options);
        next!.Items.Select(a => a.Id).ShouldContain(first.Id);

        await (await first.Client.GetAsync("/api/v1/admin/users?q=pager-")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.Client.GetAsync($"/api/v1/admin/users?q={new string('a', 300)}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var graph = (await admin.Client.GraphQLAsync("query($q: String) { accounts(query: $q, first: 1) { items { id email suspendedAt } nextCursor } }", new { q = third.Email }))
            .ShouldSucceed().Data.GetProperty("accounts");
        graph.GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(third.Id);
        (await first.Client.GraphQLAsync("{ accounts { items { id } } }")).FirstCode.ShouldBe("FORBIDDEN");
    }

    private static async Task<Page<AccountSummary>> SearchAsync(TestUser admin, string query, int limit = 20) =>
        (await admin.Client.GetFromJsonAsync<Page<AccountSummary>>($"/api/v1/admin/users?q={Uri.EscapeDataString(query)}&limit={limit}", TestJson.Options))!;
}
