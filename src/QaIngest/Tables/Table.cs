using System.Collections.Immutable;
using System.Text.Json.Serialization;
using QaIngest.Parse;

namespace QaIngest.Tables;

/// <summary>
/// A table as its reader rebuilt it: caption, header rows as printed (a merged cell repeated over the
/// columns it spans), row labels, and every non-empty body cell with its labels and number. A table
/// read from flattened text whose grid is not certain has <see cref="Structured"/> false: its cells
/// keep only the labels the text makes certain. Immutable.
/// </summary>
public sealed record Table
{
    /// <summary>The caption or nearest title ("Tabel 3a: Toegekende steun per provincie"); null when none.</summary>
    public string? Caption { get; init; }

    /// <summary>The sheet name, for a table read from an XLSX annex; null otherwise.</summary>
    public string? Sheet { get; init; }

    /// <summary>For an annex sheet: the annex number (1-based, in the order the answer lists them) and the sheet's 1-based position.</summary>
    public int? Annex { get; init; }

    public int? SheetNumber { get; init; }

    /// <summary>For an annex sheet: the answers whose annex references point at it ("zie bijlage 1, tabblad 4").</summary>
    public ImmutableArray<int> ReferencedBy { get; init; } = [];

    /// <summary>The item the table stands in (an answer, a question), or <see cref="Section.Annexes"/> for an annex sheet.</summary>
    public TextLocation? Location { get; init; }

    /// <summary>Header rows top to bottom, each as wide as the table.</summary>
    public ImmutableArray<ImmutableArray<string>> HeaderRows { get; init; } = [];

    /// <summary>How many leading columns hold row labels (0 when the rows have none).</summary>
    public int LabelColumns { get; init; }

    /// <summary>Every body row's label, top to bottom (empty for a row without one).</summary>
    public ImmutableArray<string> RowLabels { get; init; } = [];

    /// <summary>Every column's joined header label, left to right (label columns included).</summary>
    public ImmutableArray<string> ColumnLabels { get; init; } = [];

    /// <summary>The label of the row that totals the others ("Totaal", "Eindtotaal"); null when none.</summary>
    public string? TotalsRow { get; init; }

    /// <summary>The label of the column that totals the others; null when none.</summary>
    public string? TotalsColumn { get; init; }

    /// <summary>The unit the caption or header states ("miljoen euro", "euro", "%", "aantal"); null when none.</summary>
    public string? Unit { get; init; }

    /// <summary>What a cell's written number is multiplied by to get its amount ("(in miljoen euro)": 1,000,000).</summary>
    public decimal Scale { get; init; } = 1;

    /// <summary>False for cells read from flattened text without a certain grid (a list of labelled cells).</summary>
    public bool Structured { get; init; } = true;

    public ImmutableArray<TableCell> Cells { get; init; } = [];

    /// <summary>How many body rows the table has.</summary>
    [JsonIgnore]
    public int RowCount => RowLabels.Length;
}
