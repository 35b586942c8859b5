using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Calendar;

public static class CalendarDb
{
    extension(RoostDb db)
    {
        public DbSet<Occupancy> Occupancies => db.Set<Occupancy>();

        public DbSet<NightOverride> NightOverrides => db.Set<NightOverride>();

        public DbSet<CalendarImport> CalendarImports => db.Set<CalendarImport>();
    }
}
