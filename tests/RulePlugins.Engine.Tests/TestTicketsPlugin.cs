using System.Text.Json;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Engine.Tests;

/// <summary>One ticket line: a seat class and a price.</summary>
public sealed class TestTicketLineRow
{
    public string? SeatClass { get; set; }

    public decimal Price { get; set; }
}

/// <summary>A fee by seat class: reference data read through a lookup.</summary>
public sealed class TestFeeRow
{
    public string? SeatClass { get; set; }

    public decimal Fee { get; set; }
}

/// <summary>The fees by seat class, built once per run from <see cref="TestTicketsPlugin.Fees"/>.</summary>
public sealed class TestFees(IReadOnlyDictionary<string, decimal> fees)
{
    public decimal Of(string? seatClass) => seatClass is not null && fees.TryGetValue(seatClass, out var fee) ? fee : 0m;

    public IEnumerable<string> Classes => fees.Keys;
}

/// <summary>
/// A subject kind read from documents ("order": a basket of ticket lines), a lookup over a reference table, and
/// two conditions; it exercises the host's document evaluation without the market plugin.
/// </summary>
public sealed class TestTicketsPlugin : IRulePlugin
{
    /// <summary>The plugin's own document subject: a basket of ticket lines, named "order" as a shop would.</summary>
    public const string BasketKind = "order";

    public static readonly TableDefinition Lines = new(
        "test_ticket_lines", "order_id", typeof(TestTicketLineRow), [new("seat_class", ColumnType.Text), new("price", ColumnType.Decimal)]);

    public static readonly TableDefinition FeeTable = TableDefinition.Reference(
        "test_fees", typeof(TestFeeRow), [new("seat_class", ColumnType.Text), new("fee", ColumnType.Decimal)]);

    public static readonly LookupDefinition<TestFeeRow, TestFees> Fees =
        new("test.fees", FeeTable, rows => new TestFees(rows.ToDictionary(r => r.SeatClass!, r => r.Fee)));

    public void Register(IPluginBuilder builder) => builder
        .AddTable(Lines)
        .AddTable(FeeTable)
        .AddLookup(Fees)
        .AddSubject(new Basket())
        .AddConditionType(new HasSeatClass())
        .AddConditionType(new HasAnyFeeClass())
        .AddConditionType(new TotalWithFees());

    public static decimal Total(ReadOnlySpan<TestTicketLineRow> lines, TestFees fees)
    {
        var total = 0m;
        foreach (var line in lines)
        {
            total += line.Price + fees.Of(line.SeatClass);
        }

        return total;
    }

    public static bool Any(ReadOnlySpan<TestTicketLineRow> lines, string seatClass)
    {
        foreach (var line in lines)
        {
            if (line.SeatClass == seatClass)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Basket : SubjectDefinition
    {
        public override string Kind => BasketKind;

        public override string Description => "{\"lines\": [{\"seat_class\": \"business\", \"price\": 100}]}";

        public override IReadOnlyList<TableDefinition> Tables => [Lines];

        public override void Read(JsonElement document, SubjectReader reader)
        {
            if (!document.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
            {
                throw new SubjectFormatException("$.lines", "is required and must be an array");
            }

            foreach (var line in lines.EnumerateArray())
            {
                reader.Add(Lines, new TestTicketLineRow { SeatClass = line.GetProperty("seat_class").GetString(), Price = line.GetProperty("price").GetDecimal() });
            }
        }
    }

    private sealed class HasSeatClass : ConditionType
    {
        public override string Id => "test.has_seat_class";

        public override string Title => "Has a seat class";

        public override string Subject => BasketKind;

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = [new("value", ParameterKind.String, "The seat class.")];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [Lines.Read("seat_class")];

        public override string Describe(ConditionArguments arguments) => $"a line is in class \"{arguments.GetString("value")}\"";

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            context.Expression($"{context.TypeName(typeof(TestTicketsPlugin))}.Any({context.Rows(Lines)}, {arguments.GetString("value")})");
    }

    /// <summary>A string list whose values come from reference data: the seat classes that have a fee.</summary>
    private sealed class HasAnyFeeClass : ConditionType
    {
        public override string Id => "test.has_any_fee_class";

        public override string Title => "Has a line in one of these fee classes";

        public override string Subject => BasketKind;

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [
            new("values", ParameterKind.StringList, "Seat classes with a fee.") { ChoicesFrom = DataChoices.Of("seat class", Fees, fees => fees.Classes) },
        ];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [Lines.Read("seat_class")];

        public override string Describe(ConditionArguments arguments) => $"a line is in one of {string.Join(", ", arguments.GetStringList("values"))}";

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            Code.Join(" || ", arguments.GetStringList("values").Select(v => context.Expression($"{context.TypeName(typeof(TestTicketsPlugin))}.Any({context.Rows(Lines)}, {v})")));
    }

    private sealed class TotalWithFees : ConditionType
    {
        public override string Id => "test.total_with_fees_at_least";

        public override string Title => "Total with fees";

        public override string Subject => BasketKind;

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = [new("value", ParameterKind.Number, "The least total.")];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [Lines.Read("seat_class", "price")];

        public override IEnumerable<LookupDefinition> GetLookups(ConditionArguments arguments) => [Fees];

        public override string Describe(ConditionArguments arguments) => $"prices plus fees add up to at least {arguments.GetNumber("value")}";

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            context.Expression($"{context.TypeName(typeof(TestTicketsPlugin))}.Total({context.Rows(Lines)}, {context.Lookup(Fees)}) >= {arguments.GetNumber("value")}");
    }
}
