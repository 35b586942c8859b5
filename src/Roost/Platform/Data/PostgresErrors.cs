using Npgsql;

namespace Roost.Platform.Data;

/// <summary>SQLSTATE codes that mean the client asked for something the database's invariants refuse, and how an unreachable database shows.</summary>
public static class PostgresErrors
{
    public const string UniqueViolation = "23505";
    public const string ExclusionViolation = "23P01";
    public const string ForeignKeyViolation = "23503";
    public const string DeadlockDetected = "40P01";

    /// <summary>
    /// A claim on nights lost its race: the exclusion constraint refused it, or two transactions claimed overlapping
    /// nights at the same instant — each then waits for the other's uncommitted claim to settle, and PostgreSQL breaks
    /// that deadlock by aborting one of them. Either way the statement changed nothing and another claim has the nights.
    /// </summary>
    public static bool IsLostClaim(this Exception exception) =>
        Matches(exception, ExclusionViolation, null) || Matches(exception, DeadlockDetected, null);

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
