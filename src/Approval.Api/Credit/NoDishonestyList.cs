using Approval.Engine.Cases.Commands;

namespace Approval.Api.Credit;

/// <summary>No list configured: nothing is asked, so nothing is refused on credit.</summary>
internal sealed class NoDishonestyList : IDishonestyList
{
    public Task<CreditStanding> LookUpAsync(string kind, string id, CancellationToken cancellationToken) => Task.FromResult(CreditStanding.NotChecked);
}
