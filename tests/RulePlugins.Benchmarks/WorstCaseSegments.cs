using System.Globalization;
using System.Text;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Profile segments of many <c>market.orders</c> conditions, each with most grouping parameters, as a load test's
/// "save at the limits" would send: 499 conditions (with the root group, the 500-node limit) is about 202 KB.
/// </summary>
internal static class WorstCaseSegments
{
    /// <summary>The conditions of the document at the node limit (the root group is the 500th node).</summary>
    public const int AtNodeLimit = 499;

    /// <summary>A document with <paramref name="conditions"/> conditions; <paramref name="variant"/> changes one literal so each save compiles anew.</summary>
    public static string Document(string id, int conditions, int variant)
    {
        var text = new StringBuilder(conditions * 420 + 200);
        text.Append(CultureInfo.InvariantCulture, $$"""{ "schemaVersion": 1, "id": "{{id}}", "name": "Worst case {{conditions}}", "subject": "profile", "rules": { "op": "or", "items": [""");
        for (var i = 0; i < conditions; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var product = (i % 200) + 1;
            text.Append(CultureInfo.InvariantCulture, $$"""
                { "type": "market.orders", "params": { "operator": "exists", "count": {{(i % 5) + 1}}, "statuses": ["paid", "delivered"],
                  "channels": ["website/cart", "mobile_app", "marketplace/ozon"], "regions": ["Moscow", "Saint Petersburg", "Kazan"],
                  "products": ["P-{{product:D4}}", "P-{{((product + 7) % 200) + 1:D4}}"], "skus": ["SKU-{{product:D4}}"],
                  "quantity_method": "total", "quantity_operator": "greater_or_equal", "quantity_value": {{(i % 4) + 1}},
                  "created_in_last_days": {{30 + (i % 300)}}, "amount_operator": "greater", "amount_value": {{1000 + variant + i}}, "amount_currency": "RUB" } }
                """);
        }

        text.Append("] } }");
        return text.ToString();
    }
}
