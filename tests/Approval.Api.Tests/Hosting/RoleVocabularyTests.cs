using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Api.Tests.Hosting;

/// <summary>The engine's actor roles and the token roles are one vocabulary (the engine cannot reference the security project).</summary>
public class RoleVocabularyTests
{
    [Test]
    public void The_engine_role_names_are_token_role_names()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Actor.SystemRole, Is.EqualTo(ClerkRoles.System));
            Assert.That(Actor.SupervisorRole, Is.EqualTo(ClerkRoles.Supervisor));
            Assert.That(Actor.WindowClerkRole, Is.EqualTo(ClerkRoles.WindowClerk));
            Assert.That(Actor.DepartmentClerkRole, Is.EqualTo(ClerkRoles.DepartmentClerk));
            Assert.That(ClerkRoles.Assignable, Does.Not.Contain(Actor.SystemRole), "the engine's identity is never held by a person");
        });
    }
}
