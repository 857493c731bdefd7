using Dapper;
using RulePlugins.Engine.Data;

namespace RulePlugins.Data.Tests;

/// <summary>
/// The schema a database has, read back from the database's own catalogue (not from the statements that made it), one
/// line per table, column, primary key and index: what two databases must share to be "the same schema".
/// </summary>
public static class SchemaSnapshot
{
    /// <summary>The lines describing <paramref name="tables"/> (every table when null), sorted.</summary>
    public static IReadOnlyList<string> Of(Database database, IReadOnlyCollection<string>? tables = null)
    {
        using var connection = database.Open();
        IEnumerable<string> lines = database.Dialect.Name switch
        {
            "sqlite" => Sqlite(connection),
            "postgresql" => Postgres(connection),
            "sqlserver" => SqlServer(connection),
            var name => throw new ArgumentException($"No schema snapshot for {name}."),
        };
        return [.. lines.Where(l => tables is null || tables.Contains(l.Split(' ', 2)[0])).Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Sqlite(System.Data.Common.DbConnection connection)
    {
        var tables = connection.Query<(string Name, long WithoutRowId)>(
            "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").ToList();
        foreach (var (table, withoutRowId) in tables)
        {
            yield return $"{table} table{(withoutRowId == 1 ? " WITHOUT ROWID" : string.Empty)}";
            var columns = connection.Query<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk)>(
                "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(@table)", new { table }).ToList();
            foreach (var c in columns)
            {
                yield return $"{table} column {c.Cid:D3} {c.Name} {c.Type} {(c.NotNull == 1 ? "NOT NULL" : "NULL")} default={c.Default ?? "-"}";
            }

            yield return $"{table} primary key ({string.Join(", ", columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name))})";
            foreach (var index in connection.Query<string>("SELECT name FROM pragma_index_list(@table) WHERE origin = 'c'", new { table }))
            {
                var indexed = connection.Query<string>("SELECT name FROM pragma_index_info(@index) ORDER BY seqno", new { index });
                yield return $"{table} index {index} ({string.Join(", ", indexed)})";
            }
        }
    }

    private static IEnumerable<string> Postgres(System.Data.Common.DbConnection connection)
    {
        foreach (var (table, persistence) in connection.Query<(string, string)>(
            "SELECT c.relname, c.relpersistence::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"))
        {
            yield return $"{table} table{(persistence == "u" ? " UNLOGGED" : string.Empty)}";
        }

        foreach (var c in connection.Query<(string Table, int Position, string Name, string Type, string Nullable, string? Default, string Identity, string? Generation)>(
            """
            SELECT table_name, ordinal_position::int, column_name, data_type, is_nullable, column_default, is_identity, identity_generation
            FROM information_schema.columns WHERE table_schema = current_schema()
            """))
        {
            var identity = c.Identity == "YES" ? $" identity={c.Generation}" : string.Empty;
            yield return $"{c.Table} column {c.Position:D3} {c.Name} {c.Type} {(c.Nullable == "NO" ? "NOT NULL" : "NULL")} default={c.Default ?? "-"}{identity}";
        }

        foreach (var (table, columns) in connection.Query<(string, string)>(
            """
            SELECT tc.table_name, string_agg(k.column_name, ', ' ORDER BY k.ordinal_position)
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema
            WHERE tc.table_schema = current_schema() AND tc.constraint_type = 'PRIMARY KEY'
            GROUP BY tc.table_name
            """))
        {
            yield return $"{table} primary key ({columns})";
        }

        foreach (var (table, index, definition) in connection.Query<(string, string, string)>(
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%_pkey'"))
        {
            yield return $"{table} index {index} {definition[definition.IndexOf('(', StringComparison.Ordinal)..]}";
        }
    }

    private static IEnumerable<string> SqlServer(System.Data.Common.DbConnection connection)
    {
        foreach (var table in connection.Query<string>("SELECT name FROM sys.tables"))
        {
            yield return $"{table} table";
        }

        foreach (var c in connection.Query<(string Table, int Position, string Name, string Type, int Length, bool Nullable, bool Identity, string? Default)>(
            """
            SELECT t.name, c.column_id, c.name, ty.name, CAST(c.max_length AS INT), c.is_nullable, c.is_identity, d.definition
            FROM sys.columns c
            JOIN sys.tables t ON t.object_id = c.object_id
            JOIN sys.types ty ON ty.user_type_id = c.user_type_id
            LEFT JOIN sys.default_constraints d ON d.parent_object_id = c.object_id AND d.parent_column_id = c.column_id
            """))
        {
            yield return $"{c.Table} column {c.Position:D3} {c.Name} {c.Type}({c.Length}) {(c.Nullable ? "NULL" : "NOT NULL")} default={c.Default ?? "-"}{(c.Identity ? " identity" : string.Empty)}";
        }

        foreach (var (table, index, primary, columns) in connection.Query<(string, string, bool, string)>(
            """
            SELECT t.name, i.name, i.is_primary_key, STRING_AGG(c.name, ', ') WITHIN GROUP (ORDER BY ic.key_ordinal)
            FROM sys.indexes i
            JOIN sys.tables t ON t.object_id = i.object_id
            JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
            JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
            WHERE i.type > 0
            GROUP BY t.name, i.name, i.is_primary_key
            """))
        {
            yield return primary ? $"{table} primary key ({columns})" : $"{table} index {index} ({columns})";
        }
    }
}
