using Roost.Platform.Errors;

namespace Roost.Features.Calendar;

/// <summary>Nights [Start, End): a stay from Start to checkout on End, so End is free for the next guest.</summary>
public readonly record struct NightRange(DateOnly Start, DateOnly End)
{
    /// <summary>
    /// The dates any stay, calendar read or write may name. Outside them a date is a typo (year 9999, year 1), and
    /// near DateOnly's own ends the arithmetic on preparation buffers and months would overflow.
    /// </summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static readonly string OutOfBounds = $"A date from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}.";

    public static bool IsPlausible(DateOnly date) => date >= Earliest && date <= Latest;

    /// <summary>The first of the two dates outside <see cref="Earliest"/>..<see cref="Latest"/>, named by its field.</summary>
    public static Failure? BoundsProblem(DateOnly first, string firstField, DateOnly last, string lastField) =>
        !IsPlausible(first) ? Failure.Validation(firstField, OutOfBounds)
        : !IsPlausible(last) ? Failure.Validation(lastField, OutOfBounds)
        : null;

    public int Nights => End.DayNumber - Start.DayNumber;

    public bool IsEmpty => End <= Start;

    public bool Overlaps(NightRange other) => Start < other.End && other.Start < End;

    public bool Touches(NightRange other) => Start <= other.End && other.Start <= End;

    public bool Contains(DateOnly night) => Start <= night && night < End;

    public IEnumerable<DateOnly> EachNight()
    {
        for (var night = Start; night < End; night = night.AddDays(1))
        {
            yield return night;
        }
    }

    /// <summary>What is left of this range once <paramref name="taken"/> are removed, in order.</summary>
    public IReadOnlyList<NightRange> Minus(IEnumerable<NightRange> taken)
    {
        var pieces = new List<NightRange> { this };
        foreach (var cut in taken.Where(t => !t.IsEmpty))
        {
            pieces = pieces.SelectMany(piece => piece.Overlaps(cut)
                ? new[] { new NightRange(piece.Start, cut.Start), new NightRange(cut.End, piece.End) }.Where(p => !p.IsEmpty)
                : [piece]).ToList();
        }

        return pieces;
    }

    /// <summary>Overlapping or adjacent ranges joined into as few as possible, in order.</summary>
    public static IReadOnlyList<NightRange> Merge(IEnumerable<NightRange> ranges)
    {
        var merged = new List<NightRange>();
        foreach (var range in ranges.Where(r => !r.IsEmpty).OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && merged[^1].Touches(range))
            {
                merged[^1] = new NightRange(merged[^1].Start, range.End > merged[^1].End ? range.End : merged[^1].End);
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
