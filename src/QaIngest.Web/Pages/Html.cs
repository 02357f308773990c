using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace QaIngest.Web.Pages;

/// <summary>
/// A piece of HTML. Made from an interpolated string whose every value is HTML-encoded unless it is
/// already <see cref="Html"/>: encoding is the default, so a document's text can never become markup.
/// </summary>
public sealed class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly EncodingFormatter Formatter = new();

    private Html(string value) => Value = value;

    public static Html Empty { get; } = new(string.Empty);

    /// <summary>The markup.</summary>
    public string Value { get; }

    /// <summary>Markup from a template: the template's literal parts are markup, its values are encoded text.</summary>
    public static Html Of(FormattableString template) => new(string.Format(Formatter, template.Format, template.GetArguments()));

    /// <summary>Text, encoded.</summary>
    public static Html Text(string? text) => new(Encoder.Encode(text ?? string.Empty));

    /// <summary>Markup written by this program (never text from a document or a request).</summary>
    public static Html Trusted(string markup) => new(markup);

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public override string ToString() => Value;

    private sealed class EncodingFormatter : IFormatProvider, ICustomFormatter
    {
        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

        public string Format(string? format, object? arg, IFormatProvider? formatProvider) => arg switch
        {
            null => string.Empty,
            Html html => html.Value,
            IEnumerable<Html> list => string.Concat(list.Select(h => h.Value)),
            IFormattable formattable => Encoder.Encode(formattable.ToString(format, CultureInfo.InvariantCulture)),
            _ => Encoder.Encode(arg.ToString() ?? string.Empty),
        };
    }
}
