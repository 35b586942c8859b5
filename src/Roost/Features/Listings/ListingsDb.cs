using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Listings;

public static class ListingsDb
{
    extension(RoostDb db)
    {
        public DbSet<Listing> Listings => db.Set<Listing>();

        public DbSet<ListingPhoto> ListingPhotos => db.Set<ListingPhoto>();
    }
}
