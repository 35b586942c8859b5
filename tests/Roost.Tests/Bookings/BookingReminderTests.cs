using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Platform.Notifications;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class BookingReminderTests(RoostApp app)
{
    [Fact]
    public async Task A_host_is_reminded_once_of_a_request_about_to_lapse_and_not_of_one_with_time_left()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();
        var lapsing = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 2);
        await guest.BookAsync(listing.Id, TestBookings.Soon(40), 2);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET expires_at = now() + interval '2 hours' WHERE id = {lapsing.Id}"));

        await Task.WhenAll(SendAsync(), SendAsync());
        await SendAsync();

        var reminders = await NoticesAsync(host.Id, "request_reminder");
        reminders.Single().Data.ShouldContain(lapsing.Id.ToString());
        reminders.Single().Body.ShouldContain("lapses at");
    }

    [Fact]
    public async Task Guest_and_host_hear_once_that_a_stay_starts_within_a_day_and_a_cancelled_one_is_not_announced()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var tomorrow = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 2);
        var cancelled = await guest.BookAsync(listing.Id, TestBookings.Soon(40), 2);
        await guest.BookAsync(listing.Id, TestBookings.Soon(50), 2);
        (await guest.Client.PostAsync($"/api/v1/bookings/{cancelled.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var arrival = DateTime.UtcNow.AddHours(20);
        foreach (var id in new[] { tomorrow.Id, cancelled.Id })
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
                $"UPDATE bookings SET time_zone = 'UTC', check_in = {DateOnly.FromDateTime(arrival)}, check_out = {DateOnly.FromDateTime(arrival).AddDays(2)}, check_in_time = {TimeOnly.FromDateTime(arrival)} WHERE id = {id}"));
        }

        await Task.WhenAll(SendAsync(), SendAsync());
        await SendAsync();

        var guestNotice = (await NoticesAsync(guest.Id, "stay_starting")).Single();
        guestNotice.Data.ShouldContain(tomorrow.Id.ToString());
        guestNotice.Body.ShouldContain($"from {TimeOnly.FromDateTime(arrival):HH:mm} (UTC)");
        (await NoticesAsync(host.Id, "stay_starting")).Single().Data.ShouldContain(tomorrow.Id.ToString());
    }

    private async Task SendAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BookingReminders>().SendDueAsync();
    }

    private Task<List<Notification>> NoticesAsync(Guid userId, string type) =>
        app.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId && n.Type == type).ToListAsync());
}
