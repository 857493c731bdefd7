using RulePlugins.Plugins.Market.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Market.Reference;

/// <summary>
/// Currency rates against the base currency (<see cref="BaseCurrency"/>, rate 1). Converting between two
/// different currencies goes through the base currency in decimal arithmetic at full precision, without rounding, so
/// comparisons are exact: 8,999.99 RUB at 90 RUB per USD is 99.99988… USD, below 100. Only texts round. An amount in
/// the currency asked for is returned unchanged. Codes compare ignoring case and surrounding white space.
/// </summary>
public sealed class CurrencyRates
{
    /// <summary>The currency amounts are compared in when a condition names none.</summary>
    public const string BaseCurrency = "RUB";

    private readonly Dictionary<string, decimal> _rates;

    /// <summary>Creates the rates from (currency, rate) pairs; the base currency is always known.</summary>
    public CurrencyRates(IEnumerable<KeyValuePair<string, decimal>> rates)
    {
        _rates = new Dictionary<string, decimal>(Text.IgnoreCaseComparer) { [BaseCurrency] = 1m };
        foreach (var (currency, rate) in rates)
        {
            if (rate <= 0)
            {
                throw new ArgumentException($"The rate of {currency} must be positive, got {rate}.", nameof(rates));
            }

            _rates[currency.Trim()] = rate;
        }
    }

    /// <summary>Builds the rates from the rows of <c>market_currency_rates</c>.</summary>
    public static CurrencyRates FromRows(IReadOnlyList<CurrencyRateRow> rows) =>
        new(rows.Where(r => !string.IsNullOrWhiteSpace(r.Currency)).Select(r => KeyValuePair.Create(r.Currency!.Trim(), r.Rate)));

    /// <summary>The currencies with a rate, ordered.</summary>
    public IEnumerable<string> Currencies => _rates.Keys.Order(StringComparer.Ordinal);

    /// <summary>True when <paramref name="currency"/> has a rate.</summary>
    public bool IsKnown(string? currency) => currency is not null && _rates.ContainsKey(currency);

    /// <summary>Converts <paramref name="amount"/> from one currency to another, at full precision.</summary>
    /// <exception cref="InvalidOperationException">Either currency has no rate.</exception>
    public decimal Convert(decimal amount, string? from, string to)
    {
        if (from is not null && Text.IgnoreCaseComparer.Equals(from, to))
        {
            return amount;
        }

        return FromBase(ToBase(amount, from), to);
    }

    /// <summary>
    /// <paramref name="amount"/> in the base currency: a multiplication, exact in decimal arithmetic. Sums of amounts in
    /// several currencies add these and divide once (<see cref="FromBase"/>), so three orders of 3,000 RUB total exactly
    /// 100 USD rather than three thirds rounded down.
    /// </summary>
    /// <exception cref="InvalidOperationException">The currency has no rate.</exception>
    public decimal ToBase(decimal amount, string? from) => amount * Rate(from);

    /// <summary>An amount in the base currency converted to <paramref name="to"/>: the one division of a conversion.</summary>
    /// <exception cref="InvalidOperationException">The currency has no rate.</exception>
    public decimal FromBase(decimal baseAmount, string to) => baseAmount / Rate(to);

    private decimal Rate(string? currency) =>
        currency is not null && _rates.TryGetValue(currency, out var rate)
            ? rate
            : throw new InvalidOperationException($"Currency '{currency}' has no rate in market_currency_rates; known: {string.Join(", ", Currencies)}.");
}
