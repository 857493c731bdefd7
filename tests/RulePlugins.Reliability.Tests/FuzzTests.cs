using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Engine.Validation;
using RulePlugins.Reliability.Tests.Fuzzing;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Reliability.Tests;

/// <summary>The engine and corpus the in-process fuzzers share.</summary>
public sealed class FuzzFixture : IDisposable
{
    /// <summary>Builds the engine (demo data, reference data) and saves the corpus's order segments.</summary>
    public FuzzFixture()
    {
        Engine = new ReliabilityEngine();
        Corpus = new FuzzCorpus(Engine.Engine);
    }

    /// <summary>The engine.</summary>
    public ReliabilityEngine Engine { get; }

    /// <summary>The seeds and vocabulary.</summary>
    public FuzzCorpus Corpus { get; }

    /// <inheritdoc />
    public void Dispose() => Engine.Dispose();
}

/// <summary>
/// Seeded fuzzing in process (<see cref="FuzzSettings"/>): mutated segment documents either validate (and then emit)
/// or are refused with <see cref="SegmentValidationException"/>; mutated orders are answered by every order segment or
/// refused with <see cref="SubjectFormatException"/>. Any other exception fails the test, with the seed and case to
/// replay it.
/// </summary>
public sealed class FuzzTests(FuzzFixture fixture) : IClassFixture<FuzzFixture>
{
    private const int MaxReported = 10;

    [Fact]
    public void Validate_MutatedDocuments_ValidateOrAreRefusedAsDocumentErrors()
    {
        var engine = fixture.Engine.Engine;
        var emitter = new SegmentEmitter(engine.Catalog);
        var failures = new List<string>();
        var (valid, refused) = (0, 0);
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var stopwatch = Stopwatch.StartNew();
        foreach (var index in FuzzSettings.Indexes(FuzzSettings.Cases))
        {
            var random = new Random(FuzzSettings.CaseSeed(FuzzSettings.Seed, index));
            var seed = fixture.Corpus.Documents[random.Next(fixture.Corpus.Documents.Count)];
            var (text, log) = new Mutator(random, fixture.Corpus.Vocabulary).Mutate(seed);
            try
            {
                emitter.Emit(engine.Validator.Validate(text));
                valid++;
            }
            catch (SegmentValidationException ex)
            {
                refused++;
                Count(reasons, ex.Errors[0].Message);
            }
            catch (Exception ex)
            {
                failures.Add(Failure(nameof(Validate_MutatedDocuments_ValidateOrAreRefusedAsDocumentErrors), index, log, text, ex));
            }
        }

        Report(failures, $"{valid + refused + failures.Count} documents: {valid} valid, {refused} refused, {failures.Count} failed", stopwatch, reasons);
        Assert.True(FuzzSettings.Cases < 100 || (valid > 0 && refused > 0), $"valid {valid}, refused {refused}: the mutations should produce both");
    }

    [Fact]
    public void Evaluate_MutatedOrders_AreAnsweredOrRefusedWithAPath()
    {
        var engine = fixture.Engine.Engine;
        var segments = fixture.Corpus.OrderSegments;
        var failures = new List<string>();
        var (answered, refused) = (0, 0);
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var stopwatch = Stopwatch.StartNew();
        Assert.NotEmpty(segments);
        foreach (var index in FuzzSettings.Indexes(FuzzSettings.Cases))
        {
            var random = new Random(FuzzSettings.CaseSeed(FuzzSettings.Seed, index));
            var segment = segments[random.Next(segments.Count)];
            var order = fixture.Corpus.Orders[random.Next(fixture.Corpus.Orders.Count)];
            var (text, log) = new Mutator(random, fixture.Corpus.Vocabulary).Mutate(order);
            var explain = random.Next(4) == 0;
            var asBytes = random.Next(8) == 0;
            try
            {
                if (asBytes)
                {
                    // Bytes that are not UTF-8, as a client may send them: parsed as the service parses a body.
                    var bytes = Encoding.UTF8.GetBytes(text);
                    for (var i = random.Next(3); i >= 0 && bytes.Length > 0; i--)
                    {
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
                    }

                    JsonDocument document;
                    try
                    {
                        document = JsonDocument.Parse(bytes);
                    }
                    catch (JsonException)
                    {
                        refused++;
                        continue;
                    }

                    using (document)
                    {
                        engine.Evaluate(segment, document.RootElement, explain);
                    }
                }
                else
                {
                    engine.Evaluate(segment, text, explain);
                }

                answered++;
            }
            catch (SubjectFormatException ex)
            {
                refused++;
                Count(reasons, ex.Problem);
            }
            catch (Exception ex)
            {
                failures.Add(Failure(nameof(Evaluate_MutatedOrders_AreAnsweredOrRefusedWithAPath), index, [$"segment {segment}", .. log], text, ex));
            }
        }

        Report(failures, $"{answered + refused + failures.Count} orders over {segments.Count} order segments: {answered} answered, {refused} refused, {failures.Count} failed", stopwatch, reasons);
        Assert.True(FuzzSettings.Cases < 100 || (answered > 0 && refused > 0), $"answered {answered}, refused {refused}: the mutations should produce both");
    }

    private static string Failure(string test, int index, IEnumerable<string> log, string text, Exception ex) =>
        $"case {index} ({FuzzSettings.Replay(test, index)}): {ex.GetType().Name}: {ex.Message}{Environment.NewLine}" +
        $"    mutations: {string.Join("; ", log)}{Environment.NewLine}    input: {JsonSerializer.Serialize(text.Length > 400 ? text[..400] + "..." : text)}";

    // The kind of refusal: the message without quoted values and numbers, so the output shows what the mutations reach.
    private static void Count(Dictionary<string, int> reasons, string message)
    {
        var kind = System.Text.RegularExpressions.Regex.Replace(message, "\"[^\"]*\"|-?[0-9][0-9.eE+]*", "_");
        kind = kind.Length > 70 ? kind[..70] : kind;
        reasons[kind] = reasons.GetValueOrDefault(kind) + 1;
    }

    private static void Report(List<string> failures, string summary, Stopwatch stopwatch, Dictionary<string, int> reasons)
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {FuzzSettings.Seed}: {summary} in {stopwatch.Elapsed.TotalSeconds:F1} s; most frequent refusals:");
        foreach (var (kind, count) in reasons.OrderByDescending(r => r.Value).Take(12))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"  {count,6}  {kind}");
        }

        Assert.True(failures.Count == 0,
            $"seed {FuzzSettings.Seed}: {summary}.{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(MaxReported))}");
    }
}
