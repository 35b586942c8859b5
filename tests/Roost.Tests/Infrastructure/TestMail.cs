using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Roost.Features.Accounts;
using Roost.Features.Notifications;
using Roost.Platform.Notifications;

namespace Roost.Tests.Infrastructure;

public static partial class TestMail
{
    /// <summary>Sends what is pending, as the worker would, and opens the latest e-mail of that kind to the user.</summary>
    public static async Task<MimeMessage> LatestMailAsync(this RoostApp app, Guid userId, string noticeType)
    {
        await app.WithScopeAsync(services => services.GetRequiredService<Mailer>().SendPendingAsync());
        var notice = (await app.NoticesAsync(userId)).Last(n => n.Type == noticeType);
        return await MimeMessage.LoadAsync(Path.Combine(app.MailRoot, $"{notice.Id:N}.eml"));
    }

    /// <summary>Sends what is pending and opens the latest e-mail of that kind to an address no account holds.</summary>
    public static async Task<MimeMessage> StrangerMailAsync(this RoostApp app, string address, string noticeType)
    {
        await app.WithScopeAsync(services => services.GetRequiredService<Mailer>().SendPendingAsync());
        var notice = (await app.StrangerNoticesAsync(address)).Last(n => n.Type == noticeType);
        return await MimeMessage.LoadAsync(Path.Combine(app.MailRoot, $"{notice.Id:N}.eml"));
    }

    public static Task<List<Notification>> StrangerNoticesAsync(this RoostApp app, string address) =>
        app.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.UserId == null && n.EmailTo == address).OrderBy(n => n.CreatedAt).ToListAsync());

    /// <summary>The token of the account link (<c>…#token=…</c>) the e-mail carries.</summary>
    public static string LinkToken(this MimeMessage mail)
    {
        var token = Token().Match(mail.TextBody ?? "").Groups[1].Value;
        token.ShouldNotBeNullOrEmpty(mail.TextBody);
        return token;
    }

    /// <summary>The user opens the sign-up link mailed to them, as someone holding the address does.</summary>
    public static async Task ConfirmAddressAsync(this RoostApp app, TestUser user)
    {
        var mail = await app.LatestMailAsync(user.Id, EmailChanges.VerifyNotice);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/email-change/confirm", new { token = mail.LinkToken() })).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
    }

    public static Task<List<Notification>> NoticesAsync(this RoostApp app, Guid userId) =>
        app.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ToListAsync());

    [GeneratedRegex(@"#token=([A-Za-z0-9_\-]+)")]
    private static partial Regex Token();
}
