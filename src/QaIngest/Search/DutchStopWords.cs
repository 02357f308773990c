using System.Collections.Frozen;

namespace QaIngest.Search;

/// <summary>
/// The Snowball project's Dutch stop-word list (snowballstem.org/algorithms/dutch/stop.txt, BSD
/// licence), so that the words the index drops are the ones other Snowball-based tools drop.
/// Entries are lower case and unstemmed; match before stemming. Thread-safe.
/// </summary>
public static class DutchStopWords
{
    /// <summary>The 101 stop words, ordinal and case-sensitive.</summary>
    public static FrozenSet<string> Words { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        // Ranked commonest to rarest, as in the Snowball list, so it can be compared line by line.
        "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij",
        "het", "niet", "zijn", "is", "was", "op", "aan", "met", "als", "voor",
        "had", "er", "maar", "om", "hem", "dan", "zou", "of", "wat", "mijn",
        "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot",
        "je", "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft",
        "hebben", "deze", "u", "want", "nog", "zal", "me", "zij", "nu", "ge",
        "geen", "omdat", "iets", "worden", "toch", "al", "waren", "veel", "meer", "doen",
        "toen", "moet", "ben", "zonder", "kan", "hun", "dus", "alles", "onder", "ja",
        "eens", "hier", "wie", "werd", "altijd", "doch", "wordt", "wezen", "kunnen", "ons",
        "zelf", "tegen", "na", "reeds", "wil", "kon", "niets", "uw", "iemand", "geweest",
        "andere");

    /// <summary>Whether <paramref name="word"/>, lower case, is a stop word.</summary>
    public static bool IsStopWord(string word) => Words.Contains(word);
}
