namespace Roost.Features.Accounts;

public static class EmailAddress
{
    /// <summary>
    /// Case-insensitive identity of an address. Only trimming and lower-casing: providers differ on dots and plus
    /// tags, so folding those would merge accounts that are really different.
    /// </summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
