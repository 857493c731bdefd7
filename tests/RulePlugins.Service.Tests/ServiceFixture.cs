using RulePlugins.Testing;

namespace RulePlugins.Service.Tests;

/// <summary>One service shared by the tests of a collection; tests use segment ids of their own.</summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    /// <summary>The service.</summary>
    public ServiceInstance Service { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => Service = await ServiceInstance.StartAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Service.DisposeAsync();
}

/// <summary>The collection of tests sharing one <see cref="ServiceFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<ServiceFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "service";
}

/// <summary>Segment documents for the tests.</summary>
public static class SegmentDocuments
{
    /// <summary>A profile segment: city equals <paramref name="city"/>.</summary>
    public static string City(string id, string city = "Moscow", string? schedule = null) => $$"""
        {
          "schemaVersion": 1, "id": "{{id}}", "name": "Lives in {{city}}", "subject": "profile",{{(schedule is null ? "" : $" \"schedule\": {schedule},")}}
          "rules": { "op": "and", "items": [ { "type": "profile.city", "params": { "operator": "equals", "value": "{{city}}" } } ] }
        }
        """;

    /// <summary>A profile segment linked to another segment (a reference).</summary>
    public static string InSegment(string id, string target, string op = "in_segment") => $$"""
        {
          "schemaVersion": 1, "id": "{{id}}", "name": "{{op}} {{target}}", "subject": "profile",
          "rules": { "op": "and", "items": [ { "type": "segments.membership", "params": { "segment": "{{target}}", "operator": "{{op}}" } } ] }
        }
        """;

    public static string LinkedTo(string id, string target) => $$"""
        {
          "schemaVersion": 1, "id": "{{id}}", "name": "Linked to {{target}}", "subject": "profile",
          "rules": { "op": "and", "items": [ { "type": "links.linked_to", "params": { "segment": "{{target}}" } } ] }
        }
        """;

    /// <summary>A profile segment that holds for everyone, slowly (a pause per profile).</summary>
    public static string Slow(string id, int milliseconds) => $$"""
        {
          "schemaVersion": 1, "id": "{{id}}", "name": "Slow", "subject": "profile",
          "rules": { "op": "and", "items": [ { "type": "links.slow", "params": { "milliseconds": {{milliseconds}} } } ] }
        }
        """;

    /// <summary>The order segment of the 10% promotion: orders from the website cart.</summary>
    public static string WebsiteCart(string id) => $$"""
        {
          "schemaVersion": 1, "id": "{{id}}", "name": "Website cart", "subject": "order",
          "rules": { "op": "and", "items": [
            { "type": "order.sales_channels", "params": { "operator": "in_list", "values": ["website/cart"] } },
            { "type": "order.goods_count", "params": { "method": "distinct_products", "operator": "greater_or_equal", "value": 3 } }
          ] }
        }
        """;

    /// <summary>An order from the website cart with three products.</summary>
    public const string CartOrder = """
        {
          "id": 1, "currency": "RUB", "channel": "website", "contact_point": "cart", "region": "Kazan",
          "items": [
            { "product_id": "P-1", "sku": "S-1", "quantity": 1, "price": 100 },
            { "product_id": "P-2", "sku": "S-2", "quantity": 2, "price": 50 },
            { "product_id": "P-3", "sku": "S-3", "quantity": 1, "price": 10 }
          ]
        }
        """;

    /// <summary>An order from a store with one product.</summary>
    public const string StoreOrder = """
        {
          "id": 2, "currency": "RUB", "channel": "retail", "contact_point": "store_moscow_1", "region": "Moscow",
          "items": [ { "product_id": "P-1", "sku": "S-1", "quantity": 1, "price": 100 } ]
        }
        """;
}
