namespace QaIngest.Cli.Bench;

/// <summary>
/// Samples this process's resident memory from <c>/proc/self/status</c> every 100 ms and keeps the
/// peaks of its anonymous part (heap, stacks: what the process allocated) and its file-backed part
/// (memory-mapped index files, which the kernel can drop at will), which the peak working set mixes.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Timer timer;

    public MemorySampler() => timer = new Timer(_ => Sample(), null, 0, 100);

    /// <summary>Peak anonymous resident memory (RssAnon), bytes; 0 where /proc is not available.</summary>
    public long PeakAnonymous { get; private set; }

    /// <summary>Peak file-backed resident memory (RssFile: mapped index files and the program's own files), bytes.</summary>
    public long PeakFile { get; private set; }

    public void Dispose()
    {
        timer.Dispose();
        Sample();
    }

    private void Sample()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    PeakAnonymous = Math.Max(PeakAnonymous, Kilobytes(line) * 1024);
                }
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                {
                    PeakFile = Math.Max(PeakFile, Kilobytes(line) * 1024);
                }
            }
        }
        catch (IOException)
        {
            // Not Linux: no figures.
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(':')[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
