using Approval.Engine.Cases.Commands;

namespace Approval.Api.Credit;

/// <summary>
/// The dishonesty list (失信名单) the service centre consults at intake. The engine never looks
/// anything up: the intake endpoint asks here and passes the answer in the command
/// (<see cref="StartCase.Credit"/>), where the engine's credit rules apply it.
/// </summary>
/// <remarks>Implementations are singletons and thread safe; a failed lookup answers <see cref="CreditStanding.Unknown"/> rather than throwing.</remarks>
public interface IDishonestyList
{
    /// <summary>Whether the applicant (<c>person</c> or <c>organisation</c>, by identifier) is on the list.</summary>
    Task<CreditStanding> LookUpAsync(string kind, string id, CancellationToken cancellationToken);
}
