using Roost.Bench;

// The benchmark's own tool: `seed` loads a generated dataset, `sql` writes the pgbench scripts of the search.
return args.FirstOrDefault() switch
{
    "seed" => await DatasetGenerator.RunAsync(Options.Parse(args[1..])),
    "sql" => SearchScripts.Write(Options.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Roost.Bench seed --listings N [--seed S] [--out DIR] | sql --out DIR   (ConnectionStrings__Postgres in the environment)");
    return 2;
}
