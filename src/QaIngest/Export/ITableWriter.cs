namespace QaIngest.Export;

/// <summary>
/// Writes the rows of one table to one file, in one format. A row holds, per column, null or a
/// value of the column's type (<see cref="string"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="bool"/>, <see cref="DateOnly"/>); the array is reused for the next row.
/// </summary>
internal interface ITableWriter : IAsyncDisposable
{
    ValueTask WriteAsync(object?[] row, CancellationToken cancellationToken);

    /// <summary>Writes what is buffered and closes the file; without it the file is incomplete.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
