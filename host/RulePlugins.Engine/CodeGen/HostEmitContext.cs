using System.Reflection;
using System.Text;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.CodeGen;

/// <summary>A <c>private static readonly</c> field a condition asked for.</summary>
internal sealed record EmittedField(string Path, string Type, string Name, string Initializer);

/// <summary>The emit context of one condition: resolves tables to slots and formats every literal.</summary>
internal sealed class HostEmitContext(DataPlan plan, string path, ISet<string> usedNames, List<EmittedField> fields, IReadOnlySet<Assembly> allowedAssemblies)
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
        var name = UniqueName(usedNames, nameHint);
        fields.Add(new EmittedField(path, type.Text, name, initializer.Text));
        return Trusted(name);
    }

    public override Code Literal(string? value) => Trusted(LiteralFormatter.String(value));

    public override Code Literal(long value) => Trusted(LiteralFormatter.Int64(value));

    public override Code Literal(decimal value) => Trusted(LiteralFormatter.Decimal(value));

    public override Code Literal(double value) => Trusted(LiteralFormatter.Double(value));

    public override Code Literal(bool value) => Trusted(LiteralFormatter.Boolean(value));

    public override Code Literal(DateTimeOffset value) => Trusted(LiteralFormatter.Int64(value.ToUnixTimeMilliseconds()));

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
            name.Append("global::").Append(type.Namespace).Append('.');
        }

        var simple = type.Name;
        var tick = simple.IndexOf('`', StringComparison.Ordinal);
        name.Append(tick >= 0 ? simple[..tick] : simple);
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

    internal static string UniqueName(ISet<string> usedNames, string hint)
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
        var name = baseName;
        for (var i = 2; !usedNames.Add(name); i++)
        {
            name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>The assemblies of the base library generated code may use.</summary>
    internal static readonly IReadOnlySet<Assembly> BaseLibrary = new HashSet<Assembly>
    {
        typeof(object).Assembly,
        typeof(HashSet<>).Assembly,
        typeof(Enumerable).Assembly,
    };
}
