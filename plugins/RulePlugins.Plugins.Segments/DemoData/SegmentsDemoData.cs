using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Segments.DemoData;

/// <summary>
/// No rows (the plugin reads the membership the host keeps); one example segment over two others: the profile fields
/// example <c>moscow-adults</c> and the static segment <c>demo-vip</c> that the demo imports from a CSV file it writes.
/// </summary>
public sealed class SegmentsDemoData : IDemoDataGenerator
{
    /// <summary>The static segment the example reads; the demo creates and imports it before saving the examples.</summary>
    public const string StaticSegmentId = "demo-vip";

    /// <inheritdoc />
    public void Generate(DemoDataContext context)
    {
    }

    /// <inheritdoc />
    public IEnumerable<string> ExampleSegments =>
    [
        $$"""
        {
          "schemaVersion": 1,
          "id": "moscow-adults-not-vip",
          "name": "Adults in Moscow who are not VIP customers",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              { "type": "segments.membership", "params": { "segment": "moscow-adults", "operator": "in_segment" } },
              { "type": "segments.history", "params": { "segment": "{{StaticSegmentId}}", "operator": "currently_not_in" } }
            ]
          }
        }
        """,
    ];
}
