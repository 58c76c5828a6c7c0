namespace Approval.Api.Credit;

/// <summary>One spelling of an identifier for list comparisons: trimmed, upper case (a resident ID's X, a credit code's letters).</summary>
internal static class CreditIdentifiers
{
    public static string Normalise(string id) => id.Trim().ToUpperInvariant();
}
