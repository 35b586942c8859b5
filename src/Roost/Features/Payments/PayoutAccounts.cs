using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Platform.Data;

namespace Roost.Features.Payments;

public sealed record PayoutAccountRequest([Required, RegularExpression("^acct_[A-Za-z0-9_]{1,90}$", ErrorMessage = "A gateway account id such as acct_1Nv0FG2eZvKYlo2C.")] string AccountId);

public sealed record PayoutAccountResponse(string AccountId, DateTimeOffset UpdatedAt);

/// <summary>The host's account at the gateway (Stripe Connect), where payouts go.</summary>
public sealed class PayoutAccount
{
    public Guid HostId { get; set; }

    public string GatewayAccountId { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A host's payout destination, written by REST and GraphQL alike.</summary>
public sealed class PayoutAccounts(RoostDb db, TimeProvider time)
{
    public async Task<PayoutAccountResponse> SetAsync(Guid hostId, string accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO payout_accounts (host_id, gateway_account_id, updated_at) VALUES ({hostId}, {accountId}, {now})
            ON CONFLICT (host_id) DO UPDATE SET gateway_account_id = EXCLUDED.gateway_account_id, updated_at = EXCLUDED.updated_at
            """,
            cancellationToken);
        return new PayoutAccountResponse(accountId, now);
    }
}

internal sealed class PayoutAccountConfiguration : IEntityTypeConfiguration<PayoutAccount>
{
    public void Configure(EntityTypeBuilder<PayoutAccount> account)
    {
        account.ToTable("payout_accounts");
        account.HasKey(a => a.HostId);
        account.Property(a => a.GatewayAccountId).HasMaxLength(100);
    }
}
