using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Sdk.Tests;

/// <summary>
/// <see cref="DataChoices.FromRows{TRow}(string, string, TableDefinition, Func{TRow, string?}, Func{TRow, string?})"/>:
/// the choices of a reference table's rows from an id and a name selector, as the family plugins declare them.
/// </summary>
public sealed class DataChoicesTests
{
    private static readonly TableDefinition Shops = TableDefinition.Reference(
        "test_shops", typeof(ShopRow), [new("id", ColumnType.Text) { Nullable = false }, new("name", ColumnType.Text)]);

    [Fact]
    public void FromRows_IdAndNameSelectors_LeaveOutRowsWithoutIdAndNameTheRestByIdWhenUnnamed()
    {
        var choices = DataChoices.FromRows<ShopRow>("shop", "test.shops", Shops, row => row.Id, row => row.Name);
        ShopRow[] rows = [new() { Id = "north", Name = "North shop" }, new() { Id = null, Name = "Orphan" }, new() { Id = "south" }];

        var model = choices.Lookup.Build(rows);

        Assert.Equal([new DataChoice("north", "North shop"), new DataChoice("south", "south")], choices.ChoicesFrom(model));
        Assert.Equal(["north", "south"], choices.From(model));
        Assert.Equal("shop", choices.Noun);
        Assert.Equal("test.shops", choices.Lookup.Name);
        Assert.Same(Shops, choices.Lookup.Table);
    }

    private sealed class ShopRow
    {
        public string? Id { get; set; }

        public string? Name { get; set; }
    }
}
