using RulePlugins.Engine.Validation;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>Parameters that do not fit together are refused at their path, and nothing is stored.</summary>
public sealed class ValidationTests : IDisposable
{
    private readonly LoyaltyBed _bed = new();

    private IReadOnlyList<ValidationError> Refused(string type, Params parameters)
    {
        var errors = Assert.Throws<SegmentValidationException>(() => _bed.Kit.Engine.Save(Documents.Single("refused", type, parameters.ToObject()))).Errors;
        Assert.Empty(_bed.Kit.Engine.Segments());
        return errors;
    }

    [Fact]
    public void Save_RangeMinAboveMax_IsRefusedAtMax()
    {
        var error = Assert.Single(Refused("loyalty.balance", Params.Operator("in_range").With("program", "bonus-club").With("balance", "active").With("min", 500).With("max", 100)));

        Assert.Equal("rules.items[0].params.max", error.Path);
    }

    [Fact]
    public void Save_TwoWindows_IsRefused()
    {
        var error = Assert.Single(Refused("loyalty.accrued", Params.Operator("greater").With("program", "bonus-club").With("value", 0).With("last_days", 7).With("next_days", 7)));

        Assert.Equal("rules.items[0].params.next_days", error.Path);
    }

    [Fact]
    public void Save_UnknownBalanceType_IsRefusedWithTheAllowedValues()
    {
        var error = Assert.Single(Refused("loyalty.balance", LoyaltyBed.Balance("usable", "greater", 0)));

        Assert.Equal("rules.items[0].params.balance", error.Path);
        Assert.Contains("active, final", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _bed.Dispose();
}
