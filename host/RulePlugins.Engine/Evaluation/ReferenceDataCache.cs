using System.Collections.Concurrent;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Evaluation;

/// <summary>
/// Lookup models for real-time evaluation, read from the database on first use and kept until
/// <see cref="Clear"/>: evaluating a document costs no database round trip. Validation reads the models of lookups that
/// list parameter choices through it too, reloading one when a value is not found.
/// </summary>
internal sealed class ReferenceDataCache(Database database) : IReferenceDataSource
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _models = new(StringComparer.Ordinal);

    public object Get(LookupDefinition lookup) =>
        _models.GetOrAdd(lookup.Name, _ => new Lazy<object>(() => Load(lookup))).Value;

    public void Clear() => _models.Clear();

    public object Model(LookupDefinition lookup) => Get(lookup);

    public object Reload(LookupDefinition lookup)
    {
        var fresh = new Lazy<object>(() => Load(lookup));
        _models[lookup.Name] = fresh;
        return fresh.Value;
    }

    private object Load(LookupDefinition lookup)
    {
        using var connection = database.Open();
        return LookupLoader.Load(connection, database.Dialect, lookup);
    }
}
