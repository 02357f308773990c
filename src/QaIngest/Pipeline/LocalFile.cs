using System.IO;
using System.Runtime.InteropServices;

namespace QaIngest.Pipeline;

/// <summary>
/// What a local path is, from the file system's own <c>stat</c>: only a regular file (or a link to
/// one) is read as a document. .NET's file APIs report a FIFO and a device as ordinary files, and
/// opening a FIFO waits for a writer for ever, so the type is asked of the runtime's native shim
/// (<c>SystemNative_Stat</c>, whose status layout is the same on every Unix) before anything is opened.
/// </summary>
public static class LocalFile
{
    // The shim's normalised mode bits (System.Native pal_io.h), the same on Linux and macOS.
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int DirectoryType = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int Regular = 0x8000;
    private const int SymbolicLink = 0xA000;
    private const int Socket = 0xC000;
    private const int TooManyLinks = 40; // ELOOP on Linux

    /// <summary>Null for a regular file (or a link to one); else what the path is instead, as a one-line reason.</summary>
    public static string? NotARegularFile(string path) => Kind(path) switch
    {
        LocalFileKind.Regular or LocalFileKind.Missing => null,
        var kind => Describe(kind),
    };

    /// <summary>What <paramref name="path"/> is; links are followed except to say a directory was reached through one.</summary>
    public static LocalFileKind Kind(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(path) ? LocalFileKind.Directory : File.Exists(path) ? LocalFileKind.Regular : LocalFileKind.Missing;
        }

        if (Native.Stat(path, out var status) != 0)
        {
            return Marshal.GetLastPInvokeError() == TooManyLinks ? LocalFileKind.LinkLoop : LocalFileKind.Missing;
        }

        return (status.Mode & TypeMask) switch
        {
            Regular => LocalFileKind.Regular,
            DirectoryType => Native.LStat(path, out var link) == 0 && (link.Mode & TypeMask) == SymbolicLink ? LocalFileKind.LinkedDirectory : LocalFileKind.Directory,
            Fifo => LocalFileKind.Fifo,
            CharacterDevice or BlockDevice => LocalFileKind.Device,
            Socket => LocalFileKind.Socket,
            _ => LocalFileKind.Other,
        };
    }

    /// <summary>The one-line reason a path of this kind is not read.</summary>
    public static string Describe(LocalFileKind kind) => kind switch
    {
        LocalFileKind.Directory => "a directory, not a regular file",
        LocalFileKind.LinkedDirectory => "a symbolic link to a directory, not followed",
        LocalFileKind.LinkLoop => "a symbolic link loop, not a regular file",
        LocalFileKind.Fifo => "a named pipe (FIFO), not a regular file",
        LocalFileKind.Device => "a device, not a regular file",
        LocalFileKind.Socket => "a socket, not a regular file",
        LocalFileKind.Missing => "no such file",
        _ => "not a regular file",
    };

    /// <summary>
    /// The bytes of a regular file, or null with the reason in <paramref name="error"/>: not a regular
    /// file, or more than <paramref name="limit"/> bytes (a file that says so is not read at all, and
    /// one that grows while read is read only until it passes the limit).
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to read it.</exception>
    public static byte[]? ReadBounded(string path, long limit, out string? error)
    {
        error = NotARegularFile(path);
        if (error is not null)
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        var length = stream.Length;
        if (length > limit)
        {
            error = $"document larger than {limit / (1024 * 1024)} MB";
            return null;
        }

        using var buffer = new MemoryStream((int)Math.Max(length + 1, 4096));
        var chunk = new byte[81920];
        while (buffer.Length <= limit)
        {
            var n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - buffer.Length));
            if (n == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, n);
        }

        if (buffer.Length > limit)
        {
            error = $"document larger than {limit / (1024 * 1024)} MB";
            return null;
        }

        return buffer.ToArray();
    }

    /// <summary>The start of the shim's file status: flags, then the mode; the rest of its fields are not read but must fit.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }

    private static class Native
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
        public static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);
    }
}
