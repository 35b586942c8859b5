using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Platform.Data;

namespace Roost.Features.Payments;

/// <summary>
/// A guest's customer at the gateway (a Stripe Customer). A card is saved to it when first paid with, so the charges
/// that come later without the guest at the checkout — a longer stay, a damage claim — can use it again: Stripe
/// refuses a second payment with a card that belongs to no customer.
/// </summary>
public sealed class GatewayCustomer
{
    public Guid UserId { get; set; }

    public string CustomerId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A closed account keeps no link to a customer at the gateway.</summary>
    public sealed class Erasure(RoostDb db) : IAccountErasure
    {
        public Task EraseAsync(Guid userId, string formerNormalizedEmail, CancellationToken cancellationToken) =>
            db.Set<GatewayCustomer>().Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }
}

internal sealed class GatewayCustomerConfiguration : IEntityTypeConfiguration<GatewayCustomer>
{
    public void Configure(EntityTypeBuilder<GatewayCustomer> customer)
    {
        customer.ToTable("gateway_customers");
        customer.HasKey(c => c.UserId);
        customer.Property(c => c.CustomerId).HasMaxLength(100);
        customer.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
