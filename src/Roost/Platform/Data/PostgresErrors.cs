using Npgsql;

namespace Roost.Platform.Data;

/// <summary>SQLSTATE codes that mean the client asked for something the database's invariants refuse.</summary>
public static class PostgresErrors
{
    public const string UniqueViolation = "23505";
    public const string ExclusionViolation = "23P01";
    public const string ForeignKeyViolation = "23503";

    public static bool IsUniqueViolation(this Exception exception, string? constraint = null) =>
        Matches(exception, UniqueViolation, constraint);

    public static bool IsExclusionViolation(this Exception exception, string? constraint = null) =>
        Matches(exception, ExclusionViolation, constraint);

    private static bool Matches(Exception exception, string sqlState, string? constraint) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException) is { } pg
        && pg.SqlState == sqlState
        && (constraint is null || pg.ConstraintName == constraint);
}
