using System.Collections.Frozen;

namespace Roost.Features.Listings;

public sealed record Amenity(string Code, string Name, string Category);

/// <summary>The amenities a listing can name. The migration seeds the same list into the amenities table.</summary>
public static class AmenityCatalogue
{
    /// <summary>Follows the listing's maxPets rather than being set on its own.</summary>
    public const string PetsAllowed = "pets_allowed";

    public static readonly IReadOnlyList<Amenity> All =
    [
        new("wifi", "Wi-Fi", "essentials"),
        new("kitchen", "Kitchen", "essentials"),
        new("washer", "Washer", "essentials"),
        new("dryer", "Dryer", "essentials"),
        new("heating", "Heating", "essentials"),
        new("air_conditioning", "Air conditioning", "essentials"),
        new("hot_water", "Hot water", "essentials"),
        new("essentials", "Towels, bed sheets, soap", "essentials"),
        new("tv", "TV", "entertainment"),
        new("dedicated_workspace", "Dedicated workspace", "work"),
        new("free_parking", "Free parking on premises", "parking"),
        new("paid_parking", "Paid parking", "parking"),
        new("ev_charger", "EV charger", "parking"),
        new("pool", "Pool", "outdoor"),
        new("hot_tub", "Hot tub", "outdoor"),
        new("patio", "Patio or balcony", "outdoor"),
        new("bbq_grill", "BBQ grill", "outdoor"),
        new("garden", "Garden", "outdoor"),
        new("beach_access", "Beach access", "location"),
        new("lake_access", "Lake access", "location"),
        new("ski_in_out", "Ski-in/ski-out", "location"),
        new("gym", "Gym", "facilities"),
        new("elevator", "Elevator", "facilities"),
        new(PetsAllowed, "Pets allowed", "policies"),
        new("smoking_allowed", "Smoking allowed", "policies"),
        new("self_check_in", "Self check-in", "policies"),
        new("crib", "Crib", "family"),
        new("high_chair", "High chair", "family"),
        new("step_free_access", "Step-free access", "accessibility"),
        new("smoke_alarm", "Smoke alarm", "safety"),
        new("carbon_monoxide_alarm", "Carbon monoxide alarm", "safety"),
        new("fire_extinguisher", "Fire extinguisher", "safety"),
        new("first_aid_kit", "First aid kit", "safety"),
    ];

    private static readonly FrozenDictionary<string, Amenity> ByCode = All.ToFrozenDictionary(a => a.Code);

    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    public static Amenity Get(string code) => ByCode[code];
}
