using Hangfire;
using Roost.Platform.Observability;

namespace Roost.Platform.Jobs;

/// <summary>Jobs that used up their retries: Hangfire keeps them, failed, until someone looks (at <c>/jobs</c>).</summary>
internal sealed class FailedJobsBacklog(JobStorage storage) : IBacklog
{
    public string Queue => "jobs_failed";

    public Task<BacklogReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(new BacklogReading(storage.GetMonitoringApi().FailedCount(), null));
}
