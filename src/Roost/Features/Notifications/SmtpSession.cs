using MailKit.Net.Smtp;

namespace Roost.Features.Notifications;

/// <summary>
/// One SMTP connection for a whole mailer run, as mail providers expect: a handshake, TLS and login per message is
/// slow and trips their connection limits. Opened on first use; a broken one is dropped and the next message opens
/// another; the server refusing one message leaves it in use.
/// </summary>
internal sealed class SmtpSession(EmailOptions settings) : IAsyncDisposable
{
    private SmtpClient? _client;

    /// <summary>The failures that belong to a delivery (the server, the network, TLS, the login), not to our code.</summary>
    public static bool IsDeliveryFailure(Exception ex) =>
        ex is IOException or System.Net.Sockets.SocketException or TimeoutException or MailKit.ProtocolException or MailKit.CommandException
            or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or MailKit.ServiceNotConnectedException;

    public async Task<SmtpClient> ConnectAsync()
    {
        if (_client is { IsConnected: true })
        {
            return _client;
        }

        await CloseAsync();
        // MailKit waits two minutes by default; a server that slow is down for our purposes.
        var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        try
        {
            var host = settings.SmtpHost ?? throw new InvalidOperationException("No SMTP host is configured; e-mails go to the pickup folder.");
            await client.ConnectAsync(host, settings.SmtpPort, MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable);
            if (!string.IsNullOrEmpty(settings.SmtpUser))
            {
                await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "");
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return _client = client;
    }

    public async Task SendAsync(MimeKit.MimeMessage message)
    {
        var client = await ConnectAsync();
        try
        {
            await client.SendAsync(message);
        }
        catch (Exception ex) when (ex is not SmtpCommandException)
        {
            await CloseAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private async Task CloseAsync()
    {
        if (_client is not { } client)
        {
            return;
        }

        _client = null;
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true);
            }
        }
        catch (Exception ex) when (IsDeliveryFailure(ex))
        {
            // The messages are sent and recorded; a goodbye the server did not hear changes nothing.
        }
        finally
        {
            client.Dispose();
        }
    }
}
