using RulePlugins.Plugins.Loyalty.Data;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>One ledger row as a test writes it: instants in Unix milliseconds.</summary>
public sealed record TestTransaction(
    long Id, long ProfileId, string Program, string Kind, long Points, long OccurredAt,
    string? PromoAction = null, string? PointType = null, long? ActivatesAt = null, long? ExpiresAt = null);

/// <summary>One participation spell as a test writes it.</summary>
public sealed record TestSpell(long ProfileId, string Program, long JoinedAt, long? LeftAt);

/// <summary>
/// The author kit's test bed with the loyalty plugin (and profile fields), two programs, their promo actions and three
/// point types, and helpers that insert ledger rows and remember them for the reference fold.
/// </summary>
public sealed class LoyaltyBed : IDisposable
{
    /// <summary>Milliseconds in a day.</summary>
    public const long Day = EvaluationClock.MillisecondsPerDay;

    /// <summary>The programs every bed starts with.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> KnownPrograms = [("bonus-club", "Bonus Club"), ("premium", "Premium Rewards")];

    /// <summary>The promo actions: id, program, name.</summary>
    public static readonly IReadOnlyList<(string Id, string Program, string Name)> KnownPromoActions =
    [
        ("purchase", "bonus-club", "Points for purchases"),
        ("double-points", "bonus-club", "Double points weekend"),
        ("referral", "bonus-club", "Invite a friend"),
        ("premium-status", "premium", "Status points"),
    ];

    /// <summary>The point types.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> KnownPointTypes = [("bonus", "Bonus points"), ("promo", "Promo points"), ("status", "Status points")];

    private long _nextId = 1;

    /// <summary>A bed with the reference data above; the market plugin too when <paramref name="withMarket"/>.</summary>
    public LoyaltyBed(bool withMarket = false)
    {
        Kit = withMarket
            ? new PluginTestBed(new LoyaltyPlugin(), new ProfileFieldsPlugin(), new Market.MarketPlugin())
            : new PluginTestBed(new LoyaltyPlugin(), new ProfileFieldsPlugin());
        foreach (var (id, name) in KnownPrograms)
        {
            Kit.Insert(LoyaltyTables.Programs, 0, new LoyaltyProgramRow { Id = id, Name = name });
        }

        foreach (var (id, program, name) in KnownPromoActions)
        {
            Kit.Insert(LoyaltyTables.PromoActions, 0, new PromoActionRow { Id = id, ProgramId = program, Name = name });
        }

        foreach (var (id, name) in KnownPointTypes)
        {
            Kit.Insert(LoyaltyTables.PointTypes, 0, new PointTypeRow { Id = id, Name = name });
        }
    }

    /// <summary>The kit's bed.</summary>
    public PluginTestBed Kit { get; }

    /// <summary>Every ledger row inserted, in insertion order.</summary>
    public List<TestTransaction> Ledger { get; } = [];

    /// <summary>Every spell inserted.</summary>
    public List<TestSpell> Spells { get; } = [];

    /// <summary>The bed's now in Unix milliseconds.</summary>
    public long Now => Kit.Now.ToUnixTimeMilliseconds();

    /// <summary>Inserts an accrual and returns its id.</summary>
    public long Accrue(long profile, string program, long points, long at, string? promoAction = "purchase", string? pointType = "bonus", long? activates = null, long? expires = null) =>
        Add(new TestTransaction(_nextId++, profile, program, TransactionKinds.Accrual, points, at, promoAction, pointType, activates, expires));

    /// <summary>Inserts a spend and returns its id.</summary>
    public long Spend(long profile, string program, long points, long at) =>
        Add(new TestTransaction(_nextId++, profile, program, TransactionKinds.Spend, points, at));

    /// <summary>Inserts a row as given (its id included).</summary>
    public long Add(TestTransaction row)
    {
        Kit.Insert(LoyaltyTables.Transactions, row.ProfileId, new TransactionRow
        {
            Id = row.Id, ProgramId = row.Program, Kind = row.Kind, Points = row.Points, OccurredAt = row.OccurredAt,
            PromoActionId = row.PromoAction, PointType = row.PointType, ActivatesAt = row.ActivatesAt, ExpiresAt = row.ExpiresAt,
        });
        Ledger.Add(row);
        _nextId = Math.Max(_nextId, row.Id + 1);
        return row.Id;
    }

    /// <summary>Inserts a participation spell.</summary>
    public void Join(long profile, string program, long joined, long? left = null)
    {
        Kit.Insert(LoyaltyTables.Participations, profile, new ParticipationRow { ProgramId = program, JoinedAt = joined, LeftAt = left });
        Spells.Add(new TestSpell(profile, program, joined, left));
    }

    /// <summary>Parameters of a balance condition.</summary>
    public static Params Balance(string balance, string op, long value, string program = "bonus-club") =>
        Params.Operator(op).With("program", program).With("balance", balance).With("value", value);

    /// <inheritdoc />
    public void Dispose() => Kit.Dispose();
}
