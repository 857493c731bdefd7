using System.Diagnostics;
using System.Runtime.CompilerServices;
using RulePlugins.Engine;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 1: the compiled predicate of "big-city-women-or-gmail" over in-memory profiles, single-threaded,
/// against a hand-written C# method with the same semantics on the same row objects.
/// </summary>
internal static class PredicateBenchmark
{
    private const string Section = "1. Predicate evaluation";
    private const int WarmUpPasses = 3;
    private const int MeasuredPasses = 9;

    /// <returns>False when the compiled predicate and the hand-written method disagree.</returns>
    public static bool Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, int profiles, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 1: predicate evaluation over {Stats.Count(profiles)} in-memory profiles (1 thread)");
        Console.WriteLine("================================================================================");
        HandWritten.CheckConstants();

        var path = temp.Database("predicate");
        using var engine = new RuleEngine(catalog, Database.Sqlite(path), new EngineOptions { DatabasePath = path, PluginDirectory = pluginDirectory }, TimeProvider.System);
        engine.Initialize();
        var saved = engine.Save(Examples.Find(engine, Examples.BigCityWomenOrGmail));
        var compiled = engine.GetCompiled(saved.Id);
        var plan = compiled.Plan.Tables;
        if (plan.Length != 1 || plan[0].Slot != 0 || plan[0].Table.RowType != typeof(ProfileFieldsRow))
        {
            throw new InvalidOperationException(
                $"Expected the plan to read profile_fields in slot 0 with the ProfileFieldsRow the benchmark was built against; got: {string.Join("; ", plan.Select(t => t.Describe()))}");
        }

        Console.WriteLine($"Segment '{saved.Id}' v{saved.Version} saved and compiled in {Stats.Time(saved.CompileTime)}; plan: {plan[0].Describe()}");

        var stopwatch = Stopwatch.StartNew();
        var (batch, rows) = Build(profiles);
        stopwatch.Stop();
        Console.WriteLine($"Built {Stats.Count(profiles)} synthetic profiles (Random(42)) in {Stats.Time(stopwatch.Elapsed)}");

        var predicate = compiled.Predicate;
        var clock = EvaluationClock.From(TimeProvider.System);
        Stats.Settle();

        var compiledTimes = new List<TimeSpan>();
        var handTimes = new List<TimeSpan>();
        int compiledMembers = -1, handMembers = -1;
        var consistent = true;
        for (var pass = 0; pass < WarmUpPasses + MeasuredPasses; pass++)
        {
            // Alternate the two so drift (frequency, other load) hits both alike.
            stopwatch.Restart();
            var c = CountCompiled(predicate, batch, clock);
            stopwatch.Stop();
            var compiledTime = stopwatch.Elapsed;

            stopwatch.Restart();
            var h = CountHandWritten(rows);
            stopwatch.Stop();
            var handTime = stopwatch.Elapsed;

            consistent &= (compiledMembers < 0 || c == compiledMembers) && (handMembers < 0 || h == handMembers);
            compiledMembers = c;
            handMembers = h;
            if (pass >= WarmUpPasses)
            {
                compiledTimes.Add(compiledTime);
                handTimes.Add(handTime);
            }
        }

        var compiledNs = Stats.Median(compiledTimes).TotalNanoseconds / profiles;
        var handNs = Stats.Median(handTimes).TotalNanoseconds / profiles;
        var ratio = compiledNs / handNs;
        Console.WriteLine($"Members: compiled predicate {Stats.Count(compiledMembers)}, hand-written {Stats.Count(handMembers)} ({(double)compiledMembers / profiles:P1} of profiles)");
        var same = consistent && compiledMembers == handMembers;
        if (!same)
        {
            Console.Error.WriteLine($"ERROR: the compiled predicate ({compiledMembers}) and the hand-written method ({handMembers}) disagree, or a pass changed its count.");
        }

        Console.WriteLine($"Compiled predicate: {Stats.Nanoseconds(compiledNs)}/profile (median of {MeasuredPasses} passes after {WarmUpPasses} warm-up; min {Stats.Nanoseconds(compiledTimes.Min().TotalNanoseconds / profiles)})");
        Console.WriteLine($"Hand-written C#:    {Stats.Nanoseconds(handNs)}/profile (median of {MeasuredPasses} passes after {WarmUpPasses} warm-up; min {Stats.Nanoseconds(handTimes.Min().TotalNanoseconds / profiles)})");
        Console.WriteLine();
        Console.WriteLine($"  compiled / hand-written = {Stats.Ratio(ratio)}");
        Console.WriteLine("  (the compiled predicate reaches each row through Subject -> SubjectBatch -> RowSet<ProfileFieldsRow>; the hand-written loop indexes the row array directly)");

        summary.Add(
            Section,
            $"compiled \"{saved.Id}\", {Stats.Count(profiles)} in-memory profiles, 1 thread",
            $"{Stats.Nanoseconds(compiledNs)}/profile",
            $"hand-written C#: {Stats.Nanoseconds(handNs)}/profile",
            Stats.Ratio(ratio));
        summary.Add(Section, "members found (compiled = hand-written)", $"{Stats.Count(compiledMembers)}", $"{Stats.Count(handMembers)}", same ? "equal" : "DIFFERENT");
        GC.KeepAlive(rows);
        return same;
    }

    /// <summary>Synthetic profiles: a small city list (some in other case, some missing), birth dates 1950-2008, emails, genders.</summary>
    private static (SubjectBatch Batch, ProfileFieldsRow[] Rows) Build(int profiles)
    {
        string?[] cities = ["Moscow", "Saint Petersburg", "Kazan", "Novosibirsk", "Yekaterinburg", "Samara", "Omsk", "moscow", "KAZAN", null];
        string?[] genders = ["female", "male", "female", "male", "unknown", "Female", null];
        string[] domains = ["gmail.com", "mail.ru", "yandex.ru", "example.com", "outlook.com", "GMail.com", "gmail.ru", "notgmail.com"];
        var born1950 = new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var born2008 = new DateTimeOffset(2008, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var random = new Random(42);
        var ids = new long[profiles];
        var rows = new ProfileFieldsRow[profiles];
        var set = new RowSet<ProfileFieldsRow>(profiles);
        set.Reset(profiles);
        for (var i = 0; i < profiles; i++)
        {
            ids[i] = i + 1;
            long? birth = random.NextDouble() < 0.15
                ? null
                : born1950 + (long)(random.NextDouble() * (born2008 - born1950)) / EvaluationClock.MillisecondsPerDay * EvaluationClock.MillisecondsPerDay;
            var row = new ProfileFieldsRow
            {
                City = cities[random.Next(cities.Length)],
                Gender = genders[random.Next(genders.Length)],
                BirthDate = birth,
                Email = random.NextDouble() < 0.05 ? null : $"user{i + 1}@{domains[random.Next(domains.Length)]}",
            };
            rows[i] = row;
            set.Add(i, row);
        }

        set.Complete();
        return (new SubjectBatch(ids, profiles, [set]), rows);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int CountCompiled(CompiledPredicate predicate, SubjectBatch batch, EvaluationClock clock)
    {
        var count = 0;
        var n = batch.Count;
        for (var i = 0; i < n; i++)
        {
            if (predicate.Evaluate(new Subject(batch, i), clock))
            {
                count++;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CountHandWritten(ProfileFieldsRow[] rows)
    {
        var count = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            if (HandWritten.BigCityWomenOrGmail(rows[i]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>"big-city-women-or-gmail" written by hand, directly on the row.</summary>
    private static class HandWritten
    {
        // 1980-01-01T00:00Z and 1996-01-01T00:00Z ("to": 1995-12-31 includes the whole day) in Unix milliseconds.
        private const long BornFrom = 315_532_800_000;
        private const long BornBefore = 820_454_400_000;

        private static readonly HashSet<string> BigCities = new(["Moscow", "Saint Petersburg", "Kazan"], StringComparer.OrdinalIgnoreCase);

        public static void CheckConstants()
        {
            if (BornFrom != new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()
                || BornBefore != new DateTimeOffset(1996, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds())
            {
                throw new InvalidOperationException("The hand-written date bounds are wrong.");
            }
        }

        public static bool BigCityWomenOrGmail(ProfileFieldsRow row) =>
            (row.City is { } city
                && BigCities.Contains(city)
                && string.Equals(row.Gender, "female", StringComparison.OrdinalIgnoreCase)
                && row.BirthDate is >= BornFrom and < BornBefore)
            || (row.Email is { } email && email.Contains("@gmail.", StringComparison.OrdinalIgnoreCase));
    }
}
