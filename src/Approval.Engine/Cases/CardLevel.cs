using System.Text.Json;
using System.Text.Json.Serialization;

namespace Approval.Engine.Cases;

/// <summary>
/// A level of electronic supervision's alert points: <see cref="Yellow"/> (黄牌), <see cref="Red"/>
/// (红牌), <see cref="Escalation"/> (督办), <see cref="ApproveBySilence"/> (超时默许, not a card), or
/// <see cref="Revocation"/> (撤销 of an item approved on commitment). A value of five, so a level cannot be misspelt in code; on the wire (events, rows, alert payloads,
/// card keys) it is its <see cref="Name"/>, the strings of <see cref="CardLevels"/>, unchanged.
/// </summary>
[JsonConverter(typeof(CardLevelJsonConverter))]
public readonly record struct CardLevel
{
    public static readonly CardLevel Yellow = new(CardLevels.Yellow);
    public static readonly CardLevel Red = new(CardLevels.Red);
    public static readonly CardLevel Escalation = new(CardLevels.Escalation);
    public static readonly CardLevel ApproveBySilence = new(CardLevels.ApproveBySilence);

    /// <summary>Not a deadline's point: a failed verification revoked (撤销) an item approved on commitment.</summary>
    public static readonly CardLevel Revocation = new(CardLevels.Revocation);

    /// <summary>Every level: a deadline's, in the order it reaches them, then the revocation card.</summary>
    public static IReadOnlyList<CardLevel> All { get; } = [Yellow, Red, Escalation, ApproveBySilence, Revocation];

    private readonly string? _name;

    private CardLevel(string name) => _name = name;

    /// <summary>The stable wire name: <c>yellow</c>, <c>red</c>, <c>escalation</c>, <c>approve-by-silence</c>.</summary>
    public string Name => _name ?? "";

    /// <summary>The level named <paramref name="name"/> (ordinal), or false when it names none.</summary>
    public static bool TryParse(string? name, out CardLevel level)
    {
        foreach (var known in All)
        {
            if (string.Equals(known.Name, name, StringComparison.Ordinal))
            {
                level = known;
                return true;
            }
        }

        level = default;
        return false;
    }

    /// <summary>The level named <paramref name="name"/>.</summary>
    /// <exception cref="FormatException"><paramref name="name"/> names no level.</exception>
    public static CardLevel Parse(string name) =>
        TryParse(name, out var level) ? level : throw new FormatException($"'{name}' is not a card level; the levels are {string.Join(", ", All)}.");

    public override string ToString() => Name;

    /// <summary>The wire name, so rows, payloads and counters that hold levels as text take a level as it is.</summary>
    public static implicit operator string(CardLevel level) => level.Name;
}

/// <summary>Writes a <see cref="CardLevel"/> as its wire name and reads it back, so stored events read as they always did.</summary>
public sealed class CardLevelJsonConverter : JsonConverter<CardLevel>
{
    public override CardLevel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.GetString();
        return CardLevel.TryParse(name, out var level) ? level : throw new JsonException($"'{name}' is not a card level.");
    }

    public override void Write(Utf8JsonWriter writer, CardLevel value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
}
