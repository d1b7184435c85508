using System.Data;
using MiniExcelLibs;

namespace GreenTierWorkflows.Web.Exports;

/// <summary>
/// The one .xlsx writer of the officials' exports (lists, dashboard tables, security audit): Chinese headers, one sheet.
/// Rows are written as they are read — from a streamed query straight into a temporary file, which is then streamed to
/// the browser and deleted — so no export holds its whole list in memory, whatever its size.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A column: its Chinese header and the cell of a row.</summary>
    public sealed record Column<T>(string Header, Func<T, object?> Cell);

    /// <summary>
    /// The workbook of <paramref name="rows"/> (enumerated once, on a worker thread: a synchronous database read is fine
    /// there) with <paramref name="columns"/>; the header row is written even when there are no rows.
    /// </summary>
    public static async Task<IResult> FileAsync<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns, string sheetName, string fileName,
        CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gtw-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            await Task.Run(() =>
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                file.SaveAs(Cells(rows, columns, ct), sheetName: sheetName.Length > 31 ? sheetName[..31] : sheetName, excelType: ExcelType.XLSX);
            }, ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return TypedResults.File(content, ContentType, fileName);
    }

    /// <summary>
    /// The rows as MiniExcel writes them, each produced only when the writer asks for it; with no rows at all, a table of
    /// the headers alone (MiniExcel takes a sequence's headers from its first row).
    /// </summary>
    private static object Cells<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns, CancellationToken ct)
    {
        var enumerator = rows.GetEnumerator();
        if (enumerator.MoveNext()) return Lazily(enumerator, columns, ct);
        enumerator.Dispose();
        var headers = new DataTable("export");
        foreach (var column in columns) headers.Columns.Add(column.Header, typeof(object));
        return headers;
    }

    private static IEnumerable<IDictionary<string, object>> Lazily<T>(IEnumerator<T> started, IReadOnlyList<Column<T>> columns, CancellationToken ct)
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
