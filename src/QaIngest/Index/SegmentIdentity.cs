using Lucene.Net.Index;
using Lucene.Net.Store;

namespace QaIngest.Index;

/// <summary>
/// What a segment is, the same for every reader that opens it: its directory, name, size and
/// creation time. The readers of a server's pool each open the index themselves, so each has its
/// own segment cores (<see cref="IndexReader.CoreCacheKey"/>); what is computed from a segment's
/// immutable content (<see cref="TermBitSets"/>, <see cref="SegmentFacts"/>) is shared by this key
/// instead. A segment name can come back after an index is made anew in the same directory, with
/// another creation time. A segment that is not in a directory on disk is known by its core only.
/// </summary>
internal static class SegmentIdentity
{
    /// <summary>A key with value equality for the segment of <paramref name="reader"/>.</summary>
    public static object Of(AtomicReader reader)
    {
        if (reader is SegmentReader { SegmentInfo.Info: var info } && info.Dir is FSDirectory fs
            && info.Diagnostics is { } diagnostics && diagnostics.TryGetValue("timestamp", out var created))
        {
            return (fs.Directory.FullName, info.Name, info.DocCount, created);
        }

        return reader.CoreCacheKey;
    }
}
