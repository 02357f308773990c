namespace QaIngest.Export;

/// <summary>The file format of an export: one file per table.</summary>
public enum ExportFormat
{
    /// <summary>Apache Parquet (typed columns, dates as dates), for R's arrow and pandas.</summary>
    Parquet,
    /// <summary>CSV: UTF-8, a header row, RFC 4180 quoting, CRLF line ends.</summary>
    Csv,
    /// <summary>JSON Lines: one JSON object a row, one row a line.</summary>
    JsonLines,
}
