using System.Globalization;
using System.IO;

namespace QaIngest.Fetch;

/// <summary>
/// The data folder a run writes to (<c>DATA/raw/</c>, <c>DATA/qaingest.db</c>), held with an
/// exclusive lock on <c>DATA/.lock</c> for the life of the object, so two runs never write the same
/// store. The holder's pid and start time are in <c>DATA/.lock-owner</c>; the OS drops the lock when
/// its process dies, so an owner file left behind names a killed run, whose lock is taken over.
/// </summary>
public sealed class DataDirectory : IDisposable
{
    public const string LockFileName = ".lock";
    public const string OwnerFileName = ".lock-owner";

    private readonly FileStream lockFile;

    private DataDirectory(string root, FileStream lockFile, LockOwner? staleOwner)
    {
        Root = root;
        this.lockFile = lockFile;
        StaleOwner = staleOwner;
    }

    public string Root { get; }

    public string RawRoot => Path.Combine(Root, "raw");

    public string DatabasePath => Path.Combine(Root, "qaingest.db");

    /// <summary>The run whose lock was left behind (killed) and taken over by this one, if any.</summary>
    public LockOwner? StaleOwner { get; }

    /// <summary>Creates the folder if needed and takes its lock; throws <see cref="DataDirectoryLockedException"/> when another run holds it.</summary>
    public static DataDirectory Open(string root)
    {
        var full = Path.GetFullPath(root);
        Directory.CreateDirectory(full);
        var path = Path.Combine(full, LockFileName);
        var ownerPath = Path.Combine(full, OwnerFileName);
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive flock on Unix; the OS releases it when the process dies, killed or not.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(path) && !IsStorageFailure(e))
        {
            var holder = LockOwner.Read(ownerPath);
            throw new DataDirectoryLockedException(holder is null
                ? $"another run is in progress ({full} is locked)"
                : string.Create(CultureInfo.InvariantCulture, $"another run is in progress (pid {holder.Pid}, since {holder.Since:yyyy-MM-dd HH:mm:ss}Z) on {full}"));
        }

        try
        {
            var stale = LockOwner.Read(ownerPath);
            new LockOwner(Environment.ProcessId, DateTimeOffset.UtcNow).Write(ownerPath);
            return new DataDirectory(full, stream, stale);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    // A lock file that cannot be opened for writing because the folder is read-only or the disk full
    // is not a lock held by another run: that error goes up as it is.
    private static bool IsStorageFailure(IOException e) => StorageFault.Of(e) is StorageFaultKind.ReadOnly or StorageFaultKind.Full;

    public void Dispose()
    {
        try
        {
            File.Delete(Path.Combine(Root, OwnerFileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover owner file is reported as a stale lock by the next run, which is true enough.
        }

        lockFile.Dispose();
    }

    /// <summary>Who holds (or held) the lock: a process id and when it took the lock.</summary>
    public sealed record LockOwner(int Pid, DateTimeOffset Since)
    {
        internal static LockOwner? Read(string path)
        {
            try
            {
                var parts = File.ReadAllText(path).Trim().Split(' ', 2);
                return parts.Length == 2
                       && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                       && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
                    ? new LockOwner(pid, since.ToUniversalTime())
                    : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        internal void Write(string path)
        {
            var temp = path + ".tmp";
            try
            {
                File.WriteAllText(temp, string.Create(CultureInfo.InvariantCulture, $"{Pid} {Since:O}\n"));
                File.Move(temp, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A full disk: no half-written owner file is left behind (a read-only folder has none to remove).
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }

                throw;
            }
        }
    }
}
