using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.CodeGen;

/// <summary>
/// The <c>using</c> aliases of one generated source for the plugin types its conditions name, so the code reads
/// <c>ChannelSet.Of(...)</c> rather than <c>global::RulePlugins.Plugins.Market.Runtime.ChannelSet.Of(...)</c>, as the
/// row types read <c>MarketOrdersRow</c>. A type gets its simple name when that is free, otherwise the name prefixed
/// with its namespace's last parts (<c>LookalikesChannelSet</c>), otherwise the name with a number
/// (<c>WebsiteSegment2</c>): the first type to ask, in document order, keeps the simple name, so the same tree always
/// gives the same aliases.
/// </summary>
/// <remarks>
/// The aliases are declared inside the generated namespace, where only that namespace's own types (the other
/// segments' <c>...Segment</c> classes when several sources compile together) and the class's members come before
/// them in name lookup. So an alias is never a name the source already uses (<paramref name="usedNames"/>: the class,
/// its members, fields, row and lookup aliases), a name ending in <c>Segment</c>, a type of the SDK runtime namespace
/// the source imports (<c>Text</c>, <c>Subject</c>), a member <see cref="CompiledPredicate"/> inherits, a parameter of
/// the generated methods or a C# keyword.
/// </remarks>
internal sealed class TypeAliases(ISet<string> usedNames)
{
    private static readonly string RuntimeNamespace = typeof(CompiledPredicate).Namespace!;

    private static readonly HashSet<string> Reserved = CreateReserved();

    private readonly Dictionary<Type, string> _aliases = [];
    private readonly HashSet<Type> _declaredElsewhere = [];

    /// <summary>Every alias this source declares for a helper type, ordered by alias.</summary>
    public IEnumerable<(string Alias, Type Type)> Declared =>
        _aliases.Where(a => !_declaredElsewhere.Contains(a.Key)).Select(a => (a.Value, a.Key)).OrderBy(a => a.Value, StringComparer.Ordinal);

    /// <summary>Records an alias the source declares itself (a row or lookup model type), so the type is named by it.</summary>
    public void Known(Type type, string alias)
    {
        if (_aliases.TryAdd(type, alias))
        {
            _declaredElsewhere.Add(type);
        }
    }

    /// <summary>Whether <paramref name="type"/> is named through an alias: a non-generic, top-level type outside the imported SDK runtime namespace.</summary>
    public static bool Applies(Type type) => !type.IsNested && !type.IsGenericType && type.Namespace != RuntimeNamespace;

    /// <summary>The alias of <paramref name="type"/>, chosen on first use.</summary>
    public string For(Type type)
    {
        if (_aliases.TryGetValue(type, out var alias))
        {
            return alias;
        }

        alias = Candidates(type).First(IsFree);
        usedNames.Add(alias);
        _aliases.Add(type, alias);
        return alias;
    }

    /// <summary>The target of an alias: the type's fully qualified name.</summary>
    public static string Target(Type type) =>
        "global::" + string.Join('.', (type.Namespace ?? string.Empty).Split('.', StringSplitOptions.RemoveEmptyEntries).Append(type.Name).Select(Escape));

    /// <summary>An identifier as C# source: a keyword used as a name gets its <c>@</c>.</summary>
    internal static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) == SyntaxKind.None ? identifier : "@" + identifier;

    /// <summary>
    /// Whether <paramref name="name"/> must stay free in a generated class: an SDK runtime type the source imports, a
    /// member <see cref="CompiledPredicate"/> inherits, a parameter of the generated methods or a namespace root.
    /// </summary>
    public static bool IsReserved(string name) => Reserved.Contains(name);

    private bool IsFree(string name) =>
        IsIdentifier(name) && !usedNames.Contains(name) && !Reserved.Contains(name) && !name.EndsWith("Segment", StringComparison.Ordinal);

    private static IEnumerable<string> Candidates(Type type)
    {
        yield return type.Name;
        var parts = (type.Namespace ?? string.Empty).Split('.', StringSplitOptions.RemoveEmptyEntries);
        var prefixed = type.Name;
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            prefixed = Naming.ToPascalCase(parts[i]) + prefixed;
            yield return prefixed;
        }

        // Reached by a name no prefix can free, such as one ending in "Segment"; a generated class name never ends in a digit.
        for (var n = 2; ; n++)
        {
            yield return type.Name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static HashSet<string> CreateReserved()
    {
        var reserved = new HashSet<string>(StringComparer.Ordinal) { "subject", "clock", "index", "global", "RulePlugins", "System", "Microsoft" };
        foreach (var type in typeof(CompiledPredicate).Assembly.GetExportedTypes().Where(t => t.Namespace == RuntimeNamespace))
        {
            var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
            reserved.Add(tick >= 0 ? type.Name[..tick] : type.Name);
        }

        const BindingFlags members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy;
        foreach (var member in typeof(CompiledPredicate).GetMembers(members))
        {
            reserved.Add(member.Name);
        }

        return reserved;
    }

    /// <summary>Whether <paramref name="name"/> can be an alias at all: a plain identifier that is no C# keyword.</summary>
    internal static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name)
        && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
        && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;
}
