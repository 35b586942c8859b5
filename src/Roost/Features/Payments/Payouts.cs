using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Roost.Platform.Data;
using Roost.Platform.Http;
using Roost.Platform.Money;
using Roost.Platform.Notifications;

namespace Roost.Features.Payments;

public enum PayoutStatus
{
    Scheduled,
    Paid,
    Failed,
    Cancelled,
}

/// <summary>
/// Money owed to a host for one booking (or one month of a long stay), sent when due. The gateway call carries the
/// key <c>payout:{id}</c>, so however often the job retries or crashes, the host is paid once.
/// </summary>
public sealed class Payout
{
    private Payout()
    {
    }

    public Guid Id { get; private set; }

    public Guid HostId { get; private set; }

    public Guid BookingId { get; private set; }

    /// <summary>0 for the only or first payout; long stays pay one per 30 nights.</summary>
    public int Installment { get; private set; }

    public string Currency { get; private set; } = "";

    public long Amount { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public PayoutStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? NextAttemptAt { get; private set; }

    public string? GatewayPayoutId { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsOpen => Status is PayoutStatus.Scheduled or PayoutStatus.Failed;

    internal static Payout Create(LedgerParty party, int installment, long amount, DateTimeOffset dueAt, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        HostId = party.HostId,
        BookingId = party.BookingId,
        Installment = installment,
        Currency = party.Currency,
        Amount = amount,
        DueAt = dueAt,
        Status = PayoutStatus.Scheduled,
        CreatedAt = now,
        UpdatedAt = now,
    };

    internal void Resize(long amount, DateTimeOffset now)
    {
        Amount = amount;
        if (amount == 0)
        {
            Status = PayoutStatus.Cancelled;
            NextAttemptAt = null;
        }

        UpdatedAt = now;
    }

    internal void Paid(string gatewayPayoutId, DateTimeOffset now)
    {
        Status = PayoutStatus.Paid;
        GatewayPayoutId = gatewayPayoutId;
        PaidAt = now;
        NextAttemptAt = null;
        LastError = null;
        UpdatedAt = now;
    }

    internal void AttemptFailed(string error, DateTimeOffset? retryAt, DateTimeOffset now)
    {
        Status = PayoutStatus.Failed;
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = retryAt;
        UpdatedAt = now;
    }
}

/// <summary>The host's account at the gateway (Stripe Connect), where payouts go.</summary>
public sealed class PayoutAccount
{
    public Guid HostId { get; set; }

    public string GatewayAccountId { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed record PayoutResponse(
    Guid Id, PayoutStatus Status, Money Amount, DateTimeOffset DueAt, DateTimeOffset? PaidAt, int Attempts, string? LastError,
    IReadOnlyList<Guid> Bookings, string? GatewayPayoutId);

public sealed record PayoutCursor(DateTimeOffset DueAt, Guid Id);

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

    public bool IsStripe => string.Equals(Gateway, "stripe", StringComparison.OrdinalIgnoreCase);
}

public sealed class StripeOptions
{
    public string? SecretKey { get; set; }

    /// <summary>Another base address for Stripe's API (a local fake in tests); Stripe's own when unset.</summary>
    public string? ApiBase { get; set; }
}

/// <summary>Scheduling, revising and sending host payouts.</summary>
public sealed class Payouts(RoostDb db, IPaymentGateway gateway, IOptions<PaymentOptions> options, TimeProvider time, ILogger<Payouts> logger)
{
    public const int LongStayNights = 28;
    private const int NightsPerInstallment = 30;

    /// <summary>
    /// Due <see cref="PaymentOptions.PayoutDelay"/> after check-in; a stay of 28 nights or more is paid a month at a
    /// time (one payout per 30 nights, each due that long after check-in), so the host is paid as the guest stays.
    /// </summary>
    public void Schedule(LedgerParty party, long hostShare, DateTimeOffset checkIn, int nights, DateTimeOffset now)
    {
        var delay = options.Value.PayoutDelay;
        var installments = nights >= LongStayNights ? (nights + NightsPerInstallment - 1) / NightsPerInstallment : 1;
        long scheduled = 0;
        for (var i = 0; i < installments; i++)
        {
            var nightsSoFar = Math.Min(nights, (i + 1) * NightsPerInstallment);
            var upTo = i == installments - 1 ? hostShare : MoneyMath.Share(hostShare, nightsSoFar, nights);
            db.Add(Payout.Create(party, i, upTo - scheduled, checkIn + delay + TimeSpan.FromDays(i * NightsPerInstallment), now));
            scheduled = upTo;
        }
    }

    /// <summary>
    /// After a refund or penalty, the open payouts of a booking shrink (the last ones first) to what the host is
    /// still owed, so a host never sees a payout that will not come. Call after the change is saved.
    /// </summary>
    public async Task ReviseAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var owed = Math.Max(0, await Ledger.HostBalanceAsync(db, bookingId, cancellationToken));
        var open = await db.Set<Payout>().Where(p => p.BookingId == bookingId && (p.Status == PayoutStatus.Scheduled || p.Status == PayoutStatus.Failed))
            .OrderBy(p => p.Installment).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var payout in open)
        {
            var amount = Math.Min(payout.Amount, owed);
            if (amount != payout.Amount)
            {
                payout.Resize(amount, now);
            }

            owed -= amount;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The job: every due payout, each under its own row lock (SKIP LOCKED, so two workers share the work).</summary>
    public async Task SendDueAsync()
    {
        var now = time.GetUtcNow();
        var due = await db.Set<Payout>().AsNoTracking()
            .Where(p => (p.Status == PayoutStatus.Scheduled && p.DueAt <= now) || (p.Status == PayoutStatus.Failed && p.NextAttemptAt <= now))
            .OrderBy(p => p.DueAt).Select(p => p.Id).Take(500).ToListAsync();
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            await SendAsync(id, CancellationToken.None);
        }
    }

    public async Task SendAsync(Guid payoutId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM payouts WHERE id = {payoutId} FOR UPDATE SKIP LOCKED").ToListAsync(cancellationToken);
        var payout = locked.Count == 0 ? null : await db.Set<Payout>().SingleAsync(p => p.Id == payoutId, cancellationToken);
        var now = time.GetUtcNow();
        if (payout is null || !payout.IsOpen || (payout.Status == PayoutStatus.Failed && payout.NextAttemptAt is null))
        {
            return;
        }

        // Never more than the booking still owes its host: a refund since scheduling lowers it.
        var owed = await Ledger.HostBalanceAsync(db, payout.BookingId, cancellationToken);
        if (Math.Min(payout.Amount, owed) <= 0)
        {
            payout.Resize(0, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        var amount = Math.Min(payout.Amount, owed);
        var destination = await db.Set<PayoutAccount>().Where(a => a.HostId == payout.HostId).Select(a => a.GatewayAccountId).SingleOrDefaultAsync(cancellationToken);
        var result = await gateway.PayoutAsync(
            new PayoutRequest(amount, payout.Currency, destination, $"payout:{payout.Id}", $"Roost payout for booking {payout.BookingId}", payout.Id.ToString()),
            cancellationToken);
        if (result.Succeeded)
        {
            if (amount != payout.Amount)
            {
                payout.Resize(amount, now);
            }

            Complete(payout, result.PayoutId!, now);
        }
        else
        {
            var retryAt = payout.Attempts + 1 < options.Value.PayoutMaxAttempts
                ? now + options.Value.PayoutFirstRetry * Math.Pow(2, payout.Attempts)
                : (DateTimeOffset?)null;
            payout.AttemptFailed($"{result.ErrorCode}: {result.Message}", retryAt, now);
            // The alert: an error-level event that log-based alerting picks up, and a note to the host.
            logger.LogError("ALERT payout {PayoutId} of {Amount} {Currency} to host {HostId} failed (attempt {Attempts}): {Error}; next try {RetryAt}",
                payout.Id, amount, payout.Currency, payout.HostId, payout.Attempts, result.Message, retryAt);
            Notify.Add(db, payout.HostId, "payout_failed", "A payout to you failed",
                retryAt is null ? $"We could not send {Describe(amount, payout.Currency)}; our team will contact you." : $"We could not send {Describe(amount, payout.Currency)}; we will try again.",
                new { payoutId = payout.Id, bookingId = payout.BookingId }, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The gateway reports a transfer we made: if our commit was lost after the gateway paid, this lands it.</summary>
    public async Task ConfirmSentAsync(Guid payoutId, string gatewayPayoutId, long amount, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM payouts WHERE id = {payoutId} FOR UPDATE", cancellationToken);
        var payout = await db.Set<Payout>().SingleOrDefaultAsync(p => p.Id == payoutId, cancellationToken);
        if (payout is null || !payout.IsOpen)
        {
            return;
        }

        payout.Resize(amount, time.GetUtcNow());
        Complete(payout, gatewayPayoutId, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Page<PayoutResponse>> ListAsync(Guid hostId, int limit, PayoutCursor? after, CancellationToken cancellationToken)
    {
        var query = db.Set<Payout>().AsNoTracking().Where(p => p.HostId == hostId);
        if (after is not null)
        {
            query = query.Where(p => p.DueAt < after.DueAt || (p.DueAt == after.DueAt && p.Id.CompareTo(after.Id) < 0));
        }

        var rows = await query.OrderByDescending(p => p.DueAt).ThenByDescending(p => p.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).Select(p => new PayoutResponse(
            p.Id, p.Status, new Money(p.Amount, p.Currency), p.DueAt, p.PaidAt, p.Attempts, p.LastError, [p.BookingId], p.GatewayPayoutId)).ToList();
        return new Page<PayoutResponse>(page, rows.Count > limit ? Cursor.Encode(new PayoutCursor(rows[limit - 1].DueAt, rows[limit - 1].Id)) : null);
    }

    private void Complete(Payout payout, string gatewayPayoutId, DateTimeOffset now)
    {
        payout.Paid(gatewayPayoutId, now);
        Ledger.Payout(db, new LedgerParty(payout.BookingId, payout.HostId, payout.Currency), payout.Id, gatewayPayoutId, payout.Amount, now);
        Notify.Add(db, payout.HostId, "payout_sent", "You have been paid", $"{Describe(payout.Amount, payout.Currency)} is on its way to your account.",
            new { payoutId = payout.Id, bookingId = payout.BookingId }, now);
        logger.LogInformation("Payout {PayoutId} of {Amount} {Currency} sent as {GatewayPayoutId}", payout.Id, payout.Amount, payout.Currency, gatewayPayoutId);
    }

    private static string Describe(long amount, string currency) =>
        $"{(amount / (decimal)Math.Pow(10, Currency.Digits(currency))).ToString("N" + Currency.Digits(currency), System.Globalization.CultureInfo.InvariantCulture)} {currency}";
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> payout)
    {
        payout.ToTable("payouts", t => t.HasCheckConstraint("ck_payouts_amount", "amount >= 0"));
        payout.HasKey(p => p.Id);
        payout.Property(p => p.Id).ValueGeneratedNever();
        payout.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        payout.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        payout.Property(p => p.GatewayPayoutId).HasMaxLength(100);
        payout.Property(p => p.LastError).HasMaxLength(500);
        payout.Ignore(p => p.IsOpen);
        payout.HasIndex(p => new { p.BookingId, p.Installment }).IsUnique();
        payout.HasIndex(p => new { p.HostId, p.DueAt, p.Id });
        payout.HasIndex(p => p.DueAt).HasFilter("status IN ('Scheduled', 'Failed')");
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
