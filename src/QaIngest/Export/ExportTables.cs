using System.Collections.Immutable;

namespace QaIngest.Export;

/// <summary>
/// The tables of an export, in one place: a table added to the record is exported by adding its
/// definition to <see cref="All"/>. Every table joins the documents by <c>document_key</c>; figures and
/// checks join items by <c>item_id</c>; cells join the extracted tables by <c>table_index</c>.
/// </summary>
public static class ExportTables
{
    private const string DocumentKey = "document_key";
    private const string DocumentKeyText = "The written question's key (`documents.key`).";

    // The parliament's session year starts on the fourth Monday of September.
    private const string SessionYear =
        "CASE WHEN d.date IS NULL THEN NULL "
        + "WHEN d.date >= date(substr(d.date, 1, 4) || '-09-01', 'weekday 1', '+21 days') "
        + "THEN substr(d.date, 1, 4) || '-' || (CAST(substr(d.date, 1, 4) AS INTEGER) + 1) "
        + "ELSE (CAST(substr(d.date, 1, 4) AS INTEGER) - 1) || '-' || substr(d.date, 1, 4) END";

    public static ExportTable Documents { get; } = new(
        "documents",
        "One row per written question.",
        "documents d",
        "d.id",
        "d.id",
        [
            new("key", ColumnType.Text, "The document's key: its path under the working directory for a file, `link:<id>` for a document fetched by its link id.", "d.key"),
            new("number", ColumnType.Integer, "The question's number (`nr.`), per minister within a session year, so not unique.", "d.number"),
            new("date", ColumnType.Date, "The date of the question.", "d.date"),
            new("session_year", ColumnType.Text, "The parliament's session year of the date (`2023-2024`; it starts on the fourth Monday of September).", SessionYear),
            new("asker", ColumnType.Text, "The member of parliament who asked.", "d.asker"),
            new("minister", ColumnType.Text, "The minister asked (the first one of a question sent to several).", "d.minister"),
            new("minister_title", ColumnType.Text, "The minister's title as the document writes it.", "d.minister_title"),
            new("title", ColumnType.Text, "The subject (the parliament's site's title when the file carries it).", "d.title"),
            new("answer_kind", ColumnType.Text, "How the answer is given: `numbered`, `single-block` (one unnumbered answer), `deferral` (to another minister's answer) or `none`.", "d.answer_kind"),
            new("themes", ColumnType.Text, "The parliament's themes (`thema`), joined with `; `.", "d.theme"),
            new("ministers", ColumnType.Text, "The ministers a multi-minister question was sent to, joined with `; `; empty for a question to one minister.", "d.ministers"),
            new("minister_numbers", ColumnType.Text, "The number the question got with each of `ministers`, in the same order.", "d.minister_numbers"),
            new("source", ColumnType.Text, "Where the pipeline read it: a file path or a URL.", "d.source"),
            new("source_url", ColumnType.Text, "The parliament's URL of the document (its PDF), when known.", "d.source_url"),
            new("warnings", ColumnType.Text, "The parser's warning codes (`unpaired-answer`, `numbering-gap`, ...), joined with `; `.", "d.warnings"),
        ]);

    public static ExportTable Items { get; } = new(
        "items",
        "One row per item of a written question: its preamble, each numbered question, the answer's preamble, each answer.",
        "items i JOIN documents d ON d.id = i.document_id",
        "i.document_id",
        "i.id",
        [
            new(DocumentKey, ColumnType.Text, DocumentKeyText, "d.key"),
            new("item_id", ColumnType.Integer, "The item's id in this export (joins `figures.item_id`, `checks.item_id`).", "i.id"),
            new("section", ColumnType.Text, "`preamble`, `question`, `answerPreamble` or `answer`.", "i.section"),
            new("number", ColumnType.Integer, "The question's or answer's number; empty for a preamble.", "i.number"),
            new("covers", ColumnType.Text, "For an answer that answers several questions at once (`1-3.`), the numbers it covers, joined with `; `.", "i.covers"),
            new("question", ColumnType.Integer, "For an answer, the number of the question it answers.", "i.question"),
            new("text", ColumnType.Text, "The item's text.", "i.text"),
        ]);

    public static ExportTable Figures { get; } = new(
        "figures",
        "One row per figure (amount, rate, count, percentage) found in an item, or in a part of the document that is no item (an annex list after the last answer: `item_id` empty, `section` `annexes`).",
        "figures f JOIN documents d ON d.id = f.document_id",
        "f.document_id",
        "f.id",
        [
            new(DocumentKey, ColumnType.Text, DocumentKeyText, "d.key"),
            new("figure_id", ColumnType.Integer, "The figure's id in this export.", "f.id"),
            new("item_id", ColumnType.Integer, "The item it stands in (`items.item_id`); empty for a figure outside every item.", "f.item_id"),
            new("section", ColumnType.Text, "The item's section.", "f.section"),
            new("number", ColumnType.Integer, "The item's number.", "f.number"),
            new("part", ColumnType.Text, "The lettered part of the item (`a`, `b`), when it stands in one.", "f.part"),
            new("kind", ColumnType.Text, "`money`, `rate` (money per unit), `count` or `percentage`.", "f.kind"),
            new("value", ColumnType.Real, "The normalised value (EUR 24 miljoen is 24000000; the lower end of a range).", "f.value"),
            new("range_end", ColumnType.Real, "The upper end of a range (`tussen 2 en 3 miljoen`).", "f.range_end"),
            new("currency", ColumnType.Text, "ISO 4217 code of money and rates (`EUR`).", "f.currency"),
            new("unit", ColumnType.Text, "What a count counts (`werkzoekenden`), or `percent` / `procentpunt`.", "f.unit"),
            new("per", ColumnType.Text, "For a rate, what the money is per (`traject`).", "f.per"),
            new("text", ColumnType.Text, "The figure as written.", "f.text"),
            new("sentence", ColumnType.Text, "The sentence it stands in.", "f.sentence"),
            new("qualifier", ColumnType.Text, "The word that hedges it (`ongeveer`, `meer dan`).", "f.qualifier"),
            new("implied", ColumnType.Boolean, "True when the currency was inferred from the context, not written.", "f.implied"),
            new("years", ColumnType.Text, "The years named in the same sentence, joined with `; `.", "f.years"),
        ]);

    public static ExportTable Checks { get; } = new(
        "checks",
        "One row per consistency check between figures: a stated total against the sum of the amounts under it, or against a count times a rate.",
        "checks c JOIN documents d ON d.id = c.document_id",
        "c.document_id",
        "c.id",
        [
            new(DocumentKey, ColumnType.Text, DocumentKeyText, "d.key"),
            new("item_id", ColumnType.Integer, "The item the stated total stands in.", "c.item_id"),
            new("section", ColumnType.Text, "The item's section.", "c.section"),
            new("number", ColumnType.Integer, "The item's number.", "c.number"),
            new("part", ColumnType.Text, "The lettered part, when the total stands in one.", "c.part"),
            new("kind", ColumnType.Text, "`sum` or `product`.", "c.kind"),
            new("total", ColumnType.Real, "The stated total.", "c.total"),
            new("total_text", ColumnType.Text, "The total as written.", "c.total_text"),
            new("computed", ColumnType.Real, "The sum of the parts, or the count times the rate.", "c.computed"),
            new("holds", ColumnType.Boolean, "True when `computed` equals `total` at the precision the total was written with.", "c.holds"),
            new("parts", ColumnType.Text, "The parts as written, joined with `; `.", "c.parts"),
        ]);

    public static ExportTable Tables { get; } = new(
        "tables",
        "One row per table read from a document (a PDF's aligned columns, an HTML or DOCX table, a sheet of an XLSX annex).",
        "doc_tables t JOIN documents d ON d.key = t.document_key",
        "d.id",
        "d.id, t.position",
        [
            new(DocumentKey, ColumnType.Text, DocumentKeyText, "d.key"),
            new("table_index", ColumnType.Integer, "The table's place in its document, from 0 (joins `cells.table_index`).", "t.position"),
            new("section", ColumnType.Text, "The section of the item it stands in (`answer`, `question`, ...; `annexes` for an annex sheet).", "t.section"),
            new("number", ColumnType.Integer, "The item's number (for an annex sheet: its place among the annex sheets, from 1).", "t.number"),
            new("caption", ColumnType.Text, "The caption or nearest title (`Tabel 3a: ...`).", "t.caption"),
            new("sheet", ColumnType.Text, "For an annex sheet: the sheet's name.", "t.sheet"),
            new("annex", ColumnType.Integer, "For an annex sheet: the annex's number (as the answer lists its annexes).", "t.annex"),
            new("sheet_number", ColumnType.Integer, "For an annex sheet: the sheet's place in its workbook, from 1.", "t.sheet_number"),
            new("referenced_by", ColumnType.Text, "For an annex sheet: the answers whose references (`bijlage 1, tabblad 4`) point at it, joined with `,`.", "t.referenced_by"),
            new("unit", ColumnType.Text, "The unit the caption or header states (`miljoen euro`, `%`, `aantal`).", "t.unit"),
            new("totals_row", ColumnType.Text, "The label of the row that totals the others (`Totaal`).", "t.totals_row"),
            new("totals_column", ColumnType.Text, "The label of the column that totals the others.", "t.totals_column"),
            new("structured", ColumnType.Boolean, "False for cells read from flattened text without a certain grid.", "t.structured"),
            new("rows", ColumnType.Integer, "How many body rows it has.", "t.rows"),
        ]);

    // A cell stored before the grid (no table_index) names its table by the item it stands in, its
    // caption and its sheet; two tables of one item with the same caption share the first one's index.
    private const string CellTable =
        "(SELECT {0} FROM doc_tables t WHERE t.document_key = c.document_key AND ({1}) ORDER BY t.position LIMIT 1)";

    private static string OfTable(string column) => string.Format(
        System.Globalization.CultureInfo.InvariantCulture, CellTable, column,
        "t.position = c.table_index OR (c.table_index IS NULL AND t.section = c.section AND t.number IS c.number AND IFNULL(t.caption, '') = IFNULL(c.caption, ''))");

    public static ExportTable Cells { get; } = new(
        "cells",
        "One row per non-empty body cell of a table, the whole grid: number cells and text cells, with the grid position and the row and column labels. "
        + "A number cell that is an amount, a percentage or a count is also a row of `figures` (`kind` money, count or percentage); "
        + "a text cell has kind `text` and no value, a number whose unit the table does not say kind `number`.",
        "table_cells c JOIN documents d ON d.key = c.document_key",
        "d.id",
        "d.id, c.id",
        [
            new(DocumentKey, ColumnType.Text, DocumentKeyText, "d.key"),
            new("table_index", ColumnType.Integer, "The table it belongs to (`tables.table_index`); empty for a table of flattened text (its cells are its figures).", "COALESCE(c.table_index, " + OfTable("t.position") + ")"),
            new("row_index", ColumnType.Integer, "The cell's body row in its table, from 0 (empty for a cell of flattened text or stored before the grid).", "c.row_index"),
            new("column_index", ColumnType.Integer, "The cell's column in its table, from 0, label columns counted (empty for a cell of flattened text or stored before the grid).", "c.column_index"),
            new("section", ColumnType.Text, "The section of the item the table stands in.", "c.section"),
            new("number", ColumnType.Integer, "The item's number.", "c.number"),
            new("caption", ColumnType.Text, "The table's caption (empty when it has none).", "c.caption"),
            new("sheet", ColumnType.Text, "For an annex sheet: `bijlage N, tabblad M (name)`.", "c.sheet"),
            new("row", ColumnType.Text, "The row label (several label columns joined with ` / `).", "c.row_label"),
            new("column", ColumnType.Text, "The column label (header levels joined outer to inner with ` / `).", "c.column_label"),
            new("text", ColumnType.Text, "The cell as written.", "c.text"),
            new("kind", ColumnType.Text, "`money`, `count` or `percentage` (a figure), `number` (no unit) or `text`.", "c.kind"),
            new("value", ColumnType.Real, "For a figure, the normalised value: the table's unit applied (`40` under `(in miljoen euro)` is 40000000); for a `number`, as written; empty for text.", "c.value"),
            new("currency", ColumnType.Text, "ISO 4217 code of money (`EUR`).", "c.currency"),
            new("unit", ColumnType.Text, "The unit its table states.", OfTable("t.unit")),
        ]);

    /// <summary>Every table, in export order.</summary>
    public static ImmutableArray<ExportTable> All { get; } = [Documents, Items, Figures, Checks, Tables, Cells];
}
