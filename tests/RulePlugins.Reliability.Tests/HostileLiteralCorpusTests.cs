using System.Diagnostics;
using System.Text.Json;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Reliability.Tests;

/// <summary>
/// Every hostile literal of <see cref="HostileLiterals"/> in every string parameter of every condition type the plugin
/// folder holds (found from the catalogue), and in the document's name and description: the save is refused as a
/// document error, or the value becomes a literal that compiles, deletes no file when the predicate runs, and reads back
/// from the stored document exactly as sent. Never a compiler error, never another exception.
/// </summary>
public sealed class HostileLiteralCorpusTests : IDisposable
{
    private const string SentinelText = "untouched";

    // The code-injection payloads come first in the corpus; these go through the engine's own save and are run.
    private const int RunEveryOneUpTo = 18;

    // Sources per Roslyn compilation: one compilation's fixed cost (binding the references) is paid per batch.
    private const int CompileBatch = 500;

    private readonly ReliabilityEngine _engine = new();
    private readonly string _sentinel;

    public HostileLiteralCorpusTests()
    {
        _sentinel = Path.Combine(_engine.Folder, "sentinel.txt");
        File.WriteAllText(_sentinel, SentinelText);
    }

    [Fact]
    public void Save_HostileLiteralInEveryStringParameter_IsRefusedOrCompilesHarmlesslyAndRoundTrips()
    {
        var stopwatch = Stopwatch.StartNew();
        var engine = _engine.Engine;
        var validator = engine.Validator;
        var emitter = new SegmentEmitter(engine.Catalog);
        var unbuildable = new List<string>();
        var cases = ConditionSamples.StringParameters(engine.Catalog, validator, unbuildable);
        var payloads = HostileLiterals.All(_sentinel);
        var failures = new List<string>();
        var (accepted, refused, saved) = (0, 0, 0);
        var saving = TimeSpan.Zero;

        Assert.Empty(unbuildable);
        Assert.True(payloads.Count >= 100, $"the corpus has {payloads.Count} payloads");
        Assert.Contains(cases, c => c.Registration.Type.Subject == SubjectKinds.Profile);
        Assert.Contains(cases, c => c.Registration.Type.Subject != SubjectKinds.Profile);

        var sources = new List<(GeneratedSource, string)>();
        for (var c = 0; c < cases.Count; c++)
        {
            var @case = cases[c];
            var type = @case.Registration.Type;
            for (var i = 0; i < payloads.Count; i++)
            {
                var id = $"corpus-c{c}-p{i}";
                var label = $"{@case} payload #{i} {JsonSerializer.Serialize(Shorten(payloads[i]))}";
                var json = ConditionSamples.Document(id, "Corpus", type.Subject, type.Id, @case.With(payloads[i]), relaxed: i % 2 == 1);
                if (Bind(json, label, failures) is not { } bound)
                {
                    refused++;
                    continue;
                }

                accepted++;
                CheckRoundTrip(bound.Document.Json, @case, payloads[i], label, failures);
                try
                {
                    sources.Add((emitter.Emit(bound), label));
                }
                catch (Exception ex)
                {
                    failures.Add($"{label}: emitting threw {ex.GetType().Name}: {ex.Message}");
                    continue;
                }

                if (i < RunEveryOneUpTo)
                {
                    var started = stopwatch.Elapsed;
                    SaveAndRun(json, id, @case, payloads[i], label, failures);
                    saving += stopwatch.Elapsed - started;
                    saved++;
                }
            }


            foreach (var escape in HostileLiterals.InvalidEscapes)
            {
                var json = ConditionSamples.Document($"corpus-c{c}-bad", "Corpus", type.Subject, type.Id, @case.With("\u0001MARK\u0001"))
                    .Replace("\\u0001MARK\\u0001", escape, StringComparison.Ordinal);
                if (Bind(json, $"{@case} escape {escape}", failures) is not null)
                {
                    failures.Add($"{@case} escape {escape}: an unpaired surrogate was accepted");
                }
            }
        }

        NamesAndDescriptions(cases[0], payloads, emitter, sources, failures);
        var checking = stopwatch.Elapsed - saving;
        var compileErrors = sources.Chunk(CompileBatch).AsParallel().AsOrdered()
            .SelectMany((chunk, n) => BatchCompiler.Compile($"RulePlugins.Reliability.Corpus{n}", chunk));
        failures.AddRange(compileErrors);

        Assert.True(File.Exists(_sentinel) && File.ReadAllText(_sentinel) == SentinelText, "the sentinel file was changed or deleted");
        Assert.True(accepted > 0 && refused > 0, $"accepted {accepted}, refused {refused}: the corpus should exercise both outcomes");
        Assert.True(failures.Count == 0, $"{failures.Count} failures, e.g.:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(25))}");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{cases.Count} string parameters x {payloads.Count} payloads: {accepted} accepted and compiled ({saved} saved and run), {refused} refused, " +
            $"in {stopwatch.Elapsed.TotalSeconds:F1} s (validating and emitting {checking.TotalSeconds:F1} s, saving and running {saving.TotalSeconds:F1} s, " +
            $"compiling {(stopwatch.Elapsed - checking - saving).TotalSeconds:F1} s)");
    }

    /// <summary>Validates; null when refused as a document error (the expected refusal), or on any other exception (a failure).</summary>
    private BoundSegment? Bind(string json, string label, List<string> failures)
    {
        try
        {
            return _engine.Engine.Validator.Validate(json);
        }
        catch (SegmentValidationException)
        {
            return null;
        }
        catch (Exception ex)
        {
            failures.Add($"{label}: validation threw {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    private void SaveAndRun(string json, string id, StringParameterCase @case, string payload, string label, List<string> failures)
    {
        var engine = _engine.Engine;
        try
        {
            engine.Save(json);
            CheckRoundTrip(engine.Store.GetVersion(id)!.Document, @case, payload, label + " (stored)", failures);
            if (@case.Registration.Type.Subject == SubjectKinds.Profile)
            {
                engine.Recalculate(id);
            }
            else
            {
                var order = engine.ExampleDocuments().First(d => d.Subject == @case.Registration.Type.Subject).Json;
                engine.Evaluate(id, order, explain: true);
            }

            engine.Delete(id);
        }
        catch (SegmentCompilationException ex)
        {
            failures.Add($"{label}: the save did not compile: {ex.Message}");
        }
        catch (SegmentValidationException ex) when (@case.Target.ReferencesSegment
            && ex.Errors.All(e => e.Path.EndsWith(".params." + @case.Target.Name, StringComparison.Ordinal) && e.Message.Contains("does not exist", StringComparison.Ordinal)))
        {
            // A value naming another segment is checked against the stored segments at save: no payload names one.
        }
        catch (Exception ex)
        {
            failures.Add($"{label}: save and run threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private void NamesAndDescriptions(StringParameterCase @case, IReadOnlyList<string> payloads, SegmentEmitter emitter, List<(GeneratedSource, string)> batch, List<string> failures)
    {
        var type = @case.Registration.Type;
        for (var i = 0; i < payloads.Count; i++)
        {
            var label = $"name and description payload #{i} {JsonSerializer.Serialize(Shorten(payloads[i]))}";
            var json = ConditionSamples.Document($"corpus-name-p{i}", payloads[i], type.Subject, type.Id, @case.Parameters, relaxed: i % 2 == 0, description: payloads[i]);
            if (Bind(json, label, failures) is not { } bound)
            {
                continue;
            }

            using (var stored = JsonDocument.Parse(bound.Document.Json))
            {
                if (stored.RootElement.GetProperty("name").GetString() != payloads[i] || stored.RootElement.GetProperty("description").GetString() != payloads[i])
                {
                    failures.Add($"{label}: the stored document does not keep the name and description as sent");
                }
            }

            batch.Add((emitter.Emit(bound), label));
        }
    }

    private static void CheckRoundTrip(string storedJson, StringParameterCase @case, string payload, string label, List<string> failures)
    {
        using var document = JsonDocument.Parse(storedJson);
        var value = document.RootElement.GetProperty("rules").GetProperty("items")[0].GetProperty("params").GetProperty(@case.Target.Name);
        var text = (@case.Target.Kind == ParameterKind.StringList ? value[0] : value).GetString();
        if (text != payload)
        {
            failures.Add($"{label}: the stored document holds {JsonSerializer.Serialize(Shorten(text ?? "(null)"))}, not the value sent");
        }
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..40] + $"...({value.Length} chars)" : value;

    public void Dispose() => _engine.Dispose();
}
