using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Features.Reviews;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Reviews;

[Collection(ApiCollection.Name)]
public sealed class ReviewReminderTests(RoostApp app)
{
    [Fact]
    public async Task Three_days_before_the_window_closes_only_the_side_that_has_not_written_is_reminded_once()
    {
        var (host, guest, closing) = await CompletedStayAsync(checkedOutDaysAgo: 12);
        var (_, otherGuest, fresh) = await CompletedStayAsync(checkedOutDaysAgo: 4);
        (await host.Client.PostAsJsonAsync($"/api/v1/bookings/{closing}/reviews",
            new { rating = 5, comment = "Quiet, tidy guests.", categories = new { cleanliness = 5, houseRules = 5, communication = 5 } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        await SendDueAsync();
        await SendDueAsync();

        var reminders = (await app.NoticesAsync(guest.Id)).Where(n => n.Type == ReviewReminders.Notice).ToList();
        var reminder = reminders.ShouldHaveSingleItem();
        reminder.Body.ShouldContain("Your host has already reviewed you");
        reminder.Body.ShouldContain($"until the end of {DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1):yyyy-MM-dd}");
        (await app.NoticesAsync(host.Id)).ShouldNotContain(n => n.Type == ReviewReminders.Notice);
        // Its window closes in ten days: too early to nudge.
        (await app.NoticesAsync(otherGuest.Id)).ShouldNotContain(n => n.Type == ReviewReminders.Notice);
        (await app.WithDbAsync(db => db.Set<ReviewReminder>().CountAsync(r => r.BookingId == fresh))).ShouldBe(0);
    }

    [Fact]
    public async Task Both_sides_are_reminded_when_neither_wrote_and_nobody_once_both_did()
    {
        var (host, guest, _) = await CompletedStayAsync(checkedOutDaysAgo: 12);
        var (bothHost, bothGuest, reviewed) = await CompletedStayAsync(checkedOutDaysAgo: 12);
        (await bothHost.Client.PostAsJsonAsync($"/api/v1/bookings/{reviewed}/reviews",
            new { rating = 4, comment = "Tidy guests.", categories = new { cleanliness = 4, houseRules = 4, communication = 4 } })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await bothGuest.Client.PostAsJsonAsync($"/api/v1/bookings/{reviewed}/reviews",
            new { rating = 5, comment = "Lovely light.", categories = new { cleanliness = 5, accuracy = 5, checkIn = 5, communication = 5, location = 5, value = 5 } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        await SendDueAsync();

        (await app.NoticesAsync(bothHost.Id)).ShouldNotContain(n => n.Type == ReviewReminders.Notice);
        (await app.NoticesAsync(bothGuest.Id)).ShouldNotContain(n => n.Type == ReviewReminders.Notice);

        (await app.NoticesAsync(guest.Id)).Single(n => n.Type == ReviewReminders.Notice).Body.ShouldNotContain("already reviewed");
        (await app.NoticesAsync(host.Id)).Count(n => n.Type == ReviewReminders.Notice).ShouldBe(1);
    }

    private Task SendDueAsync() => app.WithScopeAsync(services => services.GetRequiredService<ReviewReminders>().SendDueAsync());

    private async Task<(TestUser Host, TestUser Guest, Guid Booking)> CompletedStayAsync(int checkedOutDaysAgo)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(), 2);
        var checkOut = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-checkedOutDaysAgo);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE bookings SET check_in = {checkOut.AddDays(-2)}, check_out = {checkOut}, check_out_at = now() - make_interval(days => {checkedOutDaysAgo}) WHERE id = {booking.Id}"));
        await app.WithScopeAsync(services => services.GetRequiredService<BookingJobs>().CompleteDueAsync());
        return (host, guest, booking.Id);
    }
}
