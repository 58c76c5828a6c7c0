namespace Approval.Definitions.Loading;

/// <summary>How bad a finding is: errors block publishing, warnings are shown but let the definition load.</summary>
public enum Severity
{
    Error,
    Warning,
}
