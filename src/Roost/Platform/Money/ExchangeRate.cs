using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Roost.Platform.Money;

/// <summary>How many units of a currency one euro bought on <see cref="AsOf"/> (the European Central Bank's reference rate).</summary>
public sealed class ExchangeRate
{
    private ExchangeRate()
    {
    }

    public string Currency { get; private set; } = "";

    public decimal PerEuro { get; private set; }

    public DateOnly AsOf { get; private set; }

    public DateTimeOffset FetchedAt { get; private set; }
}

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> rate)
    {
        rate.ToTable("exchange_rates", t => t.HasCheckConstraint("ck_exchange_rates_positive", "per_euro > 0"));
        rate.HasKey(r => r.Currency);
        rate.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        rate.Property(r => r.PerEuro).HasPrecision(20, 8);
    }
}
