using System.Globalization;

namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>
/// The arithmetic subset of CloudWatch metric math that alarms here use: numbers, metric ids, <c>+ - * /</c>, unary
/// minus and parentheses. As the user guide ("Use metric math", arithmetic operators) says: a missing value is treated
/// as 0 (a timestamp at which every metric is missing has no datapoint at all), and a datapoint whose computation
/// divides by zero is dropped. Functions (<c>SUM(METRICS())</c>, <c>FILL</c>, <c>IF</c>, …) are refused when parsed.
/// </summary>
public sealed class MetricMathExpression
{
    private readonly Func<Func<string, double>, double> _evaluate;

    private MetricMathExpression(Func<Func<string, double>, double> evaluate, IReadOnlyList<string> ids)
    {
        _evaluate = evaluate;
        Ids = ids;
    }

    /// <summary>The metric ids the expression reads.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The value at one timestamp from the metrics' values there (<see langword="null"/> = missing); <see langword="null"/> when no datapoint results.</summary>
    public double? Evaluate(Func<string, double?> valueOf)
    {
        if (Ids.Count > 0 && Ids.All(id => valueOf(id) is null))
        {
            return null;
        }

        var result = _evaluate(id => valueOf(id) ?? 0);
        return double.IsFinite(result) ? result : null;
    }

    /// <summary>Parses <paramref name="expression"/>.</summary>
    /// <exception cref="NotSupportedException">The expression uses a function or an operator outside the arithmetic subset.</exception>
    public static MetricMathExpression Parse(string expression)
    {
        var parser = new Parser(expression);
        var parsed = parser.Sum();
        parser.SkipSpaces();
        if (!parser.AtEnd)
        {
            throw parser.Refuse();
        }

        return new MetricMathExpression(parsed, parser.Ids.Distinct(StringComparer.Ordinal).ToList());
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public List<string> Ids { get; } = new();

        public bool AtEnd => _at >= text.Length;

        public NotSupportedException Refuse() => new(
            $"Metric math expression '{text}': only numbers, metric ids, + - * / and parentheses are simulated (at {_at}: '{text[Math.Min(_at, text.Length)..]}').");

        public void SkipSpaces()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        public Func<Func<string, double>, double> Sum()
        {
            var left = Product();
            while (true)
            {
                SkipSpaces();
                if (AtEnd || (text[_at] != '+' && text[_at] != '-'))
                {
                    return left;
                }

                var op = text[_at++];
                var l = left;
                var right = Product();
                left = op == '+' ? v => l(v) + right(v) : v => l(v) - right(v);
            }
        }

        private Func<Func<string, double>, double> Product()
        {
            var left = Unary();
            while (true)
            {
                SkipSpaces();
                if (AtEnd || (text[_at] != '*' && text[_at] != '/'))
                {
                    return left;
                }

                var op = text[_at++];
                var l = left;
                var right = Unary();
                // Division by zero gives NaN or an infinity, which Evaluate drops.
                left = op == '*' ? v => l(v) * right(v) : v => l(v) / right(v);
            }
        }

        private Func<Func<string, double>, double> Unary()
        {
            SkipSpaces();
            if (!AtEnd && text[_at] == '-')
            {
                _at++;
                var operand = Unary();
                return v => -operand(v);
            }

            return Primary();
        }

        private Func<Func<string, double>, double> Primary()
        {
            SkipSpaces();
            if (AtEnd)
            {
                throw Refuse();
            }

            if (text[_at] == '(')
            {
                _at++;
                var inner = Sum();
                SkipSpaces();
                if (AtEnd || text[_at] != ')')
                {
                    throw Refuse();
                }

                _at++;
                return inner;
            }

            var start = _at;
            if (char.IsDigit(text[_at]) || text[_at] == '.')
            {
                while (_at < text.Length && (char.IsDigit(text[_at]) || text[_at] == '.'))
                {
                    _at++;
                }

                var number = double.Parse(text[start.._at], CultureInfo.InvariantCulture);
                return _ => number;
            }

            // A metric id starts with a lowercase letter (CloudWatch API reference, MetricDataQuery Id).
            if (char.IsLower(text[_at]))
            {
                while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_'))
                {
                    _at++;
                }

                SkipSpaces();
                if (!AtEnd && text[_at] == '(')
                {
                    _at = start;
                    throw Refuse();
                }

                var id = text[start.._at].Trim();
                Ids.Add(id);
                return v => v(id);
            }

            throw Refuse();
        }
    }
}
