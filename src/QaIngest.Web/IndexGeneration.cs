using Lucene.Net.Index;
using QaIngest.Index;

namespace QaIngest.Web;

/// <summary>
/// The generation of the data directory's last Lucene commit (the N of its newest <c>segments_N</c>),
/// read from the index folder's listing: a few dozen file names, tens of microseconds. A pipeline's
/// commit raises it; the result cache keys on it, so a commit the readers will see invalidates
/// every cached answer. Thread-safe.
/// </summary>
public sealed class IndexGeneration(string dataDirectory)
{
    private readonly string folder = Path.Combine(dataDirectory, SearchIndex.LuceneFolder);

    /// <summary>The current generation, or -1 when there is no index (yet).</summary>
    public long Current()
    {
        try
        {
            return SegmentInfos.GetLastCommitGeneration(Directory.GetFiles(folder).Select(Path.GetFileName).ToArray()!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
