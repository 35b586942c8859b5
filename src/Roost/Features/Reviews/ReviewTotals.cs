using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Listings;

namespace Roost.Features.Reviews;

/// <summary>Running sums of a listing's published guest reviews, so averages per category cost one row to read.</summary>
public sealed class ReviewTotals
{
    public Guid ListingId { get; set; }

    public int Count { get; set; }

    public long Rating { get; set; }

    public long Cleanliness { get; set; }

    public long Accuracy { get; set; }

    public long CheckIn { get; set; }

    public long Communication { get; set; }

    public long Location { get; set; }

    public long Value { get; set; }

    public RatingBreakdown Breakdown()
    {
        double? Avg(long sum) => Count == 0 ? null : Math.Round((double)sum / Count, 2);
        return new RatingBreakdown(Avg(Rating), Count, new Dictionary<string, double?>
        {
            ["cleanliness"] = Avg(Cleanliness),
            ["accuracy"] = Avg(Accuracy),
            ["checkIn"] = Avg(CheckIn),
            ["communication"] = Avg(Communication),
            ["location"] = Avg(Location),
            ["value"] = Avg(Value),
        });
    }
}

internal sealed class ReviewTotalsConfiguration : IEntityTypeConfiguration<ReviewTotals>
{
    public void Configure(EntityTypeBuilder<ReviewTotals> totals)
    {
        totals.ToTable("listing_review_totals");
        totals.HasKey(t => t.ListingId);
        totals.HasOne<Listing>().WithMany().HasForeignKey(t => t.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}
