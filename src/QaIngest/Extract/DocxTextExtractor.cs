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
    /// <summary>
    /// Extracts the text of the package in <paramref name="docx"/>, or fails with a reason when its XML
    /// parts are larger, hold more elements or nest deeper, or its text is longer, than
    /// <paramref name="limits"/> allow (checked by <see cref="DocxBudget"/> before OpenXml reads them).
    /// The walk is a loop over an explicit stack and stops when <paramref name="cancellationToken"/> is
    /// cancelled (the watchdog's time limit).
    /// </summary>
    public static ExtractionResult Extract(byte[] docx, ExtractionLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(docx);
        limits ??= ExtractionLimits.Default;
        try
        {
            if (DocxBudget.Check(docx, limits, cancellationToken) is { } refused)
            {
                return refused;
            }

            using var stream = new MemoryStream(docx, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return ExtractionResult.Fail(ExtractionFailure.CorruptDocx, "corrupt DOCX: the package has no document body");
            }

            var main = document.MainDocumentPart!;
            var numbering = new NumberingState(main.NumberingDefinitionsPart?.Numbering, main.StyleDefinitionsPart?.Styles);
            var hyperlinks = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var relationship in main.HyperlinkRelationships)
            {
                hyperlinks.TryAdd(relationship.Id, relationship.Uri.ToString());
            }

            var blocks = new List<string>();
            var links = new List<string>();
            var pages = 1;

            // Content controls and custom XML wrap ordinary paragraphs, nested to any depth: the elements
            // wait on an explicit stack (pushed in reverse, so they come off in document order), which
            // keeps that depth off the call stack.
            var pending = new Stack<OpenXmlElement>();
            PushChildren(body, pending);
            long length = 0;
            while (pending.TryPop(out var element))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var before = blocks.Count;
                switch (element)
                {
                    case Paragraph paragraph:
                        pages += AddParagraph(paragraph, numbering, blocks, hyperlinks, links);
                        break;
                    case Table table:
                        AddTable(table, blocks, hyperlinks, links, cancellationToken);
                        break;
                    case SdtBlock or SdtContentBlock or CustomXmlBlock:
                        PushChildren(element, pending);
                        break;
                }

                for (var i = before; i < blocks.Count; i++)
                {
                    length += blocks[i].Length + 2;
                }

                if (length > limits.MaxTextCharacters)
                {
                    return TooLong(limits);
                }
            }

            var text = blocks.Count == 0 ? string.Empty : string.Join("\n\n", blocks) + "\n";
            if (text.Length > limits.MaxTextCharacters)
            {
                return TooLong(limits);
            }

            return ExtractionResult.Ok(new ExtractedText
            {
                Text = text,
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

    private static ExtractionResult TooLong(ExtractionLimits limits) =>
        ExtractionResult.Fail(ExtractionFailure.TooLong, $"text longer than {limits.MaxTextCharacters:N0} characters");

    private static void PushChildren(OpenXmlElement container, Stack<OpenXmlElement> pending)
    {
        // OpenXml keeps children in a linked list: indexing it from the end would cost the square of
        // their number (minutes for a body of 300,000 paragraphs), enumerating it once does not.
        var children = new List<OpenXmlElement>(container.ChildElements);
        for (var i = children.Count - 1; i >= 0; i--)
        {
            pending.Push(children[i]);
        }
    }

    private static void AddTable(Table table, List<string> blocks, Dictionary<string, string> hyperlinks, List<string> links, CancellationToken cancellationToken)
    {
        foreach (var row in table.Descendants<TableRow>())
        {
            cancellationToken.ThrowIfCancellationRequested();

            // A row on one line, cells separated by a space, as the PDF rendering reads.
            var cells = row.Elements<TableCell>().Select(c => string.Join(' ', c.Elements<Paragraph>().Select(p => ParagraphText(p, hyperlinks, links).Text)));
            var line = LineReader.Collapse(string.Join(' ', cells).Replace('\f', ' '));
            if (line.Length > 0)
            {
                blocks.Add(line);
            }
        }
    }

    /// <summary>Adds the paragraph (split at page breaks) to <paramref name="blocks"/>; returns the page breaks it holds.</summary>
    private static int AddParagraph(Paragraph paragraph, NumberingState numbering, List<string> blocks, Dictionary<string, string> hyperlinks, List<string> links)
    {
        var breaks = 0;
        if (paragraph.ParagraphProperties?.PageBreakBefore is { } before && (before.Val is null || before.Val.Value))
        {
            blocks.Add("\f");
            breaks++;
        }

        var (text, innerBreaks) = ParagraphText(paragraph, hyperlinks, links);
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

    private static (string Text, int PageBreaks) ParagraphText(Paragraph paragraph, Dictionary<string, string> hyperlinks, List<string> links)
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
                    if (hyperlinks.TryGetValue(id, out var target))
                    {
                        links.Add(target);
                    }

                    break;
            }
        }

        return (sb.ToString(), breaks);
    }

    /// <summary>Counts numbered paragraphs per list and level the way Word does and renders their labels.</summary>
    /// <remarks>Lists and styles are looked up by id in dictionaries built once, so a package with many of them costs linear time, not paragraphs times lists.</remarks>
    private sealed class NumberingState(Numbering? numbering, Styles? styles)
    {
        private readonly Dictionary<(int NumId, int Level), int> _counters = [];
        private readonly Dictionary<int, NumberingInstance> _instances = Index(numbering?.Elements<NumberingInstance>(), n => n.NumberID?.Value);
        private readonly Dictionary<int, AbstractNum> _definitions = Index(numbering?.Elements<AbstractNum>(), a => a.AbstractNumberId?.Value);
        private readonly Dictionary<string, Style> _styles = IndexStyles(styles);

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
            var instance = _instances.GetValueOrDefault(numId.Value);
            var abstractId = instance?.AbstractNumId?.Val?.Value;
            var definition = abstractId is { } a ? _definitions.GetValueOrDefault(a) : null;
            var levels = definition?.Elements<Level>().ToList() ?? [];
            var levelDefinition = levels.FirstOrDefault(l => l.LevelIndex?.Value == level);
            if (levelDefinition is null)
            {
                return null;
            }

            // A higher level restarts the levels below it; overrides may restart the list.
            for (var deeper = level + 1; deeper <= 8; deeper++)
            {
                _counters.Remove((numId.Value, deeper));
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
            var style = styleId is null ? null : _styles.GetValueOrDefault(styleId);
            return style?.StyleParagraphProperties?.NumberingProperties;
        }

        /// <summary>The first element with each id, as the linear search found it.</summary>
        private static Dictionary<int, T> Index<T>(IEnumerable<T>? elements, Func<T, int?> id)
        {
            var index = new Dictionary<int, T>();
            foreach (var element in elements ?? [])
            {
                if (id(element) is { } key)
                {
                    index.TryAdd(key, element);
                }
            }

            return index;
        }

        private static Dictionary<string, Style> IndexStyles(Styles? styles)
        {
            var index = new Dictionary<string, Style>(StringComparer.Ordinal);
            foreach (var style in styles?.Elements<Style>() ?? [])
            {
                if (style.StyleId?.Value is { } id)
                {
                    index.TryAdd(id, style);
                }
            }

            return index;
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
