using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Roost.Features.Payments;

/// <summary>The sandbox gateway's own record of a payment intent, kept in PostgreSQL like Stripe keeps its own.</summary>
public sealed class SandboxIntent
{
    private SandboxIntent()
    {
    }

    public string Id { get; private set; } = "";

    public string IdempotencyKey { get; private set; } = "";

    public long Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public string PaymentMethod { get; private set; } = "";

    public string? Reference { get; private set; }

    public IntentStatus Status { get; private set; }

    public long AmountCaptured { get; private set; }

    public long AmountRefunded { get; private set; }

    public string? DeclineCode { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static SandboxIntent Create(PaymentRequest request, IntentStatus status, string? declineCode, DateTimeOffset now) => new()
    {
        Id = "pi_sbx_" + Guid.CreateVersion7(now).ToString("N"),
        IdempotencyKey = request.IdempotencyKey,
        Amount = request.Amount,
        Currency = request.Currency,
        PaymentMethod = request.PaymentMethod,
        Reference = request.Reference,
        Status = status,
        AmountCaptured = status == IntentStatus.Succeeded ? request.Amount : 0,
        DeclineCode = declineCode,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void Capture(DateTimeOffset now)
    {
        Status = IntentStatus.Succeeded;
        AmountCaptured = Amount;
        UpdatedAt = now;
    }

    public void Cancel(DateTimeOffset now)
    {
        Status = IntentStatus.Canceled;
        UpdatedAt = now;
    }

    public void Refund(long amount, DateTimeOffset now)
    {
        AmountRefunded += amount;
        UpdatedAt = now;
    }
}

/// <summary>One row per gateway call key: the answer to replay when the same key comes again.</summary>
public sealed class SandboxOperation
{
    public string IdempotencyKey { get; set; } = "";

    public string IntentId { get; set; } = "";

    public string Kind { get; set; } = "";

    public long Amount { get; set; }

    /// <summary>What the operation made, when it made something (a payout's id).</summary>
    public string? ResultId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An event the sandbox will deliver to our webhook, signed, as Stripe would.</summary>
public sealed class SandboxEvent
{
    public string Id { get; set; } = "";

    public string Type { get; set; } = "";

    public string Payload { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>When a refused delivery is tried again; null: it may go now.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}

internal sealed class SandboxIntentConfiguration : IEntityTypeConfiguration<SandboxIntent>
{
    public void Configure(EntityTypeBuilder<SandboxIntent> intent)
    {
        intent.ToTable("sandbox_payment_intents", t => t.HasCheckConstraint("ck_sandbox_refund", "amount_refunded <= amount_captured"));
        intent.HasKey(i => i.Id);
        intent.Property(i => i.Id).HasMaxLength(64);
        intent.Property(i => i.IdempotencyKey).HasMaxLength(200);
        intent.HasIndex(i => i.IdempotencyKey).IsUnique();
        intent.Property(i => i.Currency).HasMaxLength(3);
        intent.Property(i => i.PaymentMethod).HasMaxLength(100);
        intent.Property(i => i.DeclineCode).HasMaxLength(50);
        intent.Property(i => i.Reference).HasMaxLength(100);
        intent.HasIndex(i => i.CreatedAt);
        intent.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class SandboxOperationConfiguration : IEntityTypeConfiguration<SandboxOperation>
{
    public void Configure(EntityTypeBuilder<SandboxOperation> operation)
    {
        operation.ToTable("sandbox_payment_operations");
        operation.HasKey(o => o.IdempotencyKey);
        operation.Property(o => o.IdempotencyKey).HasMaxLength(200);
        operation.Property(o => o.IntentId).HasMaxLength(64);
        operation.Property(o => o.Kind).HasMaxLength(20);
        operation.Property(o => o.ResultId).HasMaxLength(64);
    }
}

internal sealed class SandboxEventConfiguration : IEntityTypeConfiguration<SandboxEvent>
{
    public void Configure(EntityTypeBuilder<SandboxEvent> sandboxEvent)
    {
        sandboxEvent.ToTable("sandbox_events");
        sandboxEvent.HasKey(e => e.Id);
        sandboxEvent.Property(e => e.Id).HasMaxLength(64);
        sandboxEvent.Property(e => e.Type).HasMaxLength(100);
        sandboxEvent.Property(e => e.LastError).HasMaxLength(500);
        sandboxEvent.HasIndex(e => e.CreatedAt).HasFilter("delivered_at IS NULL");
    }
}
