using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class AccountClosureTests(RoostApp app)
{
    [Fact]
    public async Task Closing_an_account_erases_who_it_was_ends_every_session_and_frees_the_address()
    {
        var user = await app.RegisterGuestAsync();
        var phone = await app.LoginAsync(user.Email, user.Password);

        await (await user.Client.PostAsJsonAsync("/api/v1/me/close", new { password = "not the password at all" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await user.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await user.Client.PostAsJsonAsync("/api/v1/me/close", new { password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await user.Client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.ClientWithToken(phone.AccessToken).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = phone.RefreshToken })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await app.CreateClient().GetFromJsonAsync<PublicProfile>($"/api/v1/users/{user.Id}", TestJson.Options))!.FirstName.ShouldBe("Former member");

        var stored = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        stored.Email.ShouldNotContain(user.Email.Split('@')[0]);
        stored.Phone.ShouldBeNull();
        stored.LastName.ShouldBeEmpty();
        stored.ClosedAt.ShouldNotBeNull();
        (await app.NoticesAsync(user.Id)).ShouldBeEmpty();

        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", TestUsers.RegisterBody(user.Email))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_account_with_stays_or_listings_still_open_cannot_close_until_they_are_settled()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(45), 3);

        var guestRefused = await (await guest.Client.PostAsJsonAsync("/api/v1/me/close", new { password = guest.Password })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        guestRefused.GetProperty("detail").GetString()!.ShouldContain("1 stay booked or requested as a guest");
        var hostRefused = await (await host.Client.PostAsJsonAsync("/api/v1/me/close", new { password = host.Password })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        hostRefused.GetProperty("detail").GetString()!.ShouldContain("Guests have 1 stay");
        hostRefused.GetProperty("detail").GetString()!.ShouldContain("1 listing not archived");

        (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var listingLeft = await (await host.Client.PostAsJsonAsync("/api/v1/me/close", new { password = host.Password })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        listingLeft.GetProperty("detail").GetString()!.ShouldNotContain("stay");
        (await host.Client.DeleteAsync($"/api/v1/listings/{listing.Id}")).IsSuccessStatusCode.ShouldBeTrue();

        (await host.Client.PostAsJsonAsync("/api/v1/me/close", new { password = host.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await guest.Client.PostAsJsonAsync("/api/v1/me/close", new { password = guest.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // The records others and the books rely on stay, without the names.
        var kept = await app.WithDbAsync(db => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM bookings WHERE id = {booking.Id}").SingleAsync());
        kept.ShouldBe(1);
    }

    [Fact]
    public async Task An_account_closes_through_GraphQL_too()
    {
        var user = await app.RegisterGuestAsync();
        (await user.Client.GraphQLAsync("mutation($input: CloseAccountInput!) { closeAccount(input: $input) }", new { input = new { password = user.Password } }))
            .ShouldSucceed().Data.GetProperty("closeAccount").GetBoolean().ShouldBeTrue();
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
