namespace Approval.Persistence;

/// <summary>
/// The database settings cannot be used: an unknown <c>Database:Provider</c>, an empty
/// <c>Database:ConnectionString</c>, or a database that cannot be reached or migrated (the
/// provider's error is the inner exception). The message is one line an operator can act on.
/// </summary>
public sealed class DatabaseSetupException : InvalidOperationException
{
    public DatabaseSetupException(string message)
        : base(message)
    {
    }

    public DatabaseSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
