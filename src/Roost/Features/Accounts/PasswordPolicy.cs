using System.Reflection;

namespace Roost.Features.Accounts;

/// <summary>Length over composition rules (NIST SP 800-63B): at least 12 characters and not a well-known password.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    private static readonly HashSet<string> Common = LoadCommonPasswords();

    public static IReadOnlyList<string> Check(string password, string email)
    {
        var problems = new List<string>();
        if (password.Length < MinLength)
        {
            problems.Add($"The password must have at least {MinLength} characters.");
        }

        if (password.Length > MaxLength)
        {
            problems.Add($"The password must have at most {MaxLength} characters.");
        }

        if (Common.Contains(password.ToLowerInvariant()))
        {
            problems.Add("This password is on a list of commonly used passwords; choose another.");
        }

        var localPart = EmailAddress.Normalize(email).Split('@')[0];
        if (localPart.Length >= 4 && password.Contains(localPart, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("The password must not contain your e-mail address.");
        }

        if (password.Distinct().Count() < 4)
        {
            problems.Add("The password repeats too few distinct characters.");
        }

        return problems;
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Roost.Features.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
