using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;

namespace Roost.Features.Search;

/// <summary>
/// A search a guest keeps, as the query string of <c>GET /listings</c>, and whether they want to hear of homes
/// published for it since it was last checked.
/// </summary>
public sealed class SavedSearch
{
    public const int MaxPerUser = 20;
    public const int MaxQueryLength = 2000;

    /// <summary>Paging and order belong to a reading of the results, not to the search kept.</summary>
    public static readonly string[] NotKept = ["cursor", "limit", "sort"];

    private SavedSearch()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Name { get; private set; } = "";

    public string Query { get; private set; } = "";

    public bool Alerts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Homes published after this are news for the next alert.</summary>
    public DateTimeOffset CheckedAt { get; private set; }

    public static SavedSearch Keep(Guid userId, string name, string query, bool alerts, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        Name = name,
        Query = query,
        Alerts = alerts,
        CreatedAt = now,
        CheckedAt = now,
    };

    public void Checked(DateTimeOffset at) => CheckedAt = at;

    public void Change(string? name, bool? alerts, DateTimeOffset now)
    {
        Name = name ?? Name;
        if (alerts is { } on && on != Alerts)
        {
            Alerts = on;
            // Turned back on, it tells of what is new from now, not of everything since it was switched off.
            CheckedAt = now;
        }
    }
}

internal sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> search)
    {
        search.ToTable("saved_searches");
        search.HasKey(s => s.Id);
        search.Property(s => s.Id).ValueGeneratedNever();
        search.Property(s => s.Name).HasMaxLength(100);
        search.Property(s => s.Query).HasMaxLength(SavedSearch.MaxQueryLength);
        search.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        search.HasIndex(s => new { s.UserId, s.Name }).IsUnique();
        // The alert sweep reads only the searches that asked for alerts.
        search.HasIndex(s => s.CheckedAt).HasFilter("alerts");
    }
}
