using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests;

/// <summary>Bad database settings surface at start-up as one <see cref="DatabaseSetupException"/> naming the setting, with the driver's error inside.</summary>
public class DatabaseSetupTests
{
    [TestCase(DatabaseProvider.SqlServer, "Server=127.0.0.1,{0};Database=approval;User Id=sa;Password=unused;TrustServerCertificate=true;Connect Timeout=5")]
    [TestCase(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Port={0};Database=approval;Username=approval;Timeout=5")]
    public async Task An_unreachable_server_is_one_exception_naming_the_settings(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<ApprovalDbContext>();
        DatabaseSetup.Configure(options, new DatabaseOptions { Provider = provider, ConnectionString = string.Format(connectionString, ClosedPort()) });
        await using var db = new ApprovalDbContext(options.Options);

        var failure = Assert.ThrowsAsync<DatabaseSetupException>(() => DatabaseSetup.MigrateAsync(db));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain("Database:ConnectionString"));
            Assert.That(failure.Message, Does.Contain($"Database:Provider = {provider}"));
            Assert.That(failure.Message, Does.Not.Contain("\n"), "one line");
            Assert.That(failure.InnerException, Is.InstanceOf<DbException>(), "the driver's error is kept inside");
        });
    }

    [Test]
    public void An_unknown_provider_is_refused_naming_the_setting_and_the_choices()
    {
        var failure = Assert.Throws<DatabaseSetupException>(() =>
            DatabaseSetup.Configure(new DbContextOptionsBuilder(), new DatabaseOptions { Provider = "Oracle", ConnectionString = "x" }));
        Assert.That(failure!.Message, Does.Contain("Database:Provider 'Oracle'").And.Contain("SqlServer"));
    }

    [Test]
    public void An_empty_connection_string_is_refused_naming_the_setting()
    {
        var failure = Assert.Throws<DatabaseSetupException>(() =>
            DatabaseSetup.Configure(new DbContextOptionsBuilder(), new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = " " }));
        Assert.That(failure!.Message, Does.StartWith("Database:ConnectionString is empty"));
    }

    /// <summary>A loopback port nothing listens on: the connection is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
