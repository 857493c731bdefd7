using System.Collections.Immutable;
using System.Reflection;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Plugins;

/// <summary>A plugin the host loaded: its identity and everything it registered.</summary>
public sealed class LoadedPlugin
{
    internal LoadedPlugin(string name, string version, Assembly assembly, string? directory)
    {
        Name = name;
        Version = version;
        Assembly = assembly;
        Directory = directory;
    }

    /// <summary>The plugin's assembly name.</summary>
    public string Name { get; }

    /// <summary>The plugin's informational version.</summary>
    public string Version { get; }

    /// <summary>The plugin assembly, loaded once; generated predicates bind to this very instance.</summary>
    public Assembly Assembly { get; }

    /// <summary>The folder the plugin was loaded from, or null for a plugin registered in-process.</summary>
    public string? Directory { get; }

    /// <summary>The condition types the plugin contributes.</summary>
    public ImmutableArray<ConditionType> ConditionTypes { get; internal set; } = [];

    /// <summary>The tables the plugin owns.</summary>
    public ImmutableArray<TableDefinition> Tables { get; internal set; } = [];

    /// <summary>The lookups over the plugin's reference tables.</summary>
    public ImmutableArray<LookupDefinition> Lookups { get; internal set; } = [];

    /// <summary>The subject kinds the plugin reads from JSON documents.</summary>
    public ImmutableArray<SubjectDefinition> Subjects { get; internal set; } = [];

    /// <summary>The plugin's demo data generators.</summary>
    public ImmutableArray<IDemoDataGenerator> DemoData { get; internal set; } = [];

    /// <summary>Identifies this exact build of the plugin: its version and module version id.</summary>
    public string BuildIdentity => $"{Name} {Version} {Assembly.ManifestModule.ModuleVersionId:N}";

    /// <summary>Where the plugin came from: its folder, or <c>(in process)</c>.</summary>
    public string Origin => Directory ?? "(in process)";

    /// <summary>The plugin's name and where it was loaded from, for messages: <c>'Name' (folder F)</c>.</summary>
    public string Describe() => Directory is null ? $"'{Name}' (registered in process)" : $"'{Name}' (folder {Directory})";

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Version}";
}

/// <summary>A condition type together with the plugin that contributed it.</summary>
public sealed record ConditionRegistration(ConditionType Type, LoadedPlugin Plugin);

/// <summary>A plugin that could not be loaded, and why. The host goes on without it.</summary>
/// <param name="Name">The plugin (folder) name.</param>
/// <param name="Path">The assembly path tried.</param>
/// <param name="Reason">What went wrong.</param>
public sealed record PluginFailure(string Name, string Path, string Reason)
{
    /// <summary>The plugin's folder (the folder of <see cref="Path"/>).</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder ? folder : Path;

    /// <summary>The failure in words: <c>plugin folder F failed to load (reason)</c>.</summary>
    public string Describe() => $"plugin folder {Folder} failed to load ({Reason})";
}

/// <summary>
/// Two plugins registered the same condition type id, table, lookup or subject kind; start-up stops. The message
/// names both plugins with the folder each was loaded from.
/// </summary>
public sealed class PluginConflictException(string message, IReadOnlyList<string>? folders = null) : Exception(message)
{
    /// <summary>Where the two plugins were loaded from (a folder, or <c>(in process)</c>), in the order they were registered.</summary>
    public IReadOnlyList<string> Folders { get; } = folders ?? [];
}

/// <summary>The plugins that loaded and the condition types and tables they contribute, looked up by id.</summary>
public sealed class PluginCatalog
{
    private readonly Dictionary<string, ConditionRegistration> _conditionTypes;
    private readonly Dictionary<string, LoadedPlugin> _tableOwners;
    private readonly Dictionary<string, (LookupDefinition Lookup, LoadedPlugin Plugin)> _lookups;
    private readonly Dictionary<string, (SubjectDefinition Subject, LoadedPlugin Plugin)> _subjects;

    internal PluginCatalog(ImmutableArray<LoadedPlugin> plugins, ImmutableArray<PluginFailure> failures)
    {
        Plugins = plugins;
        Failures = failures;
        _conditionTypes = new(StringComparer.Ordinal);
        _tableOwners = new(StringComparer.Ordinal);
        _lookups = new(StringComparer.Ordinal);
        _subjects = new(StringComparer.Ordinal);
        foreach (var plugin in plugins)
        {
            foreach (var type in plugin.ConditionTypes)
            {
                if (_conditionTypes.TryGetValue(type.Id, out var existing))
                {
                    throw Conflict($"Condition type '{type.Id}' is registered by two plugins", existing.Plugin, plugin);
                }

                _conditionTypes.Add(type.Id, new ConditionRegistration(type, plugin));
            }

            foreach (var table in plugin.Tables)
            {
                if (!_tableOwners.TryAdd(table.Name, plugin))
                {
                    throw Conflict($"Table '{table.Name}' is declared by two plugins", _tableOwners[table.Name], plugin);
                }
            }

            foreach (var lookup in plugin.Lookups)
            {
                if (!plugin.Tables.Any(t => t.Name == lookup.Table.Name))
                {
                    throw new PluginConflictException($"Lookup '{lookup.Name}' of plugin '{plugin.Name}' reads table '{lookup.Table.Name}', which the plugin does not declare.");
                }

                if (!_lookups.TryAdd(lookup.Name, (lookup, plugin)))
                {
                    throw Conflict($"Lookup '{lookup.Name}' is declared by two plugins", _lookups[lookup.Name].Plugin, plugin);
                }
            }

            foreach (var subject in plugin.Subjects)
            {
                if (subject.Kind == Sdk.SubjectKinds.Profile)
                {
                    throw new PluginConflictException($"Plugin '{plugin.Name}' declares the subject kind 'profile', which belongs to the host.");
                }

                if (!_subjects.TryAdd(subject.Kind, (subject, plugin)))
                {
                    throw Conflict($"Subject kind '{subject.Kind}' is declared by two plugins", _subjects[subject.Kind].Plugin, plugin);
                }
            }
        }

        CheckChoices();
    }

    /// <summary>The plugins that loaded, ordered by name.</summary>
    public ImmutableArray<LoadedPlugin> Plugins { get; }

    /// <summary>
    /// The failure of the plugin named <paramref name="pluginName"/> (its assembly name, which is also its folder's
    /// name), or null when it did not fail.
    /// </summary>
    public PluginFailure? FailureOf(string pluginName) =>
        Failures.FirstOrDefault(f => string.Equals(f.Name, pluginName, StringComparison.Ordinal));

    private void CheckChoices()
    {
        foreach (var (id, registration) in _conditionTypes)
        {
            foreach (var parameter in registration.Type.Parameters)
            {
                if (parameter.ChoicesFrom is { } choices
                    && !(_lookups.TryGetValue(choices.Lookup.Name, out var entry) && ReferenceEquals(entry.Lookup, choices.Lookup)))
                {
                    throw new PluginConflictException(
                        $"Condition type '{id}' of plugin '{registration.Plugin.Name}' takes the choices of parameter '{parameter.Name}' from lookup '{choices.Lookup.Name}', which no plugin declares.");
                }
            }
        }
    }

    /// <summary>The plugins that failed to load.</summary>
    public ImmutableArray<PluginFailure> Failures { get; }

    /// <summary>Every condition type, ordered by id.</summary>
    public IEnumerable<ConditionRegistration> ConditionTypes => _conditionTypes.Values.OrderBy(r => r.Type.Id, StringComparer.Ordinal);

    /// <summary>Finds the plugin that declares a table.</summary>
    public bool TryGetTableOwner(string table, out LoadedPlugin owner) =>
        _tableOwners.TryGetValue(table, out owner!);

    /// <summary>Finds a lookup by name, with the plugin that declares it.</summary>
    public bool TryGetLookup(string name, out LookupDefinition lookup, out LoadedPlugin owner)
    {
        var found = _lookups.TryGetValue(name, out var entry);
        lookup = entry.Lookup;
        owner = entry.Plugin;
        return found;
    }

    /// <summary>Finds the definition of a subject kind read from documents (every kind but <c>profile</c>).</summary>
    public bool TryGetSubject(string kind, out SubjectDefinition subject, out LoadedPlugin owner)
    {
        var found = _subjects.TryGetValue(kind, out var entry);
        subject = entry.Subject;
        owner = entry.Plugin;
        return found;
    }

    /// <summary>
    /// True when segments of <paramref name="kind"/> are evaluated against one document at a time (a plugin declares the
    /// kind with a <see cref="SubjectDefinition"/>, as the market plugin does <c>order</c>); false for <c>profile</c>,
    /// recalculated from the database, and for a kind no loaded plugin declares.
    /// </summary>
    public bool IsDocumentSubject(string kind) => _subjects.ContainsKey(kind);

    /// <summary>Every subject kind a segment can select: <c>profile</c> and the kinds plugins declare, ordered.</summary>
    public IEnumerable<string> SubjectKinds => _subjects.Keys.Append(Sdk.SubjectKinds.Profile).Order(StringComparer.Ordinal);

    /// <summary>Finds a condition type by id.</summary>
    public bool TryGetConditionType(string id, out ConditionRegistration registration) =>
        _conditionTypes.TryGetValue(id, out registration!);

    private static PluginConflictException Conflict(string what, LoadedPlugin first, LoadedPlugin second)
    {
        // Two copies of one plugin have the same name: only the folders tell them apart.
        var advice = first.Name == second.Name
            ? "The same plugin is installed twice; remove one of the copies."
            : "Remove one of them.";
        return new PluginConflictException($"{what}: {first.Describe()} and {second.Describe()}. {advice}", [first.Origin, second.Origin]);
    }

    /// <summary>Builds a catalog from plugin instances in this process (tests, embedding).</summary>
    public static PluginCatalog FromInstances(params IRulePlugin[] plugins) =>
        new PluginCatalogBuilder().AddInstances(plugins).Build();
}

/// <summary>Collects plugins, calls their registration and builds a <see cref="PluginCatalog"/>.</summary>
public sealed class PluginCatalogBuilder
{
    private readonly List<LoadedPlugin> _plugins = [];
    private readonly List<PluginFailure> _failures = [];

    /// <summary>Registers plugins whose types live in this process; each assembly becomes one plugin.</summary>
    public PluginCatalogBuilder AddInstances(IEnumerable<IRulePlugin> plugins)
    {
        foreach (var group in plugins.GroupBy(p => p.GetType().Assembly))
        {
            var loaded = Describe(group.Key, directory: null);
            Register(loaded, group);
            _plugins.Add(loaded);
        }

        return this;
    }

    /// <summary>Adds a plugin assembly loaded from disk; a plugin whose registration throws becomes a failure.</summary>
    internal void AddAssembly(Assembly assembly, string directory, string path)
    {
        var loaded = Describe(assembly, directory);
        try
        {
            var entryTypes = assembly.GetExportedTypes()
                .Where(t => typeof(IRulePlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .ToList();
            if (entryTypes.Count == 0)
            {
                _failures.Add(new PluginFailure(loaded.Name, path, $"no public class implements {nameof(IRulePlugin)}"));
                return;
            }

            Register(loaded, entryTypes.Select(t => (IRulePlugin)Activator.CreateInstance(t)!));
            _plugins.Add(loaded);
        }
        catch (Exception ex)
        {
            _failures.Add(new PluginFailure(loaded.Name, path, Unwrap(ex)));
        }
    }

    internal void AddFailure(PluginFailure failure) => _failures.Add(failure);

    /// <summary>Builds the catalog; throws <see cref="PluginConflictException"/> on a duplicate condition type id.</summary>
    public PluginCatalog Build() =>
        new([.. _plugins.OrderBy(p => p.Name, StringComparer.Ordinal)], [.. _failures.OrderBy(f => f.Name, StringComparer.Ordinal)]);

    private static LoadedPlugin Describe(Assembly assembly, string? directory)
    {
        var name = assembly.GetName().Name ?? "(unnamed)";
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return new LoadedPlugin(name, plus >= 0 ? version[..plus] : version, assembly, directory);
    }

    private static void Register(LoadedPlugin loaded, IEnumerable<IRulePlugin> entries)
    {
        var builder = new Builder();
        foreach (var entry in entries)
        {
            entry.Register(builder);
        }

        loaded.ConditionTypes = [.. builder.ConditionTypes];
        loaded.Tables = [.. builder.Tables];
        loaded.Lookups = [.. builder.Lookups];
        loaded.Subjects = [.. builder.Subjects];
        loaded.DemoData = [.. builder.DemoData];
    }

    private static string Unwrap(Exception ex) =>
        ex is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : $"{ex.GetType().Name}: {ex.Message}";

    private sealed class Builder : IPluginBuilder
    {
        public List<ConditionType> ConditionTypes { get; } = [];

        public List<TableDefinition> Tables { get; } = [];

        public List<IDemoDataGenerator> DemoData { get; } = [];

        public List<LookupDefinition> Lookups { get; } = [];

        public List<SubjectDefinition> Subjects { get; } = [];

        public IPluginBuilder AddLookup(LookupDefinition lookup)
        {
            ArgumentNullException.ThrowIfNull(lookup);
            Lookups.Add(lookup);
            return this;
        }

        public IPluginBuilder AddSubject(SubjectDefinition subject)
        {
            ArgumentNullException.ThrowIfNull(subject);
            Subjects.Add(subject);
            return this;
        }

        public IPluginBuilder AddConditionType(ConditionType conditionType)
        {
            ArgumentNullException.ThrowIfNull(conditionType);
            ConditionTypes.Add(conditionType);
            return this;
        }

        public IPluginBuilder AddTable(TableDefinition table)
        {
            ArgumentNullException.ThrowIfNull(table);
            Tables.Add(table);
            return this;
        }

        public IPluginBuilder AddDemoData(IDemoDataGenerator generator)
        {
            ArgumentNullException.ThrowIfNull(generator);
            DemoData.Add(generator);
            return this;
        }
    }
}
