using GreenTierWorkflows.Infrastructure.Spreadsheets;

namespace GreenTierWorkflows.Web.Exports;

/// <summary>
/// An .xlsx download of the officials' exports (lists, dashboard tables, security audit): rows are written as they are
/// read (<see cref="SpreadsheetWriter"/>) — from a streamed query straight into a temporary file, which is then streamed
/// to the browser and deleted — so no export holds its whole list in memory, whatever its size.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = SpreadsheetWriter.ContentType;

    /// <summary>
    /// The workbook of <paramref name="rows"/> (enumerated once, on a worker thread: a synchronous database read is fine
    /// there) with <paramref name="columns"/>.
    /// </summary>
    public static async Task<IResult> FileAsync<T>(IEnumerable<T> rows, IReadOnlyList<SpreadsheetColumn<T>> columns, string sheetName, string fileName,
        CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gtw-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            await Task.Run(() =>
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                SpreadsheetWriter.Write(file, rows, columns, sheetName, ct);
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
}
