using RulePlugins.Plugins.Market.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Market.Reference;

/// <summary>
/// Currency rates against the base currency (<see cref="BaseCurrency"/>, rate 1). Converting between two
/// different currencies goes through the base currency and rounds to two decimal places (half away from zero);
/// an amount in the currency asked for is returned unchanged. Codes compare ignoring case and surrounding white space.
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

    /// <summary>Converts <paramref name="amount"/> from one currency to another.</summary>
    /// <exception cref="InvalidOperationException">Either currency has no rate.</exception>
    public decimal Convert(decimal amount, string? from, string to)
    {
        if (from is not null && Text.IgnoreCaseComparer.Equals(from, to))
        {
            return amount;
        }

        return Math.Round(amount * Rate(from) / Rate(to), 2, MidpointRounding.AwayFromZero);
    }

    private decimal Rate(string? currency) =>
        currency is not null && _rates.TryGetValue(currency, out var rate)
            ? rate
            : throw new InvalidOperationException($"Currency '{currency}' has no rate in market_currency_rates; known: {string.Join(", ", Currencies)}.");
}
