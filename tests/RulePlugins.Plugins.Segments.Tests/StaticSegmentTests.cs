using System.Text;
using RulePlugins.Engine;
using RulePlugins.Engine.Store;
using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Segments.Tests;

/// <summary>
/// Static segments: created without rules, members set by import (replace, add, remove) through the same atomic
/// replace and entered/left log as recalculation; the history operators read the spells that imports leave.
/// </summary>
public sealed class StaticSegmentTests : IDisposable
{
    private readonly PluginTestBed _bed = new(new ProfileFieldsPlugin(), new SegmentsPlugin());

    private RuleEngine Engine => _bed.Engine;

    public StaticSegmentTests()
    {
        _bed.AddProfiles([.. Enumerable.Range(1, 30).Select(i => (long)i)]);
        Engine.CreateStaticSegment("vip", "VIP customers");
    }

    private ImportResult Import(string text, ImportMode mode = ImportMode.Replace, ImportFormat format = ImportFormat.Csv) =>
        Engine.ImportMembers("vip", new MemoryStream(Encoding.UTF8.GetBytes(text)), format, mode);

    private IReadOnlyList<long> Members => Engine.Members("vip", limit: 10_000);

    private long LogCount => _bed.Database.Scalar<long>("SELECT COUNT(*) FROM membership_log WHERE segment_id = 'vip'");

    [Fact]
    public void Import_ReplaceFromCsvWithHeaderRepeatsAndBlankLines_MembersAreTheDistinctIds()
    {
        var result = Import("profile_id\n3\n1\n\n2,extra field\n3\n");

        Assert.Equal([1L, 2, 3], Members);
        Assert.Equal((4L, 3L, 3L, 0L), (result.Rows, result.Members, result.Entered, result.Left));
        var run = Assert.Single(Engine.Runs("vip"));
        Assert.Equal(("succeeded", "import"), (run.Status, run.StartedBy));
    }

    [Fact]
    public void Import_AddThenRemoveThenReplace_LogsEachChange()
    {
        Import("1\n2\n3");
        var added = Import("3\n4", ImportMode.Add);
        var removed = Import("1\n9", ImportMode.Remove);
        var replaced = Import("4\n5", ImportMode.Replace);

        Assert.Equal([4L, 5], Members);
        Assert.Equal((1L, 0L), (added.Entered, added.Left));
        Assert.Equal((0L, 1L), (removed.Entered, removed.Left));
        Assert.Equal((1L, 2L), (replaced.Entered, replaced.Left)); // 5 in; 2 and 3 out
        Assert.Equal(3 + 1 + 1 + 3, LogCount);
    }

    [Fact]
    public void Import_JsonArray_ReadsTheIds()
    {
        Import("[7, 8, 7]", format: ImportFormat.Json);

        Assert.Equal([7L, 8], Members);
    }

    [Fact]
    public void Import_MalformedLines_RefusedWithCountAndLinesAndAppliesNothing()
    {
        Import("1\n2");

        var refused = Assert.Throws<ImportRefusedException>(() => Import("3\nabc\n4\n-5\n6.5\n7", ImportMode.Add));

        Assert.Equal(("malformed lines", 3L), (refused.Problem, refused.Count));
        Assert.Equal(["line 2: \"abc\"", "line 4: \"-5\"", "line 5: \"6.5\""], refused.Where);
        Assert.Contains("nothing was applied", refused.Message, StringComparison.Ordinal);
        Assert.Equal([1L, 2], Members);
        Assert.Equal(2, LogCount);
        Assert.Equal(0, _bed.Database.Scalar<long>("SELECT COUNT(*) FROM segment_import_rows"));
        Assert.Equal("failed", Engine.Runs("vip")[0].Status);
    }

    [Fact]
    public void Import_UnknownProfileIds_RefusedWithCountAndFirstLinesAndAppliesNothing()
    {
        Import("1");

        var refused = Assert.Throws<ImportRefusedException>(() => Import("2\n31\n3\n99\n100\n101\n102\n103"));

        Assert.Equal(("unknown profile ids", 6L), (refused.Problem, refused.Count));
        Assert.Equal(["line 2: 31", "line 4: 99", "line 5: 100", "line 6: 101", "line 7: 102"], refused.Where);
        Assert.Equal([1L], Members);
        Assert.Equal(1, LogCount);
    }

    [Fact]
    public void Import_FailureAfterManyBatchesWereWritten_KeepsTheOldMembershipAndLog()
    {
        _bed.AddProfiles([.. Enumerable.Range(31, 24_970).Select(i => (long)i)]);
        Import("1\n2\n3");
        var big = new StringBuilder();
        for (var id = 1; id <= 25_000; id++)
        {
            big.Append(id).Append('\n');
        }

        big.Append("oops\n"); // the last line, after two full batches were staged

        Assert.Throws<ImportRefusedException>(() => Import(big.ToString()));

        Assert.Equal([1L, 2, 3], Members);
        Assert.Equal(3, LogCount);
        Assert.Equal(0, _bed.Database.Scalar<long>("SELECT COUNT(*) FROM segment_import_rows"));
        Assert.Equal(0, _bed.Database.Scalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
    }

    [Fact]
    public void History_ImportsOverTime_EntriesCountedFromTheImports()
    {
        var start = _bed.Now;
        Import("1\n2");                                   // 1, 2 enter
        _bed.Now = start.AddDays(5);
        Import("2\n3");                                   // 1 leaves, 3 enters
        _bed.Now = start.AddDays(10);
        Import("1", ImportMode.Add);                      // 1 enters again
        _bed.Now = start.AddDays(12);
        var history = Params.Operator("entered_times_last_days").With("segment", "vip").With("last_days", 30);

        _bed.AssertMembers("segments.history", history.With("times", 2), 1);
        _bed.AssertMembers("segments.history", Params.Operator("currently_in").With("segment", "vip"), 1, 2, 3);
        _bed.AssertMembers("segments.history", Params.Operator("not_entered_last_days").With("segment", "vip").With("last_days", 3), [.. Enumerable.Range(1, 30).Where(i => i != 1).Select(i => (long)i)]);
        _bed.AssertMembers("segments.membership", Params.Operator("in_segment").With("segment", "vip"), 1, 2, 3);
        Assert.Equal(["2", "1", "1", "0"], _bed.ExplainedValues("segments.history", history.With("times", 2), 1, 2, 3, 4));
        Assert.Equal(["1", "0", "0"], _bed.ExplainedValues("segments.history", Params.Operator("not_entered_last_days").With("segment", "vip").With("last_days", 3), 1, 2, 3));
    }

    [Fact]
    public void Members_InDynamicAndNotInStatic_CombinesBoth()
    {
        _bed.Database.Execute("INSERT INTO profile_fields (profile_id, city) VALUES (1, 'Moscow'), (2, 'Moscow'), (3, 'Moscow'), (4, 'Moscow'), (5, 'Kazan')");
        Engine.Save(Documents.Single("moscow", "profile.city", new { @operator = "equals", value = "Moscow" }));
        Engine.Recalculate("moscow");
        Import("2\n4\n9");

        var members = _bed.MembersOf(Documents.Json("moscow-not-vip", new
        {
            op = "and",
            items = new object[]
            {
                new { type = "segments.membership", @params = new { segment = "moscow", @operator = "in_segment" } },
                new { type = "segments.history", @params = new { segment = "vip", @operator = "currently_not_in" } },
            },
        }));

        Assert.Equal([1L, 3], members);
    }

    [Fact]
    public void CreateStatic_IdTakenOrInvalid_RefusedAtTheField()
    {
        Engine.Save(Documents.Single("dynamic", "profile.city", new { @operator = "equals", value = "Moscow" }));

        var taken = Assert.Throws<SegmentValidationException>(() => Engine.CreateStaticSegment("dynamic", "Taken"));
        var again = Assert.Throws<SegmentValidationException>(() => Engine.CreateStaticSegment("vip", "Again"));
        var invalid = Assert.Throws<SegmentValidationException>(() => Engine.CreateStaticSegment("Bad Id", " "));

        Assert.Contains("has rules", Assert.Single(taken.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("exists", Assert.Single(again.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(["id", "name"], invalid.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Save_RulesUnderAStaticSegmentsId_RefusedAndTheStaticSegmentKept()
    {
        Import("1");

        var refused = Assert.Throws<SegmentValidationException>(() => Engine.Save(Documents.Single("vip", "profile.city", new { @operator = "equals", value = "Moscow" })));

        Assert.Equal("id", Assert.Single(refused.Errors).Path);
        Assert.Equal([1L], Members);
        Assert.Equal(SegmentStatus.Static, Engine.Find("vip")!.Status);
    }

    [Fact]
    public void Recalculate_StaticSegment_RefusedSayingItsMembersAreImported()
    {
        var refused = Assert.ThrowsAny<Exception>(() => Engine.Recalculate("vip"));

        Assert.Contains("static segment", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_IntoASegmentWithRules_Refused()
    {
        Engine.Save(Documents.Single("dynamic", "profile.city", new { @operator = "equals", value = "Moscow" }));

        Assert.Throws<InvalidOperationException>(() => Engine.ImportMembers("dynamic", new MemoryStream("1"u8.ToArray()), ImportFormat.Csv, ImportMode.Replace));
    }

    public void Dispose() => _bed.Dispose();
}
