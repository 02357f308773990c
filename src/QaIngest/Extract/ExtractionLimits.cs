namespace QaIngest.Extract;

/// <summary>
/// The budgets one document gets from extraction, with their defaults in this one place: past any
/// of them the document fails with a one-line reason instead of taking the run's time, memory or
/// stack. <c>qaingest extract --help</c> shows them and the README's "Limits" section lists them.
/// </summary>
public sealed record ExtractionLimits
{
    /// <summary>Default of <see cref="Timeout"/>, in seconds.</summary>
    public const int DefaultTimeoutSeconds = 30;

    /// <summary>Default of <see cref="MaxAbandoned"/>.</summary>
    public const int DefaultMaxAbandoned = 3;

    /// <summary>The limits as shipped.</summary>
    public static ExtractionLimits Default { get; } = new();

    /// <summary>How long one document may take in any format before it fails with "extraction timed out".</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

    /// <summary>
    /// How many timed-out readings may still be running on their abandoned threads before the extractor
    /// refuses more work (<see cref="ExtractionStuckException"/>): a library that cannot be cancelled
    /// is left to finish, but a run must not pile up threads that eat the machine.
    /// </summary>
    public int MaxAbandoned { get; init; } = DefaultMaxAbandoned;

    /// <summary>
    /// Largest input read as one document (a file, or the bytes handed in). Bounds what is read
    /// from <c>/dev/zero</c> or a runaway file; no written question comes near it.
    /// </summary>
    public long MaxDocumentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Largest total of a DOCX package's XML parts once decompressed: a few MB of zip can inflate
    /// to gigabytes of tiny paragraphs, and the OpenXml object model costs ~10 bytes of memory per
    /// byte of such XML.
    /// </summary>
    public long MaxDecompressedBytes { get; init; } = 48L * 1024 * 1024;

    /// <summary>
    /// Most tags an HTML document may hold: HtmlAgilityPack's object model costs up to ~800 bytes per
    /// node (a tag and the text after it), so this, not the byte size, bounds its memory (~400 MB).
    /// Large real pages hold tens of thousands.
    /// </summary>
    public int MaxHtmlTags { get; init; } = 250_000;

    /// <summary>
    /// Most XML elements in a DOCX package's parts: OpenXml's object model costs ~100 bytes per element,
    /// so this bounds its memory (~100 MB); a long document with big tables holds a few hundred thousand.
    /// </summary>
    public int MaxDocxElements { get; init; } = 1_000_000;

    /// <summary>
    /// Deepest nesting of elements (HTML, DOCX XML). Real documents stay below 50; HtmlAgilityPack's
    /// parser slows down with the square of the depth, and browsers themselves stop nesting at 512.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 500;

    /// <summary>Longest extracted text, in UTF-16 characters; the longest real written questions are a few hundred thousand.</summary>
    public int MaxTextCharacters { get; init; } = 4_000_000;

    /// <summary>Throws when a limit cannot work, so a bad configuration fails at start-up, not mid-run.</summary>
    public ExtractionLimits Validate()
    {
        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be positive.");
        }

        Positive(MaxAbandoned, nameof(MaxAbandoned));
        Positive(MaxDocumentBytes, nameof(MaxDocumentBytes));
        Positive(MaxDecompressedBytes, nameof(MaxDecompressedBytes));
        Positive(MaxHtmlTags, nameof(MaxHtmlTags));
        Positive(MaxDocxElements, nameof(MaxDocxElements));
        Positive(MaxNestingDepth, nameof(MaxNestingDepth));
        Positive(MaxTextCharacters, nameof(MaxTextCharacters));
        return this;
    }

    /// <summary>A byte count as the reasons write it ("64 MB").</summary>
    internal static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " MB";

    private static void Positive(long value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
        }
    }
}
