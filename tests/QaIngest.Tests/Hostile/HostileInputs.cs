using System.IO.Compression;
using System.Text;

namespace QaIngest.Tests.Hostile;

/// <summary>
/// Generates the hostile documents of the issue-18 campaign (never committed: they are written to a
/// temporary folder or kept in memory) so every test states its input's size and shape in one line.
/// </summary>
internal static class HostileInputs
{
    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary><paramref name="depth"/> nested <c>div</c> elements, closed, around one word.</summary>
    public static string NestedDivs(int depth, string word = "diep") =>
        "<!DOCTYPE html><html><body>" + Repeat("<div>", depth) + $"<p>{word}</p>" + Repeat("</div>", depth) + "</body></html>";

    /// <summary><paramref name="count"/> unclosed <c>&lt;b&gt;&lt;i&gt;</c> pairs before some text, as a broken page would have them.</summary>
    public static string UnclosedBoldItalic(int count) =>
        "<!DOCTYPE html><html><body><p>begin " + Repeat("<b><i>", count) + "einde</p></body></html>";

    /// <summary>
    /// A DOCX whose body holds <paramref name="depth"/> nested block content controls
    /// (<c>w:sdt/w:sdtContent</c>, two XML levels each) around one paragraph.
    /// </summary>
    public static byte[] NestedContentControls(int depth, string word = "genest") =>
        Docx(body =>
        {
            for (var i = 0; i < depth; i++)
            {
                body.Write("<w:sdt><w:sdtContent>");
            }

            body.Write($"<w:p><w:r><w:t>{word}</w:t></w:r></w:p>");
            for (var i = 0; i < depth; i++)
            {
                body.Write("</w:sdtContent></w:sdt>");
            }
        });

    /// <summary>
    /// A zip bomb of tiny paragraphs: <paramref name="paragraphs"/> copies of a one-letter paragraph
    /// (34 bytes of XML each, three elements) compressed into a package a few hundred times smaller.
    /// </summary>
    public static byte[] TinyParagraphs(int paragraphs) =>
        Docx(body =>
        {
            for (var i = 0; i < paragraphs; i++)
            {
                body.Write("<w:p><w:r><w:t>a</w:t></w:r></w:p>");
            }
        });

    /// <summary>A DOCX with the given paragraphs, each its own <c>w:p</c>.</summary>
    public static byte[] Paragraphs(params string[] paragraphs) =>
        Docx(body =>
        {
            foreach (var paragraph in paragraphs)
            {
                body.Write($"<w:p><w:r><w:t xml:space=\"preserve\">{System.Security.SecurityElement.Escape(paragraph)}</w:t></w:r></w:p>");
            }
        });

    /// <summary>Writes a minimal Word package whose <c>word/document.xml</c> body is written by <paramref name="writeBody"/>.</summary>
    public static byte[] Docx(Action<TextWriter> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", w => w.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"));
            Entry(zip, "_rels/.rels", w => w.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"));
            Entry(zip, "word/document.xml", w =>
            {
                w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{WordNamespace}\"><w:body>");
                writeBody(w);
                w.Write("</w:body></w:document>");
            });
        }

        return buffer.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="name"/> in <paramref name="folder"/>; returns the path.</summary>
    public static string Write(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A file that says it holds <paramref name="bytes"/> bytes without taking the disk space (sparse).</summary>
    public static string Sparse(string folder, string name, long bytes)
    {
        var path = Path.Combine(folder, name);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.SetLength(bytes);
        return path;
    }

    /// <summary>A named pipe (FIFO) no one writes to: opening it to read waits for ever.</summary>
    public static string Fifo(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", path)!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>A symbolic link named <paramref name="name"/> in <paramref name="folder"/> to <paramref name="target"/> (a parent folder makes a loop).</summary>
    public static string Link(string folder, string name, string target)
    {
        var path = Path.Combine(folder, name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    private static void Entry(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false), 1 << 16);
        write(writer);
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
