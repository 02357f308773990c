using System.IO;
using System.Security.Cryptography;

namespace QaIngest.Fetch;

/// <summary>
/// Raw bodies by content: <c>DATA/raw/&lt;first two hex&gt;/&lt;sha256&gt;.&lt;ext&gt;</c>. A body is
/// written to a temporary file in the same folder, flushed to disk and renamed into place, so a
/// file under its final name is always whole; a body already stored is not written again.
/// Temporary files left by a killed run are removed when the store is opened (the caller holds the
/// data folder's lock, so no other run is writing). Thread-safe.
/// </summary>
public sealed class RawStore
{
    public const string TempSuffix = ".tmp";

    public RawStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        RemovedTemporaryFiles = RemoveTemporaryFiles();
    }

    public string Root { get; }

    /// <summary>How many leftovers of an interrupted run were removed when the store was opened.</summary>
    public int RemovedTemporaryFiles { get; }

    public static string Sha256Hex(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>The path a body with this hash and extension has in the store (whether or not it is there).</summary>
    public string PathOf(string sha256, string extension)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("not a lower-case SHA-256 hex string", nameof(sha256));
        }

        return Path.Combine(Root, sha256[..2], $"{sha256}.{extension}");
    }

    public bool Contains(string sha256, string extension) => File.Exists(PathOf(sha256, extension));

    /// <summary>Stores the body; returns its path and whether it was new. The hash is the body's SHA-256.</summary>
    public (string Path, bool Written) Store(ReadOnlySpan<byte> body, string sha256, string extension)
    {
        var path = PathOf(sha256, extension);
        if (File.Exists(path))
        {
            return (path, false);
        }

        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{sha256}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                file.Write(body);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: false);
            return (path, true);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another writer renamed the same content into place first: the stored file is the same bytes.
            return (path, false);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Reads a stored body back (for annex links of a document that did not change).</summary>
    public byte[]? TryRead(string path) => File.Exists(path) && IsInside(path) ? File.ReadAllBytes(path) : null;

    private bool IsInside(string path) => Path.GetFullPath(path).StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private int RemoveTemporaryFiles()
    {
        var removed = 0;
        foreach (var temp in Directory.EnumerateFiles(Root, "*" + TempSuffix, SearchOption.AllDirectories))
        {
            File.Delete(temp);
            removed++;
        }

        return removed;
    }
}
