using Npgsql;

namespace Roost.Platform.Data;

/// <summary>SQLSTATE codes that mean the client asked for something the database's invariants refuse, and how an unreachable database shows.</summary>
public static class PostgresErrors
{
    public const string UniqueViolation = "23505";
    public const string ExclusionViolation = "23P01";
    public const string ForeignKeyViolation = "23503";

    public static bool IsUniqueViolation(this Exception exception, string? constraint = null) =>
        Matches(exception, UniqueViolation, constraint);

    public static bool IsExclusionViolation(this Exception exception, string? constraint = null) =>
        Matches(exception, ExclusionViolation, constraint);

    /// <summary>
    /// The database cannot serve the request just now, as Npgsql reports it directly or wrapped by EF: no connection
    /// (refused, timed out, pool exhausted, broken mid-command), or PostgreSQL answering that it is shutting down,
    /// starting, out of connections or resources, or gave up on a deadlock — the errors a retry can outlive.
    /// </summary>
    public static bool IsDatabaseUnavailable(this Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { IsTransient: true } || current is NpgsqlException and not PostgresException)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(Exception exception, string sqlState, string? constraint) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException) is { } pg
        && pg.SqlState == sqlState
        && (constraint is null || pg.ConstraintName == constraint);
}
