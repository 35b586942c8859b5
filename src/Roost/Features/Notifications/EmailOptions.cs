namespace Roost.Features.Notifications;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Roost <no-reply@roost.test>";

    /// <summary>Without an SMTP host, each e-mail is written here as an .eml file (the default for run and tests).</summary>
    public string PickupDirectory { get; set; } = ".roost/mail";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary>
    /// The one-click unsubscribe address (RFC 8058) in e-mails a user may turn off; <c>{token}</c> is replaced. Mail
    /// apps POST to it, so it must reach this API's <c>/api/v1/email-preferences/unsubscribe</c>.
    /// </summary>
    public string UnsubscribeLink { get; set; } = "http://127.0.0.1:5080/api/v1/email-preferences/unsubscribe?token={token}";

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }
}
