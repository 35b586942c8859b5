using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Bookings;

public static class BookingsDb
{
    extension(RoostDb db)
    {
        public DbSet<Booking> Bookings => db.Set<Booking>();
    }
}
