using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests;

/// <summary>
/// SQL Server's errors map to "another writer got there first" as the other providers' do. No server
/// here, so the driver's own exception type is built the way SqlClient builds it from a server's answer.
/// </summary>
public class WriteConflictTests
{
    [TestCase(2627, true, TestName = "2627 unique constraint is a conflict")]
    [TestCase(2601, true, TestName = "2601 unique index is a conflict")]
    [TestCase(1205, true, TestName = "1205 deadlock victim is a conflict")]
    [TestCase(547, false, TestName = "547 check constraint is not")]
    [TestCase(18456, false, TestName = "18456 login failed is not")]
    public void SQL_Server_errors(int number, bool conflict)
    {
        var failure = new DbUpdateException("save failed", SqlServerError(number));
        Assert.That(DatabaseSetup.IsWriteConflict(failure), Is.EqualTo(conflict));
    }

    [Test]
    public void A_stale_version_is_a_conflict_on_every_provider()
    {
        Assert.That(DatabaseSetup.IsWriteConflict(new DbUpdateConcurrencyException("0 rows")), Is.True);
    }

    /// <summary>A <see cref="SqlException"/> as SqlClient raises it (its constructors are not public).</summary>
    internal static SqlException SqlServerError(int number)
    {
        var error = (SqlError)RuntimeHelpers.GetUninitializedObject(typeof(SqlError));
        typeof(SqlError).GetField("_number", BindingFlags.Instance | BindingFlags.NonPublic)!.SetValue(error, number);
        typeof(SqlError).GetField("_message", BindingFlags.Instance | BindingFlags.NonPublic)?.SetValue(error, $"error {number}");
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", BindingFlags.Instance | BindingFlags.NonPublic)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
            .Where(m => m.Name == "CreateException")
            .OrderBy(m => m.GetParameters().Length)
            .First(m => m.GetParameters()[0].ParameterType == typeof(SqlErrorCollection));
        var arguments = create.GetParameters().Select((p, i) => i == 0 ? errors : i == 1 ? "16.0" : p.HasDefaultValue ? p.DefaultValue : null).ToArray();
        var exception = (SqlException)create.Invoke(null, arguments)!;
        Assert.That(exception.Number, Is.EqualTo(number), "the built exception reports the number as a server's would");
        return exception;
    }
}
