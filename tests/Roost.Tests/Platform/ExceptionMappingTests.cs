using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

/// <summary>
/// The exception handler on real PostgreSQL errors. No route can yet violate an exclusion constraint (bookings will),
/// so these drive the handler with the exception PostgreSQL really raises.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExceptionMappingTests(RoostApp app)
{
    [Fact]
    public async Task An_exclusion_constraint_violation_is_a_409_problem()
    {
        var violation = await CaptureAsync("""
            CREATE TEMP TABLE stays (room int, nights daterange, EXCLUDE USING gist (room WITH =, nights WITH &&));
            INSERT INTO stays VALUES (1, '[2027-01-01,2027-01-05)'), (1, '[2027-01-04,2027-01-06)');
            """);
        violation.SqlState.ShouldBe("23P01");

        var (status, body) = await HandleAsync(new DbUpdateException("save failed", violation));

        status.ShouldBe(HttpStatusCode.Conflict);
        body.GetProperty("status").GetInt32().ShouldBe(409);
        body.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_unique_violation_is_a_409_problem_naming_the_constraint()
    {
        var violation = await CaptureAsync("""
            CREATE TEMP TABLE handles (name text CONSTRAINT ux_handles UNIQUE);
            INSERT INTO handles VALUES ('a'), ('a');
            """);

        var (status, body) = await HandleAsync(new DbUpdateException("save failed", violation));

        status.ShouldBe(HttpStatusCode.Conflict);
        body.GetProperty("constraint").GetString().ShouldBe("ux_handles");
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_500_that_reveals_nothing()
    {
        var (status, body) = await HandleAsync(new InvalidOperationException("connection string Password=hunter2 at /srv/secret"));

        status.ShouldBe(HttpStatusCode.InternalServerError);
        var text = body.ToString();
        text.ShouldNotContain("hunter2");
        text.ShouldNotContain("InvalidOperationException");
        body.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_unreachable_database_is_a_503_with_retry_after_however_it_surfaces()
    {
        // A port nothing listens on: what a request meets while PostgreSQL restarts or fails over.
        var unreachable = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var connection = new NpgsqlConnection(unreachable);
        var raw = await Should.ThrowAsync<NpgsqlException>(() => connection.OpenAsync());
        var options = new DbContextOptionsBuilder<Roost.Platform.Data.RoostDb>().UseNpgsql(unreachable).UseSnakeCaseNamingConvention().Options;
        await using var db = new Roost.Platform.Data.RoostDb(options);
        var throughEf = await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("SELECT 1"));

        // And what a connection already open meets when PostgreSQL shuts down under it.
        var shutdown = await CaptureAsync("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'admin_shutdown', MESSAGE = 'terminating connection due to administrator command'; END $$");

        foreach (var exception in new[] { raw, throughEf, new DbUpdateException("save failed", raw), new InvalidOperationException("transient", shutdown) })
        {
            var (status, body, headers) = await HandleWithHeadersAsync(exception);
            status.ShouldBe(HttpStatusCode.ServiceUnavailable, exception.GetType().Name);
            headers.RetryAfter.ToString().ShouldBe("5");
            body.GetProperty("title").GetString()!.ShouldContain("database is unavailable");
            body.ToString().ShouldNotContain("127.0.0.1");
        }
    }

    private async Task<PostgresException> CaptureAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> HandleAsync(Exception exception)
    {
        var (status, body, _) = await HandleWithHeadersAsync(exception);
        return (status, body);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, IHeaderDictionary Headers)> HandleWithHeadersAsync(Exception exception)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();
        var handler = scope.ServiceProvider.GetServices<IExceptionHandler>().Single();

        (await handler.TryHandleAsync(context, exception, CancellationToken.None)).ShouldBeTrue();

        context.Response.Body.Position = 0;
        return ((HttpStatusCode)context.Response.StatusCode, (await JsonDocument.ParseAsync(context.Response.Body)).RootElement, context.Response.Headers);
    }
}
