using System.Text;
using QaIngest.Pipeline;

namespace QaIngest.Cli;

/// <summary>Reads an input file as text, turning every I/O problem into a one-line reason.</summary>
public static class InputFile
{
    /// <summary>Largest input read as one document; anything larger is not a written question.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public static byte[]? ReadBytes(string path, out string? error)
    {
        error = null;
        try
        {
            // Only a regular file is opened (a FIFO would wait for ever), and at most MaxBytes of it are read (/dev/zero never ends).
            if (LocalFile.Kind(path) == LocalFileKind.Missing)
            {
                error = $"{path}: no such file";
                return null;
            }

            var bytes = LocalFile.ReadBounded(path, MaxBytes, out var reason);
            if (bytes is null)
            {
                error = $"{path}: {reason}";
            }

            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"{path}: cannot read: {e.Message}";
            return null;
        }
    }

    /// <summary>Reads the file as UTF-8 (a BOM for UTF-16 is honoured); null with a reason on failure.</summary>
    public static string? ReadText(string path, out string? error)
    {
        var bytes = ReadBytes(path, out error);
        if (bytes is null)
        {
            return null;
        }

        if (bytes.Length == 0)
        {
            error = $"{path}: empty file";
            return null;
        }

        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
