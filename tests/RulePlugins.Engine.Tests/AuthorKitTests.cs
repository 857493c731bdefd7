using RulePlugins.Engine.Compilation;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>A purchase row of the test plugins below.</summary>
public sealed class PurchaseRow
{
    public string? Kind { get; set; }

    public decimal? Amount { get; set; }
}

/// <summary>
/// "At least one purchase of a kind for at least an amount". With <paramref name="declareAmount"/> false the plugin
/// makes the mistake the author kit exists to catch: its helper reads <c>amount</c>, but its data requirements declare
/// only <c>kind</c>, so the host never loads the amount and the condition silently never holds.
/// </summary>
public sealed class PurchasesPlugin(bool declareAmount) : IRulePlugin
{
    public static readonly TableDefinition Purchases = new(
        "kit_purchases", "profile_id", typeof(PurchaseRow),
        [new("id", ColumnType.Integer) { Nullable = false }, new("kind", ColumnType.Text), new("amount", ColumnType.Decimal)])
    {
        RowKeyColumn = "id",
    };

    public void Register(IPluginBuilder builder) => builder.AddTable(Purchases).AddConditionType(new BigPurchase(declareAmount));

    /// <summary>Whether any purchase is of <paramref name="kind"/> for at least <paramref name="amount"/>.</summary>
    public static bool AnyBig(ReadOnlySpan<PurchaseRow> rows, string kind, decimal amount)
    {
        foreach (var row in rows)
        {
            if (row.Kind == kind && row.Amount >= amount)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class BigPurchase(bool declareAmount) : ConditionType
    {
        public override string Id => "kit.big_purchase";

        public override string Title => "A big purchase";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
            [new("kind", ParameterKind.String, "The kind."), new("amount", ParameterKind.Number, "The least amount.")];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
            [declareAmount ? Purchases.Read("kind", "amount") : Purchases.Read("kind")];

        public override string Describe(ConditionArguments arguments) => $"a {arguments.GetString("kind")} purchase of at least {arguments.GetNumber("amount")}";

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            context.Expression($"{context.TypeName(typeof(PurchasesPlugin))}.AnyBig({context.Rows(Purchases)}, {arguments.GetString("kind")}, {arguments.GetNumber("amount")})");
    }
}

/// <summary>The author kit: typed rows, member checks, the undeclared-column check and the differential harness.</summary>
public sealed class AuthorKitTests
{
    private static readonly Params BigBook = Params.Empty.With("kind", "book").With("amount", 100);

    private static PluginTestBed BedWithPurchases(bool declareAmount)
    {
        var bed = new PluginTestBed(new PurchasesPlugin(declareAmount));
        bed.AddProfiles(1, 2, 3, 4);
        bed.Insert(PurchasesPlugin.Purchases, 1, new PurchaseRow { Kind = "book", Amount = 150 }, new PurchaseRow { Kind = "toy", Amount = 500 });
        bed.Insert(PurchasesPlugin.Purchases, 2, new PurchaseRow { Kind = "book", Amount = 99.99m });
        bed.Insert(PurchasesPlugin.Purchases, 3, new PurchaseRow { Kind = "toy", Amount = 100 });
        bed.Insert(PurchasesPlugin.Purchases, 4, new PurchaseRow { Kind = "book", Amount = 100 });
        return bed;
    }

    [Fact]
    public void Save_ConditionReadingAnUndeclaredColumn_IsRefusedNamingTheConditionTheTableAndTheColumn()
    {
        using var bed = BedWithPurchases(declareAmount: false);

        var error = Assert.Throws<SegmentCompilationException>(() =>
            bed.Engine.Save(Documents.Single("big-books", "kit.big_purchase", BigBook.ToObject())));

        var finding = Assert.Single(error.Errors);
        Assert.Equal("rules.items[0]", finding.Path);
        Assert.Contains("kit.big_purchase", finding.Message, StringComparison.Ordinal);
        Assert.Contains("column kit_purchases.amount", finding.Message, StringComparison.Ordinal);
        Assert.Contains("for 0 with the declared columns and for 2 with every column", finding.Message, StringComparison.Ordinal);
        Assert.Null(bed.Engine.Find("big-books"));
    }

    [Fact]
    public void AssertColumnsDeclared_SegmentSavedBeforeThereWasData_FailsNamingTheConditionTheTableAndTheColumn()
    {
        using var bed = new PluginTestBed(new PurchasesPlugin(declareAmount: false));
        bed.Engine.Save(Documents.Single("big-books", "kit.big_purchase", BigBook.ToObject()));
        bed.AddProfiles(1);
        bed.Insert(PurchasesPlugin.Purchases, 1, new PurchaseRow { Kind = "book", Amount = 150 });

        var error = Assert.Throws<PluginCheckException>(() => bed.AssertColumnsDeclared("big-books"));

        Assert.Contains("rules.items[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("kit.big_purchase", error.Message, StringComparison.Ordinal);
        Assert.Contains("kit_purchases.amount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertMembers_PluginDeclaringItsColumns_PassesAndMatchesHandWrittenSql()
    {
        using var bed = BedWithPurchases(declareAmount: true);

        bed.AssertMembers("kit.big_purchase", BigBook, 1, 4);
        bed.AssertSameAsSql("kit.big_purchase", BigBook, "SELECT profile_id FROM kit_purchases WHERE kind = 'book' AND amount >= 100");
        bed.AssertSameAsSql("kit.big_purchase", BigBook.With("kind", "toy"), "SELECT profile_id FROM kit_purchases WHERE kind = 'toy' AND amount >= 100");
    }

    [Fact]
    public void AssertMembers_WrongExpectation_FailsSayingWhatIsMissingAndWhatIsNot()
    {
        using var bed = BedWithPurchases(declareAmount: true);

        var error = Assert.Throws<PluginCheckException>(() => bed.AssertMembers("kit.big_purchase", BigBook, 1, 2));

        Assert.Contains("missing 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("not expected 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insert_RowTypeWithoutTheRowKey_NumbersTheRowsItself()
    {
        using var bed = BedWithPurchases(declareAmount: true);

        Assert.Equal(5L, bed.Database.Scalar<long>("SELECT COUNT(DISTINCT id) FROM kit_purchases"));
        Assert.Equal(99.99m, bed.Database.Scalar<decimal>("SELECT amount FROM kit_purchases WHERE profile_id = 2"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DifferentialHarness_PluginAgreeingWithItsReference_PassesOnRandomTrees(int seed)
    {
        using var bed = RandomPurchases(seed, out var rows);
        var harness = new DifferentialHarness(bed, RandomCondition, (id, c) => rows[id].Any(r => Reference(r, c)));

        var nonTrivial = harness.Run(seed, trees: 12, singles: 8);

        Assert.True(nonTrivial >= 8, $"only {nonTrivial} documents selected some but not all profiles");
    }

    [Fact]
    public void DifferentialHarness_ReferenceThatDisagrees_FailsListingTheDocuments()
    {
        using var bed = RandomPurchases(3, out var rows);

        // A reference that reads "at least" as "more than" disagrees wherever an amount equals the threshold.
        var harness = new DifferentialHarness(bed, RandomCondition, (id, c) => rows[id].Any(r => r.Kind == (string?)c.Get("kind") && r.Amount > Convert.ToDecimal(c.Get("amount"), System.Globalization.CultureInfo.InvariantCulture)));

        var error = Assert.Throws<PluginCheckException>(() => harness.Run(3, trees: 5, singles: 20));
        Assert.Contains("disagree with the reference", error.Message, StringComparison.Ordinal);
        Assert.Contains("kit.big_purchase", error.Message, StringComparison.Ordinal);
    }

    private static readonly string[] Kinds = ["book", "toy", "food"];

    private static KitCondition RandomCondition(Random random) =>
        new("kit.big_purchase", Params.Empty.With("kind", Kinds[random.Next(Kinds.Length)]).With("amount", random.Next(0, 11) * 10));

    private static bool Reference(PurchaseRow row, KitCondition condition) =>
        row.Kind == (string?)condition.Get("kind") && row.Amount >= Convert.ToDecimal(condition.Get("amount"), System.Globalization.CultureInfo.InvariantCulture);

    private static PluginTestBed RandomPurchases(int seed, out Dictionary<long, List<PurchaseRow>> rows)
    {
        var random = new Random(seed);
        var bed = new PluginTestBed(new PurchasesPlugin(declareAmount: true));
        rows = [];
        for (long id = 1; id <= 60; id++)
        {
            bed.AddProfiles(id);
            rows[id] = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => new PurchaseRow { Kind = Kinds[random.Next(Kinds.Length)], Amount = random.Next(0, 11) * 10 })];
            foreach (var row in rows[id])
            {
                bed.Insert(PurchasesPlugin.Purchases, id, row);
            }
        }

        return bed;
    }
}
