using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Api.Hosting;

/// <summary>The authenticated clerk, as the actor the engine records on every event.</summary>
internal static class ClerkActors
{
    public static Actor ToActor(this Clerk clerk) => new(clerk.UserId, clerk.DisplayName, clerk.Roles, clerk.Department);
}
