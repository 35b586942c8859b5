using Microsoft.EntityFrameworkCore;

namespace Roost.Platform.Data;

/// <summary>
/// The one database context. Features contribute their entities through
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes beside the entity and expose their sets
/// as extension properties, so this file never has to know which features exist.
/// </summary>
public sealed class RoostDb(DbContextOptions<RoostDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("citext");
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RoostDb).Assembly);
    }
}
