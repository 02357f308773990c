using System.IO;

namespace QaIngest.Fetch;

/// <summary>
/// The data folder a run writes to (<c>DATA/raw/</c>, <c>DATA/qaingest.db</c>), held with an
/// exclusive lock file for the life of the object, so two runs never write the same store.
/// </summary>
public sealed class DataDirectory : IDisposable
{
    private readonly FileStream lockFile;

    private DataDirectory(string root, FileStream lockFile)
    {
        Root = root;
        this.lockFile = lockFile;
    }

    public string Root { get; }

    public string RawRoot => Path.Combine(Root, "raw");

    public string DatabasePath => Path.Combine(Root, "qaingest.db");

    /// <summary>Creates the folder if needed and takes its lock; throws <see cref="DataDirectoryLockedException"/> when another run holds it.</summary>
    public static DataDirectory Open(string root)
    {
        var full = Path.GetFullPath(root);
        Directory.CreateDirectory(full);
        var path = Path.Combine(full, ".lock");
        try
        {
            // The OS releases the lock when the process dies, killed or not.
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new DataDirectory(full, stream);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new DataDirectoryLockedException($"{full}: another run holds the lock ({e.Message})");
        }
    }

    public void Dispose() => lockFile.Dispose();
}
