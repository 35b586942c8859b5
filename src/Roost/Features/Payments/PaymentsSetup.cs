namespace Roost.Features.Payments;

public static class PaymentsSetup
{
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPaymentGateway, SandboxGateway>();
        return builder;
    }
}
