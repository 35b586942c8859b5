namespace Roost.Bench;

public sealed record Options(int Listings, int Seed, string OutDirectory, string ConnectionString)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Options(
            int.Parse(Value("--listings") ?? "100000", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Value("--seed") ?? "42", System.Globalization.CultureInfo.InvariantCulture),
            Value("--out") ?? ".",
            Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? throw new InvalidOperationException("ConnectionStrings__Postgres is not set."));
    }
}
