using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Validation;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// Input a careless or hostile client sends: every one is refused as a document error with its path (never a compiler
/// error or an unexpected exception), or read the way a rule author means it.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TestDatabase _db = new();

    private IReadOnlyList<ValidationError> Errors(string json) => _db.Engine.Validator.Check(json);

    private static object City(object parameters) => new { type = "profile.city", @params = parameters };

    private static object Rules(params object[] items) => new { op = "and", items };

    [Theory]
    [InlineData("nlid\n")]
    [InlineData("nlid\r\n")]
    [InlineData("nlid\u2028")]
    public void Save_IdWithTrailingLineBreak_IsRefusedNamingIdAndNeverCompiled(string id)
    {
        var json = Documents.Json(id, Rules(City(new { @operator = "equals", value = "Moscow" })));

        var exception = Record.Exception(() => _db.Engine.Save(json));

        var refused = Assert.IsType<SegmentValidationException>(exception);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("id", error.Path);
        Assert.Contains("lower-case letters, digits or dashes", error.Message);
        Assert.Empty(_db.Engine.Segments());
    }

    public void Dispose() => _db.Dispose();
}
