namespace Roost.Features.Bookings;

/// <summary>A stay paid in two parts: what is left to pay, when it is charged, and how often the card refused it.</summary>
public sealed partial class Booking
{
    /// <summary>What the guest still owes, charged at <see cref="BalanceDueAt"/>; 0 once paid (or for a stay paid in full).</summary>
    public long BalanceAmount { get; private set; }

    /// <summary>When the rest is charged next: its due date, then a day after each refusal; null when nothing is owed.</summary>
    public DateTimeOffset? BalanceDueAt { get; private set; }

    public int BalanceFailures { get; private set; }

    /// <summary>What the first payment takes: all of it, or the part paid now.</summary>
    public long FirstPayment => Total - BalanceAmount;

    public bool OwesBalance => BalanceAmount > 0;

    /// <summary>What the guest has paid for the stay and not had back.</summary>
    public long Paid => AmountCaptured - AmountRefunded;

    /// <summary>
    /// Less is paid than the stay costs: its rest is still to be charged, or support gave some back outside the policy.
    /// Cancelling it then refunds out of what was paid, the policy keeping what it keeps of the whole price.
    /// </summary>
    public bool PaidShort => Status == BookingStatus.Confirmed && Paid < Total;

    /// <summary>Set when the booking is made, before anything is charged.</summary>
    public void PayRestLater(PartPayment plan)
    {
        BalanceAmount = plan.DueLater.Amount;
        BalanceDueAt = plan.DueLaterAt;
    }

    public void BalancePaid(long amount, string? savedMethod, DateTimeOffset now)
    {
        AmountCaptured += amount;
        BalanceAmount = 0;
        BalanceDueAt = null;
        PaymentMethod = savedMethod ?? PaymentMethod;
        UpdatedAt = now;
    }

    public void BalanceRefused(DateTimeOffset retryAt, DateTimeOffset now)
    {
        BalanceFailures++;
        BalanceDueAt = retryAt;
        UpdatedAt = now;
    }

    /// <summary>A stay that ends (declined, lapsed, cancelled) owes nothing more.</summary>
    private void ForgetBalance()
    {
        BalanceAmount = 0;
        BalanceDueAt = null;
    }
}
