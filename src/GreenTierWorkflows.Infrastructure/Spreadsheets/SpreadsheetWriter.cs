using System.Data;
using MiniExcelLibs;

namespace GreenTierWorkflows.Infrastructure.Spreadsheets;

/// <summary>
/// The one .xlsx writer of the app (MiniExcel): the officials' list, dashboard and audit exports and the documents'
/// 汇总表 all go through it. One sheet, Chinese headers; rows are produced only as the writer asks for them, so a
/// streamed query is never held in memory whole; the header row is written even when there are no rows.
/// </summary>
public static class SpreadsheetWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes <paramref name="rows"/> (enumerated once) with <paramref name="columns"/> to <paramref name="output"/>.</summary>
    public static void Write<T>(Stream output, IEnumerable<T> rows, IReadOnlyList<SpreadsheetColumn<T>> columns, string sheetName,
        CancellationToken ct = default) =>
        output.SaveAs(Cells(rows, columns, ct), sheetName: SheetName(sheetName), excelType: ExcelType.XLSX);

    /// <summary>A small workbook in memory: <paramref name="headers"/> and the cells of each row in the same order.</summary>
    public static Task<byte[]> WriteAsync(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows,
        CancellationToken ct = default)
    {
        var columns = headers.Select((header, i) => new SpreadsheetColumn<IReadOnlyList<object?>>(header, row => row[i])).ToList();
        using var stream = new MemoryStream();
        Write(stream, rows, columns, sheetName, ct);
        return Task.FromResult(stream.ToArray());
    }

    /// <summary>Excel allows 31 characters in a sheet name.</summary>
    private static string SheetName(string name) => name.Length > 31 ? name[..31] : name;

    /// <summary>
    /// The rows as MiniExcel writes them; with no rows at all, a table of the headers alone (MiniExcel takes a sequence's
    /// headers from its first row).
    /// </summary>
    private static object Cells<T>(IEnumerable<T> rows, IReadOnlyList<SpreadsheetColumn<T>> columns, CancellationToken ct)
    {
        var enumerator = rows.GetEnumerator();
        if (enumerator.MoveNext()) return Lazily(enumerator, columns, ct);
        enumerator.Dispose();
        var headers = new DataTable("export");
        foreach (var column in columns) headers.Columns.Add(column.Header, typeof(object));
        return headers;
    }

    private static IEnumerable<IDictionary<string, object>> Lazily<T>(IEnumerator<T> started, IReadOnlyList<SpreadsheetColumn<T>> columns, CancellationToken ct)
    {
        using (started)
        {
            do
            {
                ct.ThrowIfCancellationRequested();
                var row = new Dictionary<string, object>(columns.Count, StringComparer.Ordinal);
                foreach (var column in columns) row[column.Header] = column.Cell(started.Current) ?? "";
                yield return row;
            } while (started.MoveNext());
        }
    }
}
