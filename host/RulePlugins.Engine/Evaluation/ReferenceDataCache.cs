using System.Collections.Concurrent;
using RulePlugins.Engine.Data;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Evaluation;

/// <summary>
/// Lookup models for real-time evaluation, read from the database on first use and kept until
/// <see cref="Clear"/>: evaluating a document costs no database round trip.
/// </summary>
internal sealed class ReferenceDataCache(Database database)
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _models = new(StringComparer.Ordinal);

    public object Get(LookupDefinition lookup) =>
        _models.GetOrAdd(lookup.Name, _ => new Lazy<object>(() => Load(lookup))).Value;

    public void Clear() => _models.Clear();

    private object Load(LookupDefinition lookup)
    {
        using var connection = database.Open();
        return LookupLoader.Load(connection, database.Dialect, lookup);
    }
}
