using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests.Infrastructure;

/// <summary>
/// A database's schema as sorted lines — every column (type, nullability, key or identity) and every
/// index — read from the provider's catalogue, so two databases built different ways can be compared.
/// </summary>
internal static class SchemaDescription
{
    public static async Task<List<string>> DescribeAsync(TestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            return database.Provider switch
            {
                DatabaseProvider.Sqlite => await SqliteAsync(connection),
                DatabaseProvider.PostgreSql => await QueryAsync(connection,
                    """
                    SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' null=' || is_nullable || ' identity=' || is_identity
                    FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%' AND table_name NOT LIKE 'hangfire%'
                    UNION ALL
                    SELECT tablename || ' ' || indexdef FROM pg_indexes
                    WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EF%' AND tablename NOT LIKE 'hangfire%'
                    """),
                DatabaseProvider.SqlServer => await QueryAsync(connection,
                    """
                    SELECT c.TABLE_NAME + '.' + c.COLUMN_NAME + ' ' + c.DATA_TYPE + coalesce('(' + CAST(c.CHARACTER_MAXIMUM_LENGTH AS varchar(12)) + ')', '') + ' null=' + c.IS_NULLABLE
                        + ' identity=' + CAST(COLUMNPROPERTY(OBJECT_ID(c.TABLE_SCHEMA + '.' + c.TABLE_NAME), c.COLUMN_NAME, 'IsIdentity') AS varchar(1))
                    FROM INFORMATION_SCHEMA.COLUMNS c WHERE c.TABLE_SCHEMA = 'dbo' AND c.TABLE_NAME NOT LIKE '\_\_EF%' ESCAPE '\'
                    UNION ALL
                    SELECT t.name + ' index ' + i.name + ' unique=' + CAST(i.is_unique AS varchar(1)) + ' filter=' + coalesce(i.filter_definition, '') + ' ('
                        + STUFF((SELECT ',' + col.name FROM sys.index_columns ic JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
                                 WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id ORDER BY ic.key_ordinal FOR XML PATH('')), 1, 1, '') + ')'
                    FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id
                    WHERE i.name IS NOT NULL AND t.name NOT LIKE '\_\_EF%' ESCAPE '\' AND SCHEMA_NAME(t.schema_id) = 'dbo'
                    """),
                _ => throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "unknown provider"),
            };
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static async Task<List<string>> SqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var table in await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND substr(name, 1, 4) <> '__EF'"))
        {
            lines.AddRange(await QueryAsync(connection, $"SELECT '{table}.' || name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('{table}')"));
            foreach (var index in await QueryAsync(connection, $"SELECT name || ' unique=' || \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{index.Split(' ')[0]}') ORDER BY seqno", sort: false);
                lines.Add($"{table} index {index} ({string.Join(",", columns)})");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> QueryAsync(DbConnection connection, string sql, bool sort = true)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        if (sort)
        {
            values.Sort(StringComparer.Ordinal);
        }

        return values;
    }
}
