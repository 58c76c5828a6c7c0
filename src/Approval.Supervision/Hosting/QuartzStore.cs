using Approval.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Approval.Supervision.Hosting;

/// <summary>
/// The one place that maps the service's database provider onto Quartz's persistent store. Quartz
/// keeps its tables (<c>QRTZ_*</c>) in the service's own database and creates them itself
/// (<see cref="IPersistentStoreBuilder.ProvisionSchema"/>, which only ever creates). A SQL Server
/// provider is one more case here.
/// </summary>
internal static class QuartzStore
{
    public static void Configure(IPersistentStoreBuilder store, string provider)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                // Quartz refuses clustering on SQLite; several processes on one file still issue each
                // card once, because exactly-once lives in the case's events, not in the scheduler.
                store.UseSqlite(o => o.DataSourceFactory = sp => SqliteFactory.Instance.CreateDataSource(SqliteConnectionString(ConnectionString(sp))));
                break;
            case DatabaseProvider.PostgreSql:
                store.UsePostgres(o => o.DataSourceFactory = sp => NpgsqlDataSource.Create(ConnectionString(sp)));
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(5);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(20);
                });
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' has no Quartz store; use '{DatabaseProvider.Sqlite}' or '{DatabaseProvider.PostgreSql}'.");
        }

        store.UseSystemTextJsonSerializer();
        store.ProvisionSchema();
    }

    // Read when Quartz first connects, not at registration, so settings layered on later (tests, hosts) count.
    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;

    private static string SqliteConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DefaultTimeout == 30)
        {
            // As the service's own connections do: wait for SQLite's single writer rather than fail.
            builder.DefaultTimeout = 60;
        }

        return builder.ToString();
    }
}
