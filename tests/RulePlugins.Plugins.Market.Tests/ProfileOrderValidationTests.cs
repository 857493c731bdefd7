using RulePlugins.Engine.Validation;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Market.Tests.ProfileOrderParams;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// Parameters of the profile order conditions that the engine refuses on save, with the path of the parameter
/// at fault, and a few close calls it accepts.
/// </summary>
public sealed class ProfileOrderValidationTests : IDisposable
{
    private const string SegmentId = "invalid-orders";

    private readonly MarketDatabase _db = new();

    private IReadOnlyList<ValidationError> SaveErrors(string conditionType, string parameters)
    {
        var exception = Assert.Throws<SegmentValidationException>(() => _db.Db.Engine.Save(Documents.Single(SegmentId, conditionType, Params(parameters))));
        Assert.Equal(SegmentId, exception.SegmentId);
        return exception.Errors;
    }

    public static TheoryData<string, string, string, string> InvalidCases() => new()
    {
        {
            Orders, """{"operator": "exists", "created_in_last_days": 7, "created_from": "2026-06-01"}""",
            "rules.items[0].params.created_in_last_days", "give either created_in_last_days or created_from/created_to, not both"
        },
        {
            OrdersTotal, """{"operator": "equals", "value": 1, "created_in_last_days": 7, "created_to": "2026-06-10"}""",
            "rules.items[0].params.created_in_last_days", "not both"
        },
        {
            Orders, """{"operator": "exists", "created_from": "2026-06-10", "created_to": "2026-06-01"}""",
            "rules.items[0].params.created_to", "must not be before created_from (2026-06-10), got 2026-06-01"
        },
        {
            OrdersTotal, """{"operator": "greater", "value": 100, "currency": "RUBLES"}""",
            "rules.items[0].params.currency", "\"RUBLES\" is not a known currency; known: EUR, RUB, USD"
        },
        {
            Orders, """{"operator": "exists", "amount_operator": "greater", "amount_value": 100, "amount_currency": "RUBLES"}""",
            "rules.items[0].params.amount_currency", "\"RUBLES\" is not a known currency; known: EUR, RUB, USD"
        },
        {
            Orders, """{"operator": "exists", "amount_currency": "USD"}""",
            "rules.items[0].params.amount_currency", "applies only with amount_operator"
        },
        {
            Orders, """{"operator": "exists", "channels": ["website/"]}""",
            "rules.items[0].params.channels[0]", "\"website/\" is not a known sales channel or contact point"
        },
        {
            Orders, """{"operator": "exists", "channels": ["website", "/cart"]}""",
            "rules.items[0].params.channels[1]", "\"/cart\" is not a known sales channel or contact point"
        },
        {
            Orders, """{"operator": "exists", "channels": ["website/cart/extra"]}""",
            "rules.items[0].params.channels[0]", "\"website/cart/extra\" is not a known sales channel or contact point"
        },
        {
            Orders, """{"operator": "exists", "quantity_operator": "greater", "quantity_value": 1}""",
            "rules.items[0].params.quantity_method", "is required when quantity_operator is"
        },
        {
            Orders, """{"operator": "exists", "quantity_method": "total", "quantity_operator": "in_range", "quantity_min": 5, "quantity_max": 2}""",
            "rules.items[0].params.quantity_max", "must be greater than or equal to quantity_min"
        },
        {
            Orders, """{"operator": "exists", "quantity_method": "each", "quantity_operator": "greater", "quantity_value": 1}""",
            "rules.items[0].params.quantity_method", "allowed values: any_item, total, every_item, distinct_products"
        },
        {
            Orders, """{"operator": "exists", "amount_operator": "in_range", "amount_min": 100}""",
            "rules.items[0].params.amount_max", "is required when amount_operator is 'in_range'"
        },
        {
            Orders, """{"operator": "exists", "count": 0}""",
            "rules.items[0].params.count", "out of range"
        },
        {
            Orders, """{"operator": "exists", "created_in_last_days": 0}""",
            "rules.items[0].params.created_in_last_days", "out of range"
        },
        {
            Orders, """{"operator": "some"}""",
            "rules.items[0].params.operator", "allowed values: exists, not_exists"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Save_InvalidParameters_RefusedWithPathOfParameter(string conditionType, string parameters, string path, string message)
    {
        var errors = SaveErrors(conditionType, parameters);

        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Save_StatusNotInTheList_RefusedListingTheStatuses()
    {
        var errors = SaveErrors(Orders, """{"operator": "exists", "statuses": ["paid", "shipped"]}""");

        var error = Assert.Single(errors);
        Assert.Equal("rules.items[0].params.statuses[1]", error.Path);
        Assert.Contains("\"shipped\" is not allowed", error.Message);
        Assert.Contains("new, delivered, paid, canceled, partial_return", error.Message);
    }

    [Fact]
    public void Save_SeveralMistakes_ReportsEach()
    {
        var errors = SaveErrors(OrdersTotal, """{"operator": "less", "value": 10, "amount_currency": "USD", "created_from": "2026-06-10", "created_to": "2026-06-01"}""");

        Assert.Equal(
            ["rules.items[0].params.amount_currency", "rules.items[0].params.created_to"],
            errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Save_InvalidDocument_StoresNothing()
    {
        SaveErrors(Orders, """{"operator": "exists", "created_in_last_days": 7, "created_from": "2026-06-01"}""");

        Assert.DoesNotContain(_db.Db.Engine.Segments(), s => s.Id == SegmentId);
    }

    public static TheoryData<string, string> ValidCases() => new()
    {
        // The same day, whatever the times: whole days, so created_to is not before created_from.
        { Orders, """{"operator": "exists", "created_from": "2026-06-10T23:00:00Z", "created_to": "2026-06-10T01:00:00Z"}""" },
        { Orders, """{"operator": "exists", "created_to": "2026-06-10"}""" },
        { Orders, """{"operator": "exists", "channels": ["website", "website/cart", "Retail/Store_1"]}""" },
        { Orders, """{"operator": "exists", "quantity_method": "total", "quantity_operator": "in_range", "quantity_min": 2, "quantity_max": 2}""" },
        { Orders, """{"operator": "exists", "amount_operator": "less", "amount_value": 10, "amount_currency": "usd"}""" },
        { OrdersTotal, """{"operator": "in_range", "min": 0, "max": 0, "currency": "EUR"}""" },
    };

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Save_ValidParameters_IsAccepted(string conditionType, string parameters)
    {
        var result = _db.Db.Engine.Save(Documents.Single("valid-orders", conditionType, Params(parameters)));

        Assert.Equal("valid-orders", result.Id);
    }

    public void Dispose() => _db.Dispose();
}
