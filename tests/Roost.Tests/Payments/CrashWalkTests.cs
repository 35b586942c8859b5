using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Payments;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Payments;

/// <summary>
/// The money walks again, where now and then the process dies just after the gateway acted and before Roost wrote it
/// down: the gateway charged, captured, refunded or paid a host out, and the request or the job fails. The client
/// retries it as it was sent (Hangfire, the job), the gateway's webhooks arrive and reconciliation runs; after every
/// step the books must be as whole as without crashes.
/// </summary>
public sealed class CrashWalkTests(CrashingGatewayApp app) : IClassFixture<CrashingGatewayApp>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public Task Lost_gateway_answers_leave_the_books_whole_once_the_client_retries_and_reconciliation_runs(int seed) =>
        MoneyWalk.RunAsync(app, seed, app.Crash);
}

/// <summary>When armed, the next gateway call's answer is lost: the call is made, then the request fails.</summary>
public sealed class GatewayCrash
{
    private int _armed;
    private int _crashed;

    public void Arm() => Interlocked.Exchange(ref _armed, 1);

    /// <summary>Disarms; true when a call was lost since it was armed.</summary>
    public bool Disarm()
    {
        Interlocked.Exchange(ref _armed, 0);
        return Interlocked.Exchange(ref _crashed, 0) == 1;
    }

    /// <summary>For the gateway: lose this answer? Once an arming.</summary>
    public bool TakeArmed()
    {
        var take = Interlocked.Exchange(ref _armed, 0) == 1;
        if (take)
        {
            Interlocked.Exchange(ref _crashed, 1);
        }

        return take;
    }

    /// <summary>For the client: did the failure it got come from a lost answer (and not a bug, which must show)?</summary>
    public bool Crashed => Volatile.Read(ref _crashed) == 1;
}

/// <summary>What the dying process throws: nothing in Roost catches it, as nothing catches a power cut.</summary>
public sealed class ProcessDied() : Exception("The process died after the gateway answered.");

public sealed class CrashingGatewayApp : RoostApp
{
    public GatewayCrash Crash { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IPaymentGateway));
            services.Remove(real);
            services.AddSingleton<IPaymentGateway>(sp => new LosesAnswers((IPaymentGateway)real.ImplementationFactory!(sp), Crash));
        });
    }

    protected override IEnumerable<DelegatingHandler> ClientHandlers() => [new RetriesAfterCrash(Crash)];

    private sealed class LosesAnswers(IPaymentGateway inner, GatewayCrash crash) : IPaymentGateway
    {
        public async Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken) =>
            Answer(await inner.AuthorizeAsync(request, cancellationToken));

        public async Task<PaymentResult> CaptureAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
            Answer(await inner.CaptureAsync(intentId, idempotencyKey, cancellationToken));

        public async Task<PaymentResult> VoidAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
            Answer(await inner.VoidAsync(intentId, idempotencyKey, cancellationToken));

        public async Task<PaymentResult> RefundAsync(string intentId, long amount, string idempotencyKey, CancellationToken cancellationToken) =>
            Answer(await inner.RefundAsync(intentId, amount, idempotencyKey, cancellationToken));

        public async Task<PayoutResult> PayoutAsync(PayoutRequest request, CancellationToken cancellationToken)
        {
            var result = await inner.PayoutAsync(request, cancellationToken);
            return crash.TakeArmed() ? throw new ProcessDied() : result;
        }

        public Task<IReadOnlyList<GatewayPayment>> ListPaymentsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            inner.ListPaymentsAsync(from, to, cancellationToken);

        private PaymentResult Answer(PaymentResult result) => crash.TakeArmed() ? throw new ProcessDied() : result;
    }

    /// <summary>A client that, when its request failed because an answer was lost, sends it again as it was: same body, same headers, same key.</summary>
    private sealed class RetriesAfterCrash(GatewayCrash crash) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.InternalServerError || !crash.Crashed)
            {
                return response;
            }

            var again = new HttpRequestMessage(request.Method, request.RequestUri);
            foreach (var header in request.Headers)
            {
                again.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (body is not null)
            {
                again.Content = new ByteArrayContent(body);
                foreach (var header in request.Content!.Headers)
                {
                    again.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            return await base.SendAsync(again, cancellationToken);
        }
    }
}
