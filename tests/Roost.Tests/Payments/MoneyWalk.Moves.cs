using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Roost.Features.Bookings;
using Roost.Features.Payments;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>The moves a step may make, each answering whether it changed something.</summary>
public sealed partial class MoneyWalk
{
    private async Task<bool> BookAsync()
    {
        var guest = guests[random.Next(guests.Count)];
        var listing = listings[random.Next(listings.Count)];
        var checkIn = TestBookings.Soon(random.Next(3, 90));
        var nights = random.Next(10) == 0 ? random.Next(26, 35) : random.Next(1, 8);
        var quote = await guest.Client.GetAsync($"/api/v1/listings/{listing}/quote?checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(nights):yyyy-MM-dd}&guests=2");
        var offersPart = quote.IsSuccessStatusCode && (await quote.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("payPartNow", out _);
        var response = await guest.Client.PostBookingAsync(new
        {
            listingId = listing, checkIn, checkOut = checkIn.AddDays(nights), guests = 2,
            // Now and then a card that pays while the guest is there and refuses charges made later without them.
            paymentMethod = random.Next(4) == 0 ? SandboxGateway.FailsOffSessionCard : "pm_card_visa",
            payPartNow = offersPart && random.Next(4) > 0,
        });
        if (await ExpectAsync(response, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity))
        {
            Bookings.Add((await response.Content.ReadFromJsonAsync<BookingResponse>(TestJson.Options))!.Id);
            return true;
        }

        return false;
    }

    private async Task<bool> CancelAsync(BookingResponse booking, bool byHost)
    {
        var who = byHost ? host : GuestOf(booking);
        return await ExpectAsync(await who.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new { reason = "a random walk" }),
            HttpStatusCode.OK, HttpStatusCode.Conflict);
    }

    private async Task<bool> ChangeAsync(BookingResponse booking)
    {
        var underWay = booking.CheckIn <= DateOnly.FromDateTime(DateTime.UtcNow);
        // Under way only a later check-out is asked; before, other dates, longer or shorter.
        var checkIn = underWay ? booking.CheckIn : booking.CheckIn.AddDays(random.Next(-2, 3));
        var checkOut = underWay ? booking.CheckOut.AddDays(random.Next(1, 4)) : checkIn.AddDays(Math.Max(1, booking.Quote.Nights + random.Next(-2, 4)));
        // Either side asks; the other answers.
        var (asker, answerer) = random.Next(3) == 0 ? (host, GuestOf(booking)) : (GuestOf(booking), host);
        var asked = await asker.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", new { checkIn, checkOut, guests = booking.Guests });
        if (!await ExpectAsync(asked, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity))
        {
            return false;
        }

        var change = (await asked.Content.ReadFromJsonAsync<ChangeResponse>(TestJson.Options))!;
        var answer = random.Next(4) == 0 ? "decline" : "accept";
        return await ExpectAsync(await answerer.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{change.Id}/{answer}", null),
            HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.PaymentRequired);
    }

    private async Task<bool> RefundAsync(BookingResponse booking)
    {
        var held = booking.Charged.Amount - booking.Refunded.Amount;
        var amount = held <= 0 ? 1 : 1 + random.NextInt64(held);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/bookings/{booking.Id}/refunds")
        {
            Content = JsonContent.Create(new { amount, reason = "goodwill, at random" }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await ExpectAsync(await admin.Client.SendAsync(request), HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity);
    }

    private async Task<bool> PayRestAsync(BookingResponse booking)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/balance") { Content = JsonContent.Create(new { paymentMethod = "pm_card_mastercard" }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await ExpectAsync(await GuestOf(booking).Client.SendAsync(request), HttpStatusCode.OK, HttpStatusCode.Conflict);
    }

    /// <summary>
    /// A guest asks about a home; its host answers with a special offer, at a price of their own or the listing's
    /// (a pre-approval), and the guest books it.
    /// </summary>
    private async Task<bool> OfferAsync()
    {
        var guest = guests[random.Next(guests.Count)];
        var listing = listings[random.Next(listings.Count)];
        (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing, text = "Could we come for a few nights?" })).IsSuccessStatusCode.ShouldBeTrue();
        var checkIn = TestBookings.Soon(random.Next(3, 90));
        var checkOut = checkIn.AddDays(random.Next(1, 10));
        var offered = await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing}/offers", random.Next(2) == 0
            ? new { guestId = guest.Id, checkIn, checkOut, guests = 2, accommodation = (long?)random.Next(50, 2_000) * 100 }
            : new { guestId = guest.Id, checkIn, checkOut, guests = 2, accommodation = (long?)null });
        if (!await ExpectAsync(offered, HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity))
        {
            return false;
        }

        var offer = (await offered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var booked = await guest.Client.PostBookingAsync(new { listingId = listing, checkIn, checkOut, guests = 2, paymentMethod = "pm_card_visa", offerId = offer });
        if (await ExpectAsync(booked, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity))
        {
            Bookings.Add((await booked.Content.ReadFromJsonAsync<BookingResponse>(TestJson.Options))!.Id);
            return true;
        }

        return false;
    }

    /// <summary>The rest of a stay paid in two parts falls due now and the hourly job tries to charge it.</summary>
    private async Task<bool> RestDueAsync(BookingResponse booking)
    {
        var due = await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE bookings SET balance_due_at = now() - interval '1 minute' WHERE id = {booking.Id} AND balance_amount > 0"));
        await JobAsync(services => services.GetRequiredService<BookingBalances>().ChargeDueAsync());
        Note($"{booking.Id}: {(due == 0 ? "nothing owed" : (await ReadAsync(booking.Id)) is var after && after.Balance is null ? after.Status.ToString() : "refused")}");
        return due > 0;
    }

    private async Task<bool> AnswerAsync(BookingResponse booking)
    {
        var answer = random.Next(3) == 0 ? "decline" : "accept";
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/{answer}");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await ExpectAsync(await host.Client.SendAsync(request), HttpStatusCode.OK, HttpStatusCode.Conflict);
    }

    /// <summary>
    /// Three moves on one stay at the same moment, as two people and a job might make them: whatever order the
    /// row locks give them, the books must come out whole.
    /// </summary>
    private async Task<bool> BurstAsync(BookingResponse booking)
    {
        Func<Task<bool>>[] moves =
        [
            () => CancelAsync(booking, byHost: false),
            () => CancelAsync(booking, byHost: true),
            () => RefundAsync(booking),
            () => ChangeAsync(booking),
            () => PayRestAsync(booking),
            () => RestDueAsync(booking),
        ];
        var chosen = moves.OrderBy(_ => random.Next()).Take(3).ToList();
        var done = await Task.WhenAll(chosen.Select(move => Task.Run(move)));
        return done.Any(moved => moved);
    }

    /// <summary>A stay under way ends today and the completion job runs; its payouts fall due and go out.</summary>
    private async Task<bool> EndAsync(BookingResponse booking)
    {
        if (booking.Status != BookingStatus.Confirmed || booking.CheckIn > DateOnly.FromDateTime(DateTime.UtcNow))
        {
            Note($"{booking.Id}: not under way");
            return false;
        }

        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"UPDATE occupancies SET ends_on = current_date WHERE id = (SELECT occupancy_id FROM bookings WHERE id = {booking.Id})");
            await db.Database.ExecuteSqlAsync($"UPDATE bookings SET check_out = current_date, check_out_at = now() - interval '1 minute' WHERE id = {booking.Id}");
            return await db.Database.ExecuteSqlAsync($"UPDATE payouts SET due_at = now() - interval '1 minute' WHERE booking_id = {booking.Id} AND status = 'Scheduled'");
        });
        await app.WithScopeAsync(services => services.GetRequiredService<BookingJobs>().CompleteDueAsync());
        await JobAsync(services => services.GetRequiredService<Payouts>().SendDueAsync());
        Note($"{booking.Id}: {(await ReadAsync(booking.Id)).Status}");
        return true;
    }

    /// <summary>One side claims from the other; it is accepted, or declined and decided by support.</summary>
    private async Task<bool> ClaimAsync(BookingResponse booking)
    {
        var byHost = random.Next(2) == 0;
        var (claimant, other) = byHost ? (host, GuestOf(booking)) : (GuestOf(booking), host);
        var amount = byHost ? random.Next(1000, 20000) : 1 + random.NextInt64(Math.Max(1, booking.Charged.Amount - booking.Refunded.Amount));
        var filed = await claimant.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/claims",
            new { reason = byHost ? "damage" : "cleanliness", description = "Found at random by the walk.", amount });
        if (!await ExpectAsync(filed, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity))
        {
            return false;
        }

        var claim = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        if (random.Next(3) > 0)
        {
            return await ExpectAsync(await other.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/claims/{claim}/accept", new { }),
                HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.PaymentRequired, HttpStatusCode.UnprocessableEntity);
        }

        await ExpectAsync(await other.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/claims/{claim}/decline", new { note = "No." }), HttpStatusCode.OK);
        await ExpectAsync(await claimant.Client.PostAsync($"/api/v1/bookings/{booking.Id}/claims/{claim}/escalate", null), HttpStatusCode.OK);
        var decide = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/claims/{claim}/decide")
        {
            Content = JsonContent.Create(new { approve = true, note = "Half of it, at random.", amount = Math.Max(1, amount / 2) }),
        };
        decide.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await ExpectAsync(await admin.Client.SendAsync(decide), HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.PaymentRequired, HttpStatusCode.UnprocessableEntity);
    }

    /// <summary>A confirmed stay begins yesterday and its payouts fall due and go out, where the calendar lets it move.</summary>
    private async Task<bool> UnderWayAsync(BookingResponse booking)
    {
        if (booking.Status != BookingStatus.Confirmed || booking.Balance is not null)
        {
            Note($"{booking.Id}: not a stay paid in full");
            return false;
        }

        var daysLeft = random.Next(1, Math.Max(2, booking.Quote.Nights));
        try
        {
            await app.WithDbAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.Database.ExecuteSqlAsync($"UPDATE occupancies SET starts_on = current_date - 1, ends_on = current_date + {daysLeft} WHERE id = (SELECT occupancy_id FROM bookings WHERE id = {booking.Id})");
                await db.Database.ExecuteSqlAsync($"UPDATE bookings SET check_in = current_date - 1, check_out = current_date + {daysLeft}, check_out_at = now() + make_interval(days => {daysLeft}) WHERE id = {booking.Id}");
                await db.Database.ExecuteSqlAsync($"UPDATE payouts SET due_at = now() - interval '1 minute' WHERE booking_id = {booking.Id} AND status = 'Scheduled'");
                await transaction.CommitAsync();
                return 0;
            });
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ExclusionViolation)
        {
            Note($"{booking.Id}: other nights in the way");
            return false;
        }

        await JobAsync(services => services.GetRequiredService<Payouts>().SendDueAsync());
        Note($"{booking.Id}, {daysLeft} nights left");
        return true;
    }
}
