namespace Roost.Features.Payments;

public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary><c>sandbox</c> (default) or <c>stripe</c>.</summary>
    public string Gateway { get; set; } = "sandbox";

    /// <summary>The webhook signing secret (Stripe's <c>whsec_…</c>). Required with Stripe; the sandbox makes one up if unset.</summary>
    public string? WebhookSecret { get; set; }

    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public StripeOptions Stripe { get; set; } = new();

    /// <summary>How long after check-in (at the listing's check-in time) a host is paid.</summary>
    public TimeSpan PayoutDelay { get; set; } = TimeSpan.FromHours(24);

    public int PayoutMaxAttempts { get; set; } = 8;

    public TimeSpan PayoutFirstRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the daily reconciliation compares the gateway with the ledger.</summary>
    public TimeSpan ReconciliationWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Refused payments a payer may have in an hour before their next try is refused unasked (card testing); 0 turns it off.</summary>
    public int MaxDeclinesPerHour { get; set; } = 5;

    public bool IsStripe => string.Equals(Gateway, "stripe", StringComparison.OrdinalIgnoreCase);
}

public sealed class StripeOptions
{
    public string? SecretKey { get; set; }

    /// <summary>Another base address for Stripe's API (a local fake in tests); Stripe's own when unset.</summary>
    public string? ApiBase { get; set; }
}
