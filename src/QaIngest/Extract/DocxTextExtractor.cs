using System.Globalization;
using System.IO;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using QaIngest.Text;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace QaIngest.Extract;

/// <summary>
/// Extracts the text of a Word (.docx) document: body paragraphs and table rows in order, automatic
/// numbering rebuilt as text from <c>numbering.xml</c> ("1.", "a)", "- "), page breaks (explicit
/// breaks and "page break before") marked with a form feed. Headers, footers and their page-number
/// fields are not body text and are left out. Thread-safe; reads only its input.
/// </summary>
public static class DocxTextExtractor
{
    /// <summary>Extracts the text of the package in <paramref name="docx"/>.</summary>
    public static ExtractionResult Extract(byte[] docx)
    {
        ArgumentNullException.ThrowIfNull(docx);
        try
        {
            using var stream = new MemoryStream(docx, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return ExtractionResult.Fail(ExtractionFailure.CorruptDocx, "corrupt DOCX: the package has no document body");
            }

            var numbering = new NumberingState(document.MainDocumentPart!.NumberingDefinitionsPart?.Numbering, document.MainDocumentPart.StyleDefinitionsPart?.Styles);
            var blocks = new List<string>();
            var links = new List<string>();
            var pages = 1;
            void Walk(OpenXmlElement container)
            {
                foreach (var element in container.ChildElements)
                {
                    switch (element)
                    {
                        case Paragraph paragraph:
                            pages += AddParagraph(paragraph, numbering, blocks, document.MainDocumentPart!, links);
                            break;
                        case Table table:
                            AddTable(table, blocks, document.MainDocumentPart!, links);
                            break;
                        case SdtBlock or SdtContentBlock or CustomXmlBlock:
                            // Content controls and custom XML wrap ordinary paragraphs.
                            Walk(element);
                            break;
                    }
                }
            }

            Walk(body);
            return ExtractionResult.Ok(new ExtractedText
            {
                Text = blocks.Count == 0 ? string.Empty : string.Join("\n\n", blocks) + "\n",
                Format = SourceFormat.Docx,
                PageCount = pages,
                Links = [.. links.Distinct(StringComparer.Ordinal)],
            });
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FormatException or System.Xml.XmlException or IOException)
        {
            return ExtractionResult.Fail(ExtractionFailure.CorruptDocx, "corrupt DOCX: " + LineReader.Collapse(e.Message));
        }
    }

    private static void AddTable(Table table, List<string> blocks, MainDocumentPart main, List<string> links)
    {
        foreach (var row in table.Descendants<TableRow>())
        {
            // A row on one line, cells separated by a space, as the PDF rendering reads.
            var cells = row.Elements<TableCell>().Select(c => string.Join(' ', c.Elements<Paragraph>().Select(p => ParagraphText(p, main, links).Text)));
            var line = LineReader.Collapse(string.Join(' ', cells).Replace('\f', ' '));
            if (line.Length > 0)
            {
                blocks.Add(line);
            }
        }
    }

    /// <summary>Adds the paragraph (split at page breaks) to <paramref name="blocks"/>; returns the page breaks it holds.</summary>
    private static int AddParagraph(Paragraph paragraph, NumberingState numbering, List<string> blocks, MainDocumentPart main, List<string> links)
    {
        var breaks = 0;
        if (paragraph.ParagraphProperties?.PageBreakBefore is { } before && (before.Val is null || before.Val.Value))
        {
            blocks.Add("\f");
            breaks++;
        }

        var (text, innerBreaks) = ParagraphText(paragraph, main, links);
        var label = numbering.Label(paragraph);
        var pieces = text.Split('\f');
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0)
            {
                blocks.Add("\f");
            }

            var piece = LineReader.Collapse((i == 0 && label is not null ? label + " " : string.Empty) + pieces[i]);
            if (piece.Length > 0)
            {
                blocks.Add(piece);
            }
        }

        return breaks + innerBreaks;
    }

    private static (string Text, int PageBreaks) ParagraphText(Paragraph paragraph, MainDocumentPart main, List<string> links)
    {
        var sb = new StringBuilder();
        var breaks = 0;
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case WordText t:
                    sb.Append(t.Text);
                    break;
                case TabChar or PositionalTab:
                    sb.Append(' ');
                    break;
                case NoBreakHyphen:
                    sb.Append('-');
                    break;
                case SoftHyphen:
                    break;
                case Break br when br.Type?.Value == BreakValues.Page:
                    sb.Append('\f');
                    breaks++;
                    break;
                case Break or CarriageReturn:
                    // A manual line break inside a paragraph: the paragraph goes on, the line does not.
                    sb.Append(' ');
                    break;
                case Hyperlink link when link.Id?.Value is { } id:
                    var target = main.HyperlinkRelationships.FirstOrDefault(r => r.Id == id)?.Uri.ToString();
                    if (target is not null)
                    {
                        links.Add(target);
                    }

                    break;
            }
        }

        return (sb.ToString(), breaks);
    }

    /// <summary>Counts numbered paragraphs per list and level the way Word does and renders their labels.</summary>
    private sealed class NumberingState(Numbering? numbering, Styles? styles)
    {
        private readonly Dictionary<(int NumId, int Level), int> _counters = [];

        public string? Label(Paragraph paragraph)
        {
            if (numbering is null)
            {
                return null;
            }

            var numProps = paragraph.ParagraphProperties?.NumberingProperties ?? StyleNumbering(paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value);
            var numId = numProps?.NumberingId?.Val?.Value;
            if (numId is null or 0)
            {
                return null;
            }

            var level = numProps?.NumberingLevelReference?.Val?.Value ?? 0;
            var instance = numbering.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
            var abstractId = instance?.AbstractNumId?.Val?.Value;
            var definition = numbering.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId);
            var levels = definition?.Elements<Level>().ToList() ?? [];
            var levelDefinition = levels.FirstOrDefault(l => l.LevelIndex?.Value == level);
            if (levelDefinition is null)
            {
                return null;
            }

            // A higher level restarts the levels below it; overrides may restart the list.
            foreach (var key in _counters.Keys.Where(k => k.NumId == numId && k.Level > level).ToList())
            {
                _counters.Remove(key);
            }

            var start = StartOf(instance, levelDefinition, level);
            _counters[(numId.Value, level)] = _counters.TryGetValue((numId.Value, level), out var n) ? n + 1 : start;

            var format = levelDefinition.NumberingFormat?.Val?.Value ?? NumberFormatValues.Decimal;
            var pattern = levelDefinition.LevelText?.Val?.Value ?? "%" + (level + 1).ToString(CultureInfo.InvariantCulture) + ".";
            if (format == NumberFormatValues.Bullet)
            {
                return "-";
            }

            var label = new StringBuilder(pattern);
            for (var l = 0; l <= 8; l++)
            {
                var placeholder = "%" + (l + 1).ToString(CultureInfo.InvariantCulture);
                if (!pattern.Contains(placeholder, StringComparison.Ordinal))
                {
                    continue;
                }

                var value = _counters.TryGetValue((numId.Value, l), out var c) ? c : StartOf(instance, levels.FirstOrDefault(x => x.LevelIndex?.Value == l), l);
                var levelFormat = l == level ? format : levels.FirstOrDefault(x => x.LevelIndex?.Value == l)?.NumberingFormat?.Val?.Value ?? NumberFormatValues.Decimal;
                label.Replace(placeholder, Render(value, levelFormat));
            }

            return label.ToString().Trim();
        }

        private NumberingProperties? StyleNumbering(string? styleId)
        {
            var style = styleId is null ? null : styles?.Elements<Style>().FirstOrDefault(s => s.StyleId?.Value == styleId);
            return style?.StyleParagraphProperties?.NumberingProperties;
        }

        private static int StartOf(NumberingInstance? instance, Level? level, int index)
        {
            var overrideStart = instance?.Elements<LevelOverride>().FirstOrDefault(o => o.LevelIndex?.Value == index)?.StartOverrideNumberingValue?.Val?.Value;
            return overrideStart ?? level?.StartNumberingValue?.Val?.Value ?? 1;
        }

        private static string Render(int value, NumberFormatValues format)
        {
            if (format == NumberFormatValues.LowerLetter || format == NumberFormatValues.UpperLetter)
            {
                var letters = new StringBuilder();
                for (var n = Math.Max(value, 1); n > 0; n = (n - 1) / 26)
                {
                    letters.Insert(0, (char)('a' + ((n - 1) % 26)));
                }

                return format == NumberFormatValues.UpperLetter ? letters.ToString().ToUpperInvariant() : letters.ToString();
            }

            if (format == NumberFormatValues.LowerRoman || format == NumberFormatValues.UpperRoman)
            {
                var roman = new StringBuilder();
                var n = value;
                foreach (var (v, s) in new[] { (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i") })
                {
                    for (; n >= v; n -= v)
                    {
                        roman.Append(s);
                    }
                }

                return format == NumberFormatValues.UpperRoman ? roman.ToString().ToUpperInvariant() : roman.ToString();
            }

            return value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
