namespace Roost.Features.Bookings;

public sealed class BookingOptions
{
    public const string Section = "Bookings";

    public decimal GuestServiceFeePercent { get; set; } = 14;

    public decimal HostServiceFeePercent { get; set; } = 3;

    /// <summary>Tax percent by ISO country code of the listing; countries not named pay none.</summary>
    public Dictionary<string, decimal> TaxPercentByCountry { get; set; } = [];

    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>0 turns the limit off.</summary>
    public int MaxPendingRequestsPerGuest { get; set; } = 5;

    /// <summary>0 turns the limit off (the booking benchmark does, to measure booking itself).</summary>
    public int MaxBookingsPerGuestPerDay { get; set; } = 10;

    /// <summary>What a host who cancels a confirmed stay owes, as a percent of their payout for it.</summary>
    public decimal HostCancellationPenaltyPercent { get; set; } = 10;

    /// <summary>What a stay paid in two parts takes when booked, as a percent of its total; the rest is charged later.</summary>
    public decimal PartPaymentPercent { get; set; } = 50;

    /// <summary>How many days before check-in (at the check-in hour where the home is) the rest of a stay paid in two parts is charged.</summary>
    public int BalanceDueDaysBeforeCheckIn { get; set; } = 14;

    /// <summary>How many times the rest is tried, a day apart, before the stay is cancelled for it.</summary>
    public int BalanceAttempts { get; set; } = 3;

    public bool LimitsGuests => MaxPendingRequestsPerGuest > 0 || MaxBookingsPerGuestPerDay > 0;

    public PricingRates RatesFor(string? countryCode) => new(
        GuestServiceFeePercent,
        HostServiceFeePercent,
        countryCode is not null && TaxPercentByCountry.TryGetValue(countryCode, out var tax) ? tax : 0);
}
