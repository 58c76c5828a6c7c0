using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Bench.Http;

/// <summary>
/// Bearer tokens minted with the service's own issuer and the development key (accepted because the
/// service runs in Development): one window clerk, and one clerk per department of the bundle.
/// </summary>
public sealed class ClerkTokens
{
    private readonly Dictionary<string, string> _departments;

    public ClerkTokens(IEnumerable<string> departments)
    {
        var issuer = new TokenIssuer(new JwtOptions { SigningKey = JwtOptions.DevelopmentSigningKey, Issuer = "approval", Audience = "approval-api" });
        Window = issuer.Issue(new Clerk("window@bench", "窗口", [ClerkRoles.WindowClerk], "window"), TimeSpan.FromHours(8));
        _departments = departments.Distinct(StringComparer.Ordinal).ToDictionary(
            d => d,
            d => issuer.Issue(new Clerk("clerk@" + d, "科员", [ClerkRoles.DepartmentClerk], d), TimeSpan.FromHours(8)),
            StringComparer.Ordinal);
    }

    public string Window { get; }

    public string Department(string department) => _departments[department];
}
