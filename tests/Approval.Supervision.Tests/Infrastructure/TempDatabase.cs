using Microsoft.Data.Sqlite;

namespace Approval.Supervision.Tests.Infrastructure;

/// <summary>A throw-away SQLite file, shared by every node (service provider) a test builds on it.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("approval-supervision").FullName;

    public string ConnectionString => $"Data Source={Path.Combine(_folder, "approval.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
