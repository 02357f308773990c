using System.IO;
using System.IO.Compression;
using System.Xml;

namespace QaIngest.Extract;

/// <summary>
/// Reads a DOCX package's XML parts once as a stream, before OpenXml builds its object model from
/// them, and refuses the package when they are larger once decompressed, hold more elements or
/// nest deeper than the limits: a zip of tiny paragraphs (a few MB that inflate to gigabytes) or
/// 40,000 nested content controls then costs a streaming pass with constant memory, not the
/// machine. Pure; reads only its input.
/// </summary>
internal static class DocxBudget
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>Null when the package is within <paramref name="limits"/>; otherwise the failure to report.</summary>
    public static ExtractionResult? Check(byte[] docx, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(new MemoryStream(docx, writable: false), ZipArchiveMode.Read);
        var tooLarge = ExtractionResult.Fail(ExtractionFailure.TooLarge, $"document larger than {ExtractionLimits.Megabytes(limits.MaxDecompressedBytes)} when decompressed");
        long remaining = limits.MaxDecompressedBytes;
        long elements = 0;
        foreach (var entry in zip.Entries)
        {
            // Only the XML parts are ever decompressed; images and other media are not read.
            if (!entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && !entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // The declared size is checked first (cheap) and the real one while reading (it may lie).
            if (entry.Length > remaining)
            {
                return tooLarge;
            }

            var bounded = new BoundedStream(entry.Open(), remaining);
            using (var reader = XmlReader.Create(bounded, Settings))
            {
                try
                {
                    while (reader.Read())
                    {
                        if (reader.NodeType != XmlNodeType.Element)
                        {
                            continue;
                        }

                        if ((++elements & 0x3FF) == 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                        }

                        if (elements > limits.MaxDocxElements)
                        {
                            return ExtractionResult.Fail(ExtractionFailure.TooLarge, $"document larger than {limits.MaxDocxElements:N0} XML elements");
                        }

                        if (reader.Depth >= limits.MaxNestingDepth)
                        {
                            return ExtractionResult.Fail(ExtractionFailure.TooDeep, $"nesting deeper than {limits.MaxNestingDepth:N0} elements (in {entry.FullName})");
                        }
                    }
                }
                catch (BudgetExceededException)
                {
                    return tooLarge;
                }
            }

            remaining -= bounded.BytesRead;
        }

        return null;
    }

    private sealed class BudgetExceededException : IOException;

    /// <summary>Passes a decompressing stream through until more than its budget has been read.</summary>
    private sealed class BoundedStream(Stream inner, long budget) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return BytesRead > budget ? throw new BudgetExceededException() : n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
