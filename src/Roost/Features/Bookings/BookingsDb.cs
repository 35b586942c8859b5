using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Bookings;

public static class BookingsDb
{
    extension(RoostDb db)
    {
        public DbSet<Booking> Bookings => db.Set<Booking>();

        /// <summary>
        /// The booking with its history, its row locked until the caller's transaction ends: whoever acts on a
        /// booking (an answer, a cancellation, a payment) waits for whoever acts on it already, then sees what they did.
        /// </summary>
        public async Task<Booking?> LockedBookingAsync(Guid bookingId, CancellationToken cancellationToken)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM bookings WHERE id = {bookingId} FOR UPDATE", cancellationToken);
            return await db.Bookings.Include(b => b.Transitions).SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        }
    }
}
