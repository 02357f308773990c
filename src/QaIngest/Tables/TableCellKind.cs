namespace QaIngest.Tables;

/// <summary>What a table cell holds, read from its text and the units its header and caption state.</summary>
public enum TableCellKind
{
    /// <summary>An amount of money ("22.046.430,00 €", or a bare number under "(in miljoen euro)").</summary>
    Money,
    /// <summary>A percentage ("12,5%", or a number under a "%" header).</summary>
    Percent,
    /// <summary>A whole number of things ("aantal" in the header or caption).</summary>
    Count,
    /// <summary>A number whose unit the table does not state.</summary>
    Number,
    /// <summary>Anything that is not one number ("Begeleiding", "01/07 - 19/08", "-").</summary>
    Text,
}
