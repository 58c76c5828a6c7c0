using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Approval.Persistence;

/// <summary>Every stored instant is UTC; this makes that true on the way back from providers that forget the kind (SQLite).</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
