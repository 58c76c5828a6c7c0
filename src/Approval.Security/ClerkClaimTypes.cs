namespace Approval.Security;

/// <summary>
/// The JWT claim names this API reads and mints. Short registered names (RFC 7519, OIDC) are used
/// unmapped, so a token issued by another system with the same claims works as is.
/// </summary>
public static class ClerkClaimTypes
{
    /// <summary>Stable user id (<c>sub</c>); required.</summary>
    public const string Subject = "sub";

    /// <summary>Display name (<c>name</c>), e.g. 张三; optional, defaults to the user id.</summary>
    public const string Name = "name";

    /// <summary>Role (<c>role</c>): a string or an array of strings, see <see cref="Approval.Engine.Cases.ClerkRoles"/>.</summary>
    public const string Role = "role";

    /// <summary>Department id (<c>department</c>), e.g. <c>market-regulation</c>; optional.</summary>
    public const string Department = "department";
}
