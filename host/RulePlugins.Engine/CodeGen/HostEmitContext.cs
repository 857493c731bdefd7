using System.Reflection;
using System.Text;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.CodeGen;

/// <summary>A <c>private static readonly</c> field a condition asked for.</summary>
internal sealed record EmittedField(string Path, string Type, string Name, string Initializer);

/// <summary>
/// The emit context of one condition: resolves tables to slots, names types (through the source's
/// <see cref="TypeAliases"/>) and formats every literal.
/// </summary>
internal sealed class HostEmitContext(
    DataPlan plan, string path, ISet<string> usedNames, TypeAliases aliases, List<EmittedField> fields, IReadOnlySet<Assembly> allowedAssemblies)
    : EmitContext
{
    private static readonly Assembly SdkAssembly = typeof(CompiledPredicate).Assembly;

    public override Code Clock => Trusted("clock");

    public override Code Rows(Sdk.Data.TableDefinition table)
    {
        var slot = SlotOf(table);
        return Trusted($"subject.Rows<{slot.RowAlias}>(Slots.{slot.SlotName})");
    }

    public override Code Row(Sdk.Data.TableDefinition table)
    {
        var slot = SlotOf(table);
        return Trusted($"subject.Row<{slot.RowAlias}>(Slots.{slot.SlotName})");
    }

    public override Code Lookup(Sdk.Data.LookupDefinition lookup)
    {
        var slot = plan.Find(lookup) ?? throw new InvalidOperationException(
            $"The emitter read lookup '{lookup.Name}' without declaring it in GetLookups.");
        return Trusted($"subject.Lookup<{slot.ModelAlias}>(Lookups.{slot.SlotName})");
    }

    public override Code TypeName(Type type) => Trusted(FormatType(type));

    public override Code StaticField(Code type, string nameHint, Code initializer)
    {
        // The same field asked for again for the same condition (its value, emitted beside its test) is the one field.
        if (fields.FirstOrDefault(f => f.Path == path && f.Type == type.Text && f.Initializer == initializer.Text) is { } existing)
        {
            return Trusted(existing.Name);
        }

        var name = UniqueName(usedNames, nameHint, SegmentEmitter.MethodName(path)["Rules".Length..]);
        fields.Add(new EmittedField(path, type.Text, name, initializer.Text));
        return Trusted(name);
    }

    public override Code Literal(string? value) => Trusted(LiteralFormatter.String(value));

    public override Code Literal(long value) => Trusted(LiteralFormatter.Int64(value));

    public override Code Literal(decimal value) => Trusted(LiteralFormatter.Decimal(value));

    public override Code Literal(double value) => Trusted(LiteralFormatter.Double(value));

    public override Code Literal(bool value) => Trusted(LiteralFormatter.Boolean(value));

    public override Code Literal(DateTimeOffset value) => Trusted(LiteralFormatter.Instant(value.ToUnixTimeMilliseconds()));

    public override Code InstantLiteral(long unixMilliseconds) => Trusted(LiteralFormatter.Instant(unixMilliseconds));

    private TablePlan SlotOf(Sdk.Data.TableDefinition table) =>
        plan.Find(table) ?? throw new InvalidOperationException(
            $"The emitter read table '{table.Name}' without declaring it in GetDataRequirements.");

    private string FormatType(Type type)
    {
        if (type.IsGenericParameter)
        {
            throw new ArgumentException($"Open generic type {type} cannot be named in generated code.", nameof(type));
        }

        var assembly = type.Assembly;
        if (assembly != SdkAssembly && !allowedAssemblies.Contains(assembly) && !BaseLibrary.Contains(assembly))
        {
            throw new InvalidOperationException(
                $"Generated code may reference only the SDK, the segment's plugins and the base library; {type.FullName} is in {assembly.GetName().Name}.");
        }

        var keyword = Keyword(type);
        if (keyword is not null)
        {
            return keyword;
        }

        if (type.IsArray)
        {
            return FormatType(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return FormatType(underlying) + "?";
        }

        if (!BaseLibrary.Contains(assembly) && TypeAliases.Applies(type))
        {
            return aliases.For(type);
        }

        var name = new StringBuilder();
        if (type.IsNested)
        {
            name.Append(FormatType(type.DeclaringType!)).Append('.');
        }
        else if (type.Namespace == typeof(CompiledPredicate).Namespace)
        {
            // The generated file imports the SDK runtime namespace.
        }
        else
        {
            // The base library is named in full, as generated code conventionally does.
            name.Append(TypeAliases.Target(type)[..^type.Name.Length]);
        }

        var simple = type.Name;
        var tick = simple.IndexOf('`', StringComparison.Ordinal);
        name.Append(TypeAliases.Escape(tick >= 0 ? simple[..tick] : simple));
        if (type.IsGenericType)
        {
            name.Append('<').Append(string.Join(", ", type.GetGenericArguments().Select(FormatType))).Append('>');
        }

        return name.ToString();
    }

    // An enum's type code is its underlying type's: it must be named, never written as "int".
    private static string? Keyword(Type type) => type.IsEnum ? null : Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => "bool",
        TypeCode.Byte => "byte",
        TypeCode.Char => "char",
        TypeCode.Decimal => "decimal",
        TypeCode.Double => "double",
        TypeCode.Int16 => "short",
        TypeCode.Int32 => "int",
        TypeCode.Int64 => "long",
        TypeCode.SByte => "sbyte",
        TypeCode.Single => "float",
        TypeCode.String => "string",
        TypeCode.UInt16 => "ushort",
        TypeCode.UInt32 => "uint",
        TypeCode.UInt64 => "ulong",
        _ => type == typeof(object) ? "object" : null,
    };

    /// <summary>
    /// A field name from the plugin's hint; when another field has it, the hint with the condition's path
    /// (<c>Orders_1</c> for <c>rules.items[1]</c>, like its method <c>Rules_1</c>), then a number. Never a name
    /// that would hide a type or member the source uses (<see cref="TypeAliases.IsReserved"/>).
    /// </summary>
    internal static string UniqueName(ISet<string> usedNames, string hint, string pathSuffix)
    {
        var builder = new StringBuilder();
        foreach (var c in hint)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                builder.Append(c);
            }
        }

        if (builder.Length == 0 || !char.IsAsciiLetter(builder[0]))
        {
            builder.Insert(0, "Field");
        }

        var baseName = builder.ToString();
        if (TryTake(baseName))
        {
            return baseName;
        }

        if (pathSuffix.Length > 0 && TryTake(baseName + pathSuffix))
        {
            return baseName + pathSuffix;
        }

        var i = 2;
        while (!TryTake(baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            i++;
        }

        return baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // A field named like an imported SDK type (Text) or an inherited member would hide it.
        bool TryTake(string name) => !TypeAliases.IsReserved(name) && usedNames.Add(name);
    }

    /// <summary>The assemblies of the base library generated code may use.</summary>
    internal static readonly IReadOnlySet<Assembly> BaseLibrary = new HashSet<Assembly>
    {
        typeof(object).Assembly,
        typeof(HashSet<>).Assembly,
        typeof(Enumerable).Assembly,
    };
}
