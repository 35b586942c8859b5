using Roost.Platform.Errors;

namespace Roost.Platform.Http;

public static class PageRequest
{
    /// <summary>Every list checks its <c>limit</c> and <c>cursor</c> the same way; null when both are fine.</summary>
    public static Failure? Check<TCursor>(int limit, string? cursor, out TCursor? after, int maxLimit = 50)
    {
        after = default;
        if (limit < 1 || limit > maxLimit)
        {
            return Failure.Validation("limit", $"Between 1 and {maxLimit}.");
        }

        return Cursor.TryDecode(cursor, out after) ? null : Failure.Validation("cursor", "The cursor is not one this API gave out.");
    }
}
