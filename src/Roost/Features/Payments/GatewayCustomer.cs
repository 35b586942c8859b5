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

    /// <summary>
    /// When the account closed: the customer (the guest's e-mail address and saved cards at the gateway) is then
    /// deleted there by <see cref="StripeCustomers.ForgetClosedAsync"/>, and this link with it.
    /// </summary>
    public DateTimeOffset? ForgetRequestedAt { get; set; }

    /// <summary>
    /// A closed account's customer is kept until then, as a claim for damage from a stay may still charge its saved
    /// card (<see cref="KeepForClaimsAsync"/>); null when nothing needs it.
    /// </summary>
    public DateTimeOffset? KeepUntil { get; set; }

    /// <summary>
    /// Keeps the payer's customer, if they have one, at least until <paramref name="until"/> even once their account
    /// closes: the features that may still charge the card say how long they need it.
    /// </summary>
    public static Task KeepForClaimsAsync(RoostDb db, Guid userId, DateTimeOffset until, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE gateway_customers SET keep_until = GREATEST(keep_until, {until}) WHERE user_id = {userId}", cancellationToken);

    /// <summary>
    /// A closed account's customer is marked in the closure's own transaction; the gateway is called by a job, after
    /// the commit, so a closure that rolls back forgets nothing and one that commits cannot be forgotten.
    /// </summary>
    public sealed class Erasure(RoostDb db, TimeProvider time) : IAccountErasure
    {
        public Task EraseAsync(Guid userId, string formerNormalizedEmail, CancellationToken cancellationToken) =>
            db.Set<GatewayCustomer>().Where(c => c.UserId == userId)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.ForgetRequestedAt, time.GetUtcNow()), cancellationToken);
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
        customer.HasIndex(c => c.ForgetRequestedAt).HasFilter("forget_requested_at IS NOT NULL");
    }
}
