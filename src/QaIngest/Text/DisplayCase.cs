using System.Globalization;
using System.Text;

namespace QaIngest.Text;

/// <summary>
/// Turns the parliament's upper-case names and titles into display case: "BOB SAVENBERG" →
/// "Bob Savenberg", "VLAAMS MINISTER VAN JUSTITIE EN HANDHAVING, OMGEVING" → "Vlaams minister van
/// Justitie en Handhaving, Omgeving". Text that is already mixed case is returned as it is.
/// </summary>
public static class DisplayCase
{
    private static readonly HashSet<string> LowerParticles = new(StringComparer.OrdinalIgnoreCase) { "den", "der", "de", "het", "ter", "ten" };

    /// <summary>Display-cases a person's name; particles after "Van" stay lower case ("Van den Bossche").</summary>
    public static string Name(string name)
    {
        name = LineReader.Collapse(name).Trim(' ', ',', '.', ';');
        if (!IsUpper(name))
        {
            return name;
        }

        var words = name.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var afterVan = i > 0 && i < words.Length - 1 && words[i - 1].Equals("van", StringComparison.OrdinalIgnoreCase);
            words[i] = afterVan && LowerParticles.Contains(words[i]) ? words[i].ToLowerInvariant() : CapitaliseWord(words[i]);
        }

        return string.Join(' ', words);
    }

    /// <summary>Display-cases a minister's title: the function words lower case, each portfolio capitalised.</summary>
    public static string MinisterTitle(string title)
    {
        title = LineReader.Collapse(title).Trim(' ', ',', ';');
        if (!IsUpper(title))
        {
            return title;
        }

        var lower = title.ToLower(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(lower.Length);
        var capitaliseNext = true;
        foreach (var word in lower.Split(' '))
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            var bare = word.TrimEnd(',');
            var isFunctionWord = bare is "van" or "en" or "de" or "het" or "voor" or "minister" or "of";
            if (bare is "vlaams" or "vlaamse" or "regering" or "brussel" or "brusselse" || (capitaliseNext && !isFunctionWord))
            {
                sb.Append(CapitaliseWord(word));
                capitaliseNext = false;
            }
            else
            {
                sb.Append(word);
            }

            // A portfolio starts after "van", after "en" and after a comma.
            if (word.EndsWith(',') || bare is "van" or "en")
            {
                capitaliseNext = true;
            }
        }

        // "Vlaams minister van ...": the title's first word is capitalised anyway.
        if (sb.Length > 0)
        {
            sb[0] = char.ToUpperInvariant(sb[0]);
        }

        return sb.ToString();
    }

    /// <summary>True when the text has letters and none of them is lower case.</summary>
    public static bool IsUpper(string text)
    {
        var letters = false;
        foreach (var c in text)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            letters |= char.IsLetter(c);
        }

        return letters;
    }

    private static string CapitaliseWord(string word)
    {
        var chars = word.ToLower(CultureInfo.InvariantCulture).ToCharArray();
        var start = true;
        for (var i = 0; i < chars.Length; i++)
        {
            if (start && char.IsLetter(chars[i]))
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
                start = false;
            }
            else if (chars[i] is '-' or '\'' or '’')
            {
                start = true;
            }
        }

        return new string(chars);
    }
}
