using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Roost.Platform.Auth;
using Roost.Platform.Observability;

namespace Roost.Platform.Jobs;

/// <summary>Which halves of Roost this process runs, so the API and the job worker can scale apart.</summary>
public enum ProcessRole
{
    All,
    Api,
    Worker,
}

public static class JobsSetup
{
    public static ProcessRole Role(this IConfiguration configuration)
    {
        var value = configuration["role"] ?? configuration["Roost:Role"] ?? "all";
        return Enum.TryParse<ProcessRole>(value, ignoreCase: true, out var role)
            ? role
            : throw new InvalidOperationException($"Unknown role '{value}': use api, worker or all.");
    }

    public static IHostApplicationBuilder AddRoostJobs(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres")!;

        // The storage is registered as an instance, never through Hangfire's static JobStorage.Current, so two hosts
        // in one process (as in the tests) never hand jobs to each other's database.
        builder.Services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(
            new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()),
            new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(1),
                InvisibilityTimeout = TimeSpan.FromMinutes(30),
            }));
        builder.Services.AddHangfire((_, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        builder.Services.AddScoped<IBacklog, FailedJobsBacklog>();
        if (builder.Configuration.Role() is ProcessRole.All or ProcessRole.Worker)
        {
            builder.Services.AddHangfireServer((services, server) =>
            {
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                server.Activator = new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>());
                server.WorkerCount = builder.Configuration.GetValue<int?>("Jobs:WorkerCount") ?? Math.Max(2, Environment.ProcessorCount * 2);
                server.Queues = ["critical", "default", "email"];
            });
        }

        return builder;
    }

    /// <summary>The dashboard, for admins only (see <see cref="AuthSetup"/> for how a browser presents its token).</summary>
    public static void MapRoostJobsDashboard(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            // Endpoint authorization below decides; Hangfire's default filter would only admit local requests.
            Authorization = [new AllowAuthenticatedEndpoint()],
            DashboardTitle = "Roost jobs",
        }, storage).RequireAuthorization(Policies.Admin);
    }

    private sealed class AllowAuthenticatedEndpoint : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsAdmin();
    }
}
