using System.Diagnostics;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// A real small file system for storage-error tests: a tmpfs of a few MB mounted on a temporary
/// folder (a disk that fills up for real: ENOSPC), which can be made read-only for real (EROFS,
/// which root cannot bypass as it bypasses chmod). Needs root with mount rights, as CI runs the
/// tests; where mounting is impossible the tests that need it are skipped, saying why.
/// </summary>
internal sealed class TinyDisk : IDisposable
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    private TinyDisk(string path) => Path = path;

    public string Path { get; }

    /// <summary>Why no tmpfs can be mounted here, or null when it can.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    public static TinyDisk Mount(string folder, int megabytes)
    {
        Directory.CreateDirectory(folder);
        var (code, error) = Execute("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", folder);
        Assert.True(code == 0, $"mount failed: {error}");
        return new TinyDisk(folder);
    }

    /// <summary>Makes the file system read-only (true) or writable again (false).</summary>
    public void ReadOnly(bool readOnly)
    {
        var (code, error) = Execute("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Path);
        Assert.True(code == 0, $"remount failed: {error}");
    }

    /// <summary>Fills every free byte but <paramref name="leave"/> with one file of zeros written for real (returned, to be deleted to free the space again).</summary>
    public string Fill(long leave = 0)
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        var block = new byte[64 * 1024];
        using var file = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                file.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC for the whole block: the last bytes one at a time, so not a page is left.
        }

        try
        {
            while (true)
            {
                file.WriteByte(0);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }

        if (leave > 0)
        {
            // Cutting the file short gives its pages back (tmpfs holds no sparse gaps).
            file.SetLength(Math.Max(0, file.Length - leave));
        }

        return filler;
    }

    public void Dispose() => Execute("umount", "-l", Path);

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "tmpfs mounts need Linux";
        }

        var folder = Directory.CreateTempSubdirectory("qaingest-mount-probe-").FullName;
        try
        {
            var (code, error) = Execute("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder);
            if (code != 0)
            {
                return $"cannot mount a tmpfs here (needs root with mount rights): {error.Trim()}";
            }

            Execute("umount", folder);
            return null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"no mount command: {e.Message}";
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    private static (int Code, string Error) Execute(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}

/// <summary>A fact that needs <see cref="TinyDisk"/>: skipped, with the reason, where no tmpfs can be mounted.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TinyDiskFactAttribute : FactAttribute
{
    public TinyDiskFactAttribute()
    {
        if (TinyDisk.WhyUnavailable is { } why)
        {
            Skip = why;
        }
    }
}
