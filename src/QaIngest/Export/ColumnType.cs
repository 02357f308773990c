namespace QaIngest.Export;

/// <summary>The type of an exported column, the same in every format.</summary>
public enum ColumnType
{
    /// <summary>A string (UTF-8). Lists are joined with <c>"; "</c>.</summary>
    Text,
    /// <summary>A 64-bit integer.</summary>
    Integer,
    /// <summary>A double.</summary>
    Real,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>A calendar date (Parquet DATE; <c>yyyy-MM-dd</c> in CSV and JSON).</summary>
    Date,
}
