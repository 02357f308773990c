using System.Security.Cryptography;
using QaIngest.Figures;
using QaIngest.Index;
using QaIngest.Parse;

namespace QaIngest.Cli;

/// <summary>Reads a document file and turns it into what the index stores: parse plus figures.</summary>
public static class DocumentLoader
{
    /// <summary>The document, or null with a one-line reason.</summary>
    public static IndexedDocument? Load(string path, out string? error)
    {
        var bytes = InputFile.ReadBytes(path, out error);
        if (bytes is null)
        {
            return null;
        }

        var text = InputFile.ReadText(path, out error);
        if (text is null)
        {
            return null;
        }

        var parsed = QuestionParser.Parse(text);
        if (!parsed.Success)
        {
            error = $"{path}: {parsed.Error}";
            return null;
        }

        var full = System.IO.Path.GetFullPath(path);
        return new IndexedDocument(full, full, parsed.Value, FigureExtractor.Extract(parsed.Value).Figures)
        {
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
    }

    /// <summary>Every document file under the given files and folders, in a stable order.</summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths, List<string> missing)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
            else
            {
                missing.Add(path);
            }
        }
    }
}
