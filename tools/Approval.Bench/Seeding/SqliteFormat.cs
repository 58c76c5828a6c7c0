using System.Globalization;

namespace Approval.Bench.Seeding;

/// <summary>Values in the storage format EF Core's SQLite provider uses, so seeded rows read back through EF like the service's own.</summary>
internal static class SqliteFormat
{
    public static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        _ => value,
    };
}
