using System.Data;
using MiniExcelLibs;

namespace GreenTierWorkflows.Infrastructure.Documents;

/// <summary>Writes one table as an .xlsx workbook with Chinese headers (MiniExcel, the writer of the dashboard exports).</summary>
public static class SpreadsheetWriter
{
    public static async Task<byte[]> WriteAsync(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct = default)
    {
        var table = new DataTable(sheetName);
        foreach (var header in headers) table.Columns.Add(header, typeof(object));
        foreach (var row in rows) table.Rows.Add([.. row]);
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(table, sheetName: sheetName.Length > 31 ? sheetName[..31] : sheetName, excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }
}
