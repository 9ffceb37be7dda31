namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>
/// A composite alarm's <c>AlarmRule</c>, parsed: <c>ALARM(x)</c>, <c>OK(x)</c>, <c>INSUFFICIENT_DATA(x)</c> (x an alarm
/// name or ARN, quoted or not), <c>TRUE</c>, <c>FALSE</c>, combined with <c>NOT</c>, <c>AND</c>, <c>OR</c> and parentheses,
/// as the CloudWatch API reference (PutCompositeAlarm, AlarmRule) and the user guide ("Create a composite alarm", rule
/// expressions) define it. NOT binds tighter than AND, AND tighter than OR.
/// </summary>
public sealed class AlarmRuleExpression
{
    private readonly Func<Func<string, string>, bool> _evaluate;

    private AlarmRuleExpression(Func<Func<string, string>, bool> evaluate, IReadOnlyList<string> alarms)
    {
        _evaluate = evaluate;
        Alarms = alarms;
    }

    /// <summary>Every alarm the rule names (as written: names or ARNs), in order of appearance.</summary>
    public IReadOnlyList<string> Alarms { get; }

    /// <summary>Whether the rule is TRUE when the named alarms are in the states <paramref name="stateOf"/> gives (by name or ARN as written).</summary>
    public bool Evaluate(Func<string, string> stateOf) => _evaluate(stateOf);

    /// <summary>Parses <paramref name="rule"/>.</summary>
    /// <exception cref="FormatException">The rule is not an expression of the grammar above.</exception>
    public static AlarmRuleExpression Parse(string rule)
    {
        var parser = new Parser(rule);
        var expression = parser.Or();
        parser.SkipSpaces();
        if (!parser.AtEnd)
        {
            throw new FormatException($"AlarmRule '{rule}': unexpected text at {parser.Position}: '{rule[parser.Position..]}'.");
        }

        return new AlarmRuleExpression(expression, parser.Names);
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public List<string> Names { get; } = new();

        public int Position => _at;

        public bool AtEnd => _at >= text.Length;

        public void SkipSpaces()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        public Func<Func<string, string>, bool> Or()
        {
            var left = And();
            while (Keyword("OR"))
            {
                var l = left;
                var right = And();
                left = s => l(s) || right(s);
            }

            return left;
        }

        private Func<Func<string, string>, bool> And()
        {
            var left = Not();
            while (Keyword("AND"))
            {
                var l = left;
                var right = Not();
                left = s => l(s) && right(s);
            }

            return left;
        }

        private Func<Func<string, string>, bool> Not()
        {
            if (Keyword("NOT"))
            {
                var operand = Not();
                return s => !operand(s);
            }

            return Primary();
        }

        private Func<Func<string, string>, bool> Primary()
        {
            SkipSpaces();
            if (Peek('('))
            {
                _at++;
                var inner = Or();
                Expect(')');
                return inner;
            }

            if (Keyword("TRUE"))
            {
                return _ => true;
            }

            if (Keyword("FALSE"))
            {
                return _ => false;
            }

            foreach (var state in new[] { AlarmStates.InsufficientData, AlarmStates.Alarm, AlarmStates.Ok })
            {
                if (Keyword(state))
                {
                    Expect('(');
                    var name = Name();
                    Expect(')');
                    Names.Add(name);
                    return s => s(name) == state;
                }
            }

            throw new FormatException($"AlarmRule '{text}': expected ALARM(...), OK(...), INSUFFICIENT_DATA(...), TRUE, FALSE, NOT or '(' at {_at}.");
        }

        private string Name()
        {
            SkipSpaces();
            if (Peek('"'))
            {
                var end = text.IndexOf('"', _at + 1);
                if (end < 0)
                {
                    throw new FormatException($"AlarmRule '{text}': unterminated quoted alarm name at {_at}.");
                }

                var quoted = text[(_at + 1)..end];
                _at = end + 1;
                return quoted;
            }

            var start = _at;
            while (_at < text.Length && text[_at] != ')')
            {
                _at++;
            }

            return text[start.._at].Trim();
        }

        private bool Keyword(string word)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, _at, word, 0, word.Length) != 0)
            {
                return false;
            }

            var next = _at + word.Length;
            // A keyword ends where a name character cannot follow it (ALARM( but not ALARMS).
            if (next < text.Length && (char.IsLetterOrDigit(text[next]) || text[next] == '_'))
            {
                return false;
            }

            _at = next;
            return true;
        }

        private bool Peek(char c) => _at < text.Length && text[_at] == c;

        private void Expect(char c)
        {
            SkipSpaces();
            if (!Peek(c))
            {
                throw new FormatException($"AlarmRule '{text}': expected '{c}' at {_at}.");
            }

            _at++;
        }
    }
}
