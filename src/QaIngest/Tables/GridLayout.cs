namespace QaIngest.Tables;

/// <summary>
/// Lays cells with row and column spans out on a grid, the way a browser does: each cell takes the
/// first free slot of its row, spans are capped (hostile input cannot make a huge grid), and the slots
/// a merged cell covers get its text as <see cref="GridCell.Spanned"/> copies.
/// </summary>
internal sealed class GridLayout
{
    private const int MaxSpan = 200;
    private const int MaxSlots = 200_000;

    private readonly List<List<GridCell?>> _rows = [];
    private int _slots;

    public int Row { get; private set; } = -1;

    public bool Full => _slots >= MaxSlots;

    public void NextRow()
    {
        Row++;
        while (_rows.Count <= Row)
        {
            _rows.Add([]);
        }
    }

    public void Add(string text, int rowSpan, int colSpan)
    {
        rowSpan = Math.Clamp(rowSpan, 1, MaxSpan);
        colSpan = Math.Clamp(colSpan, 1, MaxSpan);
        var line = _rows[Row];
        var column = 0;
        while (column < line.Count && line[column] is not null)
        {
            column++;
        }

        for (var r = 0; r < rowSpan && !Full; r++)
        {
            while (_rows.Count <= Row + r)
            {
                _rows.Add([]);
            }

            var target = _rows[Row + r];
            for (var c = 0; c < colSpan; c++)
            {
                while (target.Count <= column + c)
                {
                    target.Add(null);
                }

                target[column + c] = new GridCell(text, Spanned: r > 0 || c > 0);
                _slots++;
            }
        }
    }

    /// <summary>Adds the continuation of a cell merged from above (DOCX <c>w:vMerge</c>): copies only.</summary>
    public void AddCopy(string text, int colSpan)
    {
        var line = _rows[Row];
        var column = 0;
        while (column < line.Count && line[column] is not null)
        {
            column++;
        }

        for (var c = 0; c < Math.Clamp(colSpan, 1, MaxSpan) && !Full; c++)
        {
            while (line.Count <= column + c)
            {
                line.Add(null);
            }

            line[column + c] = new GridCell(text, Spanned: true);
            _slots++;
        }
    }

    /// <summary>The grid, holes (a row shorter than the others) as empty cells.</summary>
    public List<IReadOnlyList<GridCell>> ToGrid() =>
        _rows.Take(Row + 1).Select(r => (IReadOnlyList<GridCell>)r.Select(c => c ?? GridCell.Empty).ToList()).ToList();
}
