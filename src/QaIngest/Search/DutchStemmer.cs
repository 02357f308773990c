using System.Buffers;

namespace QaIngest.Search;

/// <summary>
/// The original Snowball Dutch stemmer (Martin Porter's algorithm, called <c>dutch_porter</c> since
/// Snowball 3.0; the one Lucene's <c>DutchAnalyzer</c> uses), so that our index agrees with other
/// search tools built on it. Input is expected in lower case. Pure and thread-safe; a word that does
/// not change is returned as the same instance.
/// </summary>
public static class DutchStemmer
{
    // Words longer than this are rare enough that renting a buffer from the pool is fine.
    private const int StackBufferLength = 64;

    /// <summary>Returns the stem of <paramref name="word"/>, a lower-case Dutch word.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0)
        {
            return word;
        }

        char[]? rented = null;
        var buffer = word.Length <= StackBufferLength
            ? stackalloc char[StackBufferLength]
            : (rented = ArrayPool<char>.Shared.Rent(word.Length));
        try
        {
            var chars = buffer[..word.Length];
            word.AsSpan().CopyTo(chars);
            var stem = chars[..StemInPlace(chars)];
            return stem.SequenceEqual(word) ? word : new string(stem);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Stems the word held in <paramref name="w"/> and returns the stem's length.</summary>
    private static int StemInPlace(Span<char> w)
    {
        Prelude(w);
        var (p1, p2) = MarkRegions(w);
        var length = StandardSuffix(w, p1, p2);
        Postlude(w[..length]);
        return length;
    }

    // The vowels once umlauts and acute accents are gone. The grave è stays a vowel of its own;
    // the upper-case I and Y the prelude writes are consonants on purpose.
    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'è';

    private static void Prelude(Span<char> w)
    {
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = w[i] switch
            {
                'ä' or 'á' => 'a',
                'ë' or 'é' => 'e',
                'ï' or 'í' => 'i',
                'ö' or 'ó' => 'o',
                'ü' or 'ú' => 'u',
                var c => c,
            };
        }

        if (w[0] == 'y')
        {
            w[0] = 'Y';
        }

        // A y after a vowel and an i between vowels are consonants here ("mooie", "haye"); the
        // definition writes them upper case, outside the vowel set, until the postlude.
        var pos = 0;
        while (true)
        {
            pos = PastFirst(w, pos, vowel: true);
            if (pos < 0)
            {
                return;
            }

            if (pos < w.Length && w[pos] == 'i')
            {
                if (pos + 1 < w.Length && IsVowel(w[pos + 1]))
                {
                    w[pos] = 'I';
                }

                pos++;
            }
            else if (pos < w.Length && w[pos] == 'y')
            {
                w[pos] = 'Y';
                pos++;
            }
        }
    }

    /// <summary>
    /// R1 starts after the first non-vowel that follows a vowel, but never before the fourth letter;
    /// R2 is the same rule applied again inside R1. An empty region starts at the word's end.
    /// </summary>
    private static (int P1, int P2) MarkRegions(ReadOnlySpan<char> w)
    {
        var p1 = RegionStart(w, 0);
        var p2 = RegionStart(w, p1);
        return (Math.Max(p1, 3), p2);
    }

    private static int RegionStart(ReadOnlySpan<char> w, int from)
    {
        var pos = PastFirst(w, from, vowel: true);
        pos = pos < 0 ? -1 : PastFirst(w, pos, vowel: false);
        return pos < 0 ? w.Length : pos;
    }

    /// <summary>The position just after the first vowel (or non-vowel) at or after <paramref name="from"/>, or -1.</summary>
    private static int PastFirst(ReadOnlySpan<char> w, int from, bool vowel)
    {
        for (var i = from; i < w.Length; i++)
        {
            if (IsVowel(w[i]) == vowel)
            {
                return i + 1;
            }
        }

        return -1;
    }

    private static int StandardSuffix(Span<char> w, int p1, int p2)
    {
        var length = w.Length;

        // Step 1: only the longest of these endings is considered; if its condition fails, a shorter
        // one ("en" inside "heden") is not tried instead.
        if (EndsWith(w, length, "heden"))
        {
            if (length - 5 >= p1)
            {
                "heid".CopyTo(w[(length - 5)..]);
                length--;
            }
        }
        else if (EndsWith(w, length, "ene"))
        {
            length = EnEnding(w, length, length - 3, p1);
        }
        else if (EndsWith(w, length, "en"))
        {
            length = EnEnding(w, length, length - 2, p1);
        }
        else if (EndsWith(w, length, "se"))
        {
            length = SEnding(w, length, length - 2, p1);
        }
        else if (EndsWith(w, length, "s"))
        {
            length = SEnding(w, length, length - 1, p1);
        }

        // Step 2. Whether it removed an e decides "bar" in step 3b.
        var eFound = EEnding(w, ref length, p1);

        // Step 3a.
        if (EndsWith(w, length, "heid") && length - 4 >= p2 && !PrecededBy(w, length - 4, 'c'))
        {
            length -= 4;
            if (EndsWith(w, length, "en"))
            {
                length = EnEnding(w, length, length - 2, p1);
            }
        }

        // Step 3b: derivational suffixes, all only inside R2.
        if (EndsWith(w, length, "end") || EndsWith(w, length, "ing"))
        {
            if (length - 3 >= p2)
            {
                length -= 3;
                if (EndsWith(w, length, "ig") && length - 2 >= p2 && !PrecededBy(w, length - 2, 'e'))
                {
                    length -= 2;
                }
                else
                {
                    length = Undouble(w, length);
                }
            }
        }
        else if (EndsWith(w, length, "ig"))
        {
            if (length - 2 >= p2 && !PrecededBy(w, length - 2, 'e'))
            {
                length -= 2;
            }
        }
        else if (EndsWith(w, length, "lijk"))
        {
            if (length - 4 >= p2)
            {
                length -= 4;
                EEnding(w, ref length, p1);
            }
        }
        else if (EndsWith(w, length, "baar"))
        {
            if (length - 4 >= p2)
            {
                length -= 4;
            }
        }
        else if (EndsWith(w, length, "bar"))
        {
            if (length - 3 >= p2 && eFound)
            {
                length -= 3;
            }
        }

        // Step 4: a doubled vowel in a closed last syllable is single, so "maan" and "man(en)" meet.
        if (length >= 4)
        {
            var last = w[length - 1];
            var vowel = w[length - 2];
            if (!IsVowel(last) && last != 'I'
                && vowel is 'a' or 'e' or 'o' or 'u' && w[length - 3] == vowel
                && !IsVowel(w[length - 4]))
            {
                w[length - 2] = last;
                length--;
            }
        }

        return length;
    }

    /// <summary>
    /// Removes the "en"/"ene" starting at <paramref name="start"/> when it lies in R1 after a consonant
    /// and not after "gem" (the definition's "valid en-ending"), then undoubles; returns the new length.
    /// </summary>
    private static int EnEnding(ReadOnlySpan<char> w, int length, int start, int p1)
    {
        if (start < p1 || start < 1 || IsVowel(w[start - 1])
            || (start >= 3 && w[(start - 3)..start].SequenceEqual("gem")))
        {
            return length;
        }

        return Undouble(w, start);
    }

    /// <summary>Removes the "s"/"se" starting at <paramref name="start"/> when it lies in R1 after a consonant other than j.</summary>
    private static int SEnding(ReadOnlySpan<char> w, int length, int start, int p1)
    {
        if (start < p1 || start < 1 || IsVowel(w[start - 1]) || w[start - 1] == 'j')
        {
            return length;
        }

        return start;
    }

    /// <summary>Removes a final e in R1 after a consonant, then undoubles; says whether the e went.</summary>
    private static bool EEnding(ReadOnlySpan<char> w, ref int length, int p1)
    {
        var e = length - 1;
        if (e < 1 || w[e] != 'e' || e < p1 || IsVowel(w[e - 1]))
        {
            return false;
        }

        length = Undouble(w, e);
        return true;
    }

    /// <summary>Drops the last letter of a final kk, dd or tt; returns the new length.</summary>
    private static int Undouble(ReadOnlySpan<char> w, int length)
    {
        if (length >= 2 && w[length - 1] is 'k' or 'd' or 't' && w[length - 2] == w[length - 1])
        {
            return length - 1;
        }

        return length;
    }

    private static bool EndsWith(ReadOnlySpan<char> w, int length, string suffix) =>
        w[..length].EndsWith(suffix);

    private static bool PrecededBy(ReadOnlySpan<char> w, int position, char c) =>
        position >= 1 && w[position - 1] == c;

    private static void Postlude(Span<char> w)
    {
        for (var i = 0; i < w.Length; i++)
        {
            if (w[i] == 'I')
            {
                w[i] = 'i';
            }
            else if (w[i] == 'Y')
            {
                w[i] = 'y';
            }
        }
    }
}
