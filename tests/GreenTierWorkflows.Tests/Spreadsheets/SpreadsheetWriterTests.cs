using System.IO.Compression;
using System.Xml.Linq;
using GreenTierWorkflows.Infrastructure.Spreadsheets;
using MiniExcelLibs;

namespace GreenTierWorkflows.Tests.Spreadsheets;

/// <summary>
/// The app's own .xlsx writer, read back by an independent reader (MiniExcel) from real files: text that XML must escape,
/// line breaks and edge spaces, numbers as numbers, an empty export, a sheet name Excel would refuse, and rows written while
/// they are still being read (the export never holds its list).
/// </summary>
public sealed class SpreadsheetWriterTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("gtw-xlsx-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private sealed record Row(string Name, int Year, decimal? Score, double Days, bool Listed, string? Note);

    private static readonly IReadOnlyList<SpreadsheetColumn<Row>> Columns =
    [
        new("申报对象", r => r.Name), new("年度", r => r.Year), new("自评得分", r => r.Score), new("中位天数", r => r.Days),
        new("已列入", r => r.Listed), new("备注", r => r.Note),
    ];

    [Fact]
    public void Cells_ComeBackAsWritten_TextEscapedAndNumbersAsNumbers()
    {
        Row[] rows =
        [
            new("黄山 & <徽州> \"绿色\"工厂有限公司", 2026, 85.5m, 12.25, true, null),
            new("第一行\n第二行", 2025, null, 0, false, "  前后空格  "),
            new("控制\u0001字符与𠀀（扩展区汉字）", 2024, 100m, 3.5, false, ""),
        ];
        var path = WriteFile(rows, "申报列表");

        var read = MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, read.Count);
        Assert.Equal(Columns.Select(c => c.Header), read[0].Keys);
        Assert.Equal("黄山 & <徽州> \"绿色\"工厂有限公司", read[0]["申报对象"]);
        Assert.Equal(2026d, read[0]["年度"]);
        Assert.Equal(85.5d, read[0]["自评得分"]);
        Assert.Equal(12.25d, read[0]["中位天数"]);
        Assert.Equal(true, read[0]["已列入"]);
        Assert.Null(read[0]["备注"]); // a missing value is an empty cell
        Assert.Equal("第一行\n第二行", read[1]["申报对象"]);
        Assert.Equal("  前后空格  ", read[1]["备注"]);
        Assert.Null(read[1]["自评得分"]);
        Assert.Equal(false, read[1]["已列入"]);
        // A character XML 1.0 cannot carry is dropped; the rest of the text (a supplementary-plane character too) survives.
        Assert.Equal("控制字符与𠀀（扩展区汉字）", read[2]["申报对象"]);
    }

    [Fact]
    public void Workbook_IsWellFormed_WithFrozenFilteredHeaderAndColumnWidths()
    {
        var path = WriteFile([new("黄山市徽州区某某新材料科技股份有限公司", 2026, 90m, 1, false, null)], "申报/列表:2026[全部]*?这是一个非常非常非常非常长的工作表名称");

        using var zip = ZipFile.OpenRead(path);
        // Every part is well-formed XML (XDocument throws otherwise).
        var parts = zip.Entries.ToDictionary(e => e.FullName, e => { using var s = e.Open(); return XDocument.Load(s); });
        Assert.Contains("[Content_Types].xml", parts.Keys);
        XNamespace x = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var sheetName = parts["xl/workbook.xml"].Descendants(x + "sheet").Single().Attribute("name")!.Value;
        Assert.Equal(31, sheetName.Length);
        Assert.DoesNotContain(sheetName, c => c is '/' or ':' or '[' or ']' or '*' or '?');
        var sheet = parts["xl/worksheets/sheet1.xml"];
        Assert.Equal("frozen", sheet.Descendants(x + "pane").Single().Attribute("state")!.Value);
        Assert.Equal("A1:F2", sheet.Descendants(x + "autoFilter").Single().Attribute("ref")!.Value);
        // The name column is sized for its 19 Chinese characters, not Excel's default 8.43.
        var nameWidth = double.Parse(sheet.Descendants(x + "col").First().Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(nameWidth >= 38, $"申报对象 column width {nameWidth}");
    }

    [Fact]
    public void NoRows_GiveTheHeaderRowAlone()
    {
        var path = WriteFile([], "空表");

        var read = MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Single(read);
        Assert.Equal(Columns.Select(c => (object?)c.Header), read[0].Values);
    }

    [Fact]
    public void Rows_AreWrittenWhileTheyAreRead_NotCollectedFirst()
    {
        const int count = 60_000;
        using var output = new MemoryStream();
        long writtenBeforeLastRow = -1;
        IEnumerable<Row> Rows()
        {
            for (var i = 0; i < count; i++)
            {
                if (i == count - 1) writtenBeforeLastRow = output.Length;
                yield return new($"企业{i}", 2026, i % 100, i / 7.0, i % 2 == 0, $"说明{i}");
            }
        }

        SpreadsheetWriter.Write(output, Rows(), Columns, "申报列表");

        // A writer that collected the rows first would not have written any of the sheet before the last row was read.
        Assert.True(writtenBeforeLastRow > 200_000, $"{writtenBeforeLastRow} bytes written before the last row was read");
        output.Position = 0;
        var read = MiniExcel.Query(output, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>();
        Assert.Equal(count, read.Count());
    }

    private string WriteFile(IEnumerable<Row> rows, string sheetName)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.xlsx");
        using (var file = File.Create(path)) SpreadsheetWriter.Write(file, rows, Columns, sheetName);
        return path;
    }
}
