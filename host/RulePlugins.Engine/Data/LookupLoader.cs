using System.Data.Common;
using Dapper;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data;

/// <summary>Reads a lookup's reference table whole with Dapper and builds the lookup's model.</summary>
internal static class LookupLoader
{
    /// <summary>The models of <paramref name="plan"/>'s lookups, in slot order.</summary>
    public static object[] LoadAll(DbConnection connection, ISqlDialect dialect, DataPlan plan) =>
        [.. plan.Lookups.Select(l => Load(connection, dialect, l.Lookup))];

    /// <summary>Reads <paramref name="lookup"/>'s table and builds its model.</summary>
    public static object Load(DbConnection connection, ISqlDialect dialect, LookupDefinition lookup)
    {
        var rows = connection.Query(lookup.Table.RowType, dialect.SelectAll(lookup.Table)).ToList();
        try
        {
            return lookup.Build(rows);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Lookup '{lookup.Name}' could not be built from table '{lookup.Table.Name}': {ex.Message}", ex);
        }
    }
}
