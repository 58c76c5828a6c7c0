using System.Reflection;
using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Api.Tests.Hosting;

/// <summary>Security and the engine share one role vocabulary, <see cref="ClerkRoles"/>; a second copy of a role name fails here.</summary>
public class RoleVocabularyTests
{
    [Test]
    public void No_role_name_is_defined_outside_ClerkRoles()
    {
        var copies = new[] { typeof(Actor).Assembly, typeof(Policies).Assembly, typeof(RoleVocabularyTests).Assembly.GetReferencedAssemblies().Select(Assembly.Load).First(a => a.GetName().Name == "Approval.Api") }
            .SelectMany(a => a.GetTypes())
            .Where(t => t != typeof(ClerkRoles))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && ClerkRoles.All.Contains((string)f.GetRawConstantValue()!))
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(copies, Is.Empty, "role names are written once, in ClerkRoles");
            Assert.That(ClerkRoles.Assignable, Does.Not.Contain(ClerkRoles.System), "the engine's identity is never held by a person");
            Assert.That(Actor.System.Roles, Is.EqualTo(new[] { ClerkRoles.System }));
        });
    }
}
