using MiniExcelLibs;

namespace GreenTierWorkflows.BrowserTests.TestSupport;

/// <summary>Reads a downloaded .xlsx back (MiniExcel, no header mapping) to compare it with the page.</summary>
public static class Workbooks
{
    /// <summary>Every row of the first sheet as cell values, the header row first.</summary>
    public static List<List<object?>> Rows(string path)
    {
        using var stream = File.OpenRead(path);
        return MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
            .Select(row => ((IDictionary<string, object?>)row).Values.ToList())
            .ToList();
    }

    /// <summary><see cref="Rows"/> as text (empty cells as "").</summary>
    public static List<List<string>> Text(string path) =>
        Rows(path).Select(row => row.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList()).ToList();
}
