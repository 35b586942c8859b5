using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Roost.Features.Payments;

/// <summary>Every gateway event we accepted, once by its id: a replay finds its row and changes nothing.</summary>
public sealed class PaymentEvent
{
    public string Id { get; set; } = "";

    public string Type { get; set; } = "";

    public string? ObjectId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public string Payload { get; set; } = "";
}

/// <summary>
/// Our copy of a payment intent as the gateway's events describe it. Events arrive in any order, so each one only
/// moves it forward: a status never goes back to an earlier stage, and captured and refunded amounts only grow.
/// </summary>
public sealed class GatewayIntent
{
    public string Id { get; set; } = "";

    public string? Reference { get; set; }

    public string Currency { get; set; } = "";

    public long Amount { get; set; }

    public long Captured { get; set; }

    public long Refunded { get; set; }

    public string Status { get; set; } = "requires_payment_method";

    /// <summary>When the gateway created it, as far as the events we have seen tell.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public GatewayPayment ToPayment() => new(Id, Reference, Currency, Captured, Refunded, Status == "requires_capture", CreatedAt);

    public void Apply(GatewayEvent change, DateTimeOffset now)
    {
        Reference ??= change.Reference;
        if (CreatedAt == default || change.Created < CreatedAt)
        {
            CreatedAt = change.Created;
        }

        if (Currency.Length == 0)
        {
            Currency = change.Currency;
        }

        if (change.ObjectId == Id)
        {
            Amount = Math.Max(Amount, change.Amount);
        }

        Captured = Math.Max(Captured, change.Captured);
        Refunded = Math.Max(Refunded, change.Refunded);
        var status = change.Type switch
        {
            "payment_intent.succeeded" or "charge.refunded" => "succeeded",
            "payment_intent.canceled" => "canceled",
            "payment_intent.amount_capturable_updated" => "requires_capture",
            "payment_intent.payment_failed" => "requires_payment_method",
            _ => change.Status ?? Status,
        };
        if (Stage(status) > Stage(Status))
        {
            Status = status;
        }

        UpdatedAt = now;
    }

    private static int Stage(string status) => status switch
    {
        "requires_payment_method" or "requires_confirmation" or "requires_action" => 0,
        "processing" => 1,
        "requires_capture" => 2,
        "succeeded" or "canceled" => 3,
        _ => 0,
    };
}

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> paymentEvent)
    {
        paymentEvent.ToTable("payment_events");
        paymentEvent.HasKey(e => e.Id);
        paymentEvent.Property(e => e.Id).HasMaxLength(100);
        paymentEvent.Property(e => e.Type).HasMaxLength(100);
        paymentEvent.Property(e => e.ObjectId).HasMaxLength(100);
        paymentEvent.Property(e => e.Payload).HasColumnType("jsonb");
    }
}

internal sealed class GatewayIntentConfiguration : IEntityTypeConfiguration<GatewayIntent>
{
    public void Configure(EntityTypeBuilder<GatewayIntent> intent)
    {
        intent.ToTable("gateway_intents");
        intent.HasKey(i => i.Id);
        intent.Property(i => i.Id).HasMaxLength(100);
        intent.Property(i => i.Reference).HasMaxLength(100);
        intent.Property(i => i.Currency).HasMaxLength(3);
        intent.Property(i => i.Status).HasMaxLength(40);
    }
}
