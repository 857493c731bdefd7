using System.Globalization;
using System.Text.Json;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Market.Data;

/// <summary>
/// Reads one order document for order segments. Fields: <c>currency</c> (required, a currency with a rate),
/// <c>channel</c> (required), <c>contact_point</c>, <c>region</c>, <c>status</c> (new when left out),
/// <c>id</c>, <c>created_at</c> (ISO 8601), <c>amount</c> (the items' price × quantity added up when left out),
/// <c>shipping_cost</c> (0 when left out) and <c>items</c>: objects with <c>product_id</c> (required),
/// <c>sku</c>, <c>category_id</c>, <c>quantity</c> (required, a whole number from 1 to 1,000,000) and <c>price</c>.
/// Other fields are ignored. Money is from 0 to 10^12; <c>id</c> may be a number or a text.
/// </summary>
public sealed class OrderSubject : SubjectDefinition
{
    // Bounds that keep every sum and conversion far from overflowing, and far above any real order.
    private const long MaxQuantity = 1_000_000;
    private const decimal MaxMoney = 1_000_000_000_000m;

    /// <inheritdoc />
    public override string Kind => MarketSubjects.Order;

    /// <inheritdoc />
    public override string Description =>
        "One order: {\"currency\": \"RUB\", \"channel\": \"website\", \"contact_point\": \"cart\", \"region\": \"Moscow\", \"amount\": 5400, " +
        "\"shipping_cost\": 300, \"items\": [{\"product_id\": \"P-1\", \"sku\": \"SKU-1\", \"quantity\": 2, \"price\": 2700}]}";

    /// <inheritdoc />
    public override IReadOnlyList<TableDefinition> Tables { get; } = [MarketTables.Orders, MarketTables.OrderItems];

    /// <inheritdoc />
    public override IReadOnlyList<LookupDefinition> Lookups { get; } = [MarketLookups.CurrencyRates];

    /// <inheritdoc />
    public override void Read(JsonElement document, SubjectReader reader)
    {
        // Text that is not valid (an escaped unpaired surrogate, bytes that are not UTF-8) cannot be read as a string.
        if (JsonText.MayHoldInvalidText(document) && JsonText.FindInvalid(document, "$") is { } invalid)
        {
            throw new SubjectFormatException(invalid.Path, invalid.Problem);
        }

        var rates = reader.Lookup<CurrencyRates>(MarketLookups.CurrencyRates);
        var currency = RequiredString(document, "currency", "$");
        if (!rates.IsKnown(currency))
        {
            throw new SubjectFormatException("$.currency", $"\"{currency}\" is not a known currency; known: {string.Join(", ", rates.Currencies)}");
        }

        var status = OptionalString(document, "status", "$") ?? "new";
        if (!OrderStatuses.All.Contains(status, StringComparer.OrdinalIgnoreCase))
        {
            throw new SubjectFormatException("$.status", $"\"{status}\" is not allowed; allowed values: {string.Join(", ", OrderStatuses.All)}");
        }

        // The id only names the order; a text id ("ORD-1") is accepted and not stored.
        var orderId = document.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? 0 : OptionalInteger(document, "id", "$") ?? 0;
        var createdAt = OptionalInstant(document, "created_at", "$");
        var items = new List<OrderItemRow>();
        if (document.TryGetProperty("items", out var itemsElement) && itemsElement.ValueKind != JsonValueKind.Null)
        {
            if (itemsElement.ValueKind != JsonValueKind.Array)
            {
                throw new SubjectFormatException("$.items", $"must be an array of items, got {Describe(itemsElement)}");
            }

            var index = 0;
            foreach (var item in itemsElement.EnumerateArray())
            {
                var path = $"$.items[{index++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new SubjectFormatException(path, $"must be an object, got {Describe(item)}");
                }

                var quantity = OptionalInteger(item, "quantity", path) ?? throw new SubjectFormatException(path + ".quantity", "is required");
                if (quantity is < 1 or > MaxQuantity)
                {
                    throw new SubjectFormatException(path + ".quantity", $"must be a whole number from 1 to {MaxQuantity}, got {quantity}");
                }

                items.Add(new OrderItemRow
                {
                    Id = index,
                    OrderId = orderId,
                    CreatedAt = createdAt,
                    ProductId = RequiredString(item, "product_id", path),
                    Sku = OptionalString(item, "sku", path),
                    CategoryId = OptionalString(item, "category_id", path),
                    Quantity = quantity,
                    Price = Money(item, "price", path) ?? 0m,
                });
            }
        }

        reader.Add(MarketTables.Orders, new OrderRow
        {
            Id = orderId,
            Status = status.ToLowerInvariant(),
            CreatedAt = createdAt,
            Currency = currency,
            Amount = Money(document, "amount", "$") ?? items.Sum(i => i.Price * i.Quantity),
            ShippingCost = Money(document, "shipping_cost", "$") ?? 0m,
            Region = OptionalString(document, "region", "$"),
            Channel = RequiredString(document, "channel", "$"),
            ContactPoint = OptionalString(document, "contact_point", "$"),
        });
        foreach (var item in items)
        {
            reader.Add(MarketTables.OrderItems, item);
        }
    }

    private static string RequiredString(JsonElement parent, string name, string path) =>
        OptionalString(parent, name, path) ?? throw new SubjectFormatException($"{path}.{name}", "is required");

    private static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new SubjectFormatException($"{path}.{name}", $"must be a string, got {Describe(value)}");
        }

        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    private static long? OptionalInteger(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw new SubjectFormatException($"{path}.{name}", $"must be a whole number, got {Describe(value)}");
        }

        return number;
    }

    private static decimal? Money(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new SubjectFormatException($"{path}.{name}", $"must be a number, got {Describe(value)}");
        }

        // A number too large for a decimal (1e300) is a number out of range, not "not a number".
        if (!value.TryGetDecimal(out var amount))
        {
            throw new SubjectFormatException($"{path}.{name}", $"must be from 0 to {MaxMoney.ToString(CultureInfo.InvariantCulture)}, got {value.GetRawText()}");
        }

        return amount is < 0 or > MaxMoney
            ? throw new SubjectFormatException($"{path}.{name}", $"must be from 0 to {MaxMoney.ToString(CultureInfo.InvariantCulture)}, got {amount.ToString(CultureInfo.InvariantCulture)}")
            : amount;
    }

    private static long OptionalInstant(JsonElement parent, string name, string path)
    {
        var text = OptionalString(parent, name, path);
        if (text is null)
        {
            return 0;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUnixTimeMilliseconds()
            : throw new SubjectFormatException($"{path}.{name}", $"must be an ISO 8601 date and time, got \"{text}\"");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
