using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace GreenTierWorkflows.Infrastructure.Spreadsheets;

/// <summary>
/// The one .xlsx writer of the app: the officials' list, dashboard and audit exports and the documents' 汇总表 all go through
/// it. One sheet, Chinese headers (bold, shaded, frozen, with a filter), thin borders, column widths from the headers and the
/// first rows. Rows are produced only as the writer asks for them and written at once as UTF-8 XML into the zip entry
/// (inline strings, no shared-string table, no per-row dictionary), so a streamed query is never held in memory whole and a
/// row costs its cells' bytes; the header row is written even when there are no rows.
/// </summary>
/// <remarks>
/// Written here rather than through a general workbook library: the exports need one flat table, and the library we used
/// (MiniExcel) built a dictionary per row, boxed every key lookup and deflated at the default level. The sheet entry is
/// deflated at <see cref="CompressionLevel.Fastest"/>: the 12,500-row nominations export comes out about as large as before
/// (inline strings compress well; no shared-string table to build).
/// </remarks>
public static class SpreadsheetWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Rows read before the sheet is started, to size its columns (Excel wants the widths before the data).</summary>
    private const int WidthSampleRows = 200;

    /// <summary>Writes <paramref name="rows"/> (enumerated once) with <paramref name="columns"/> to <paramref name="output"/>.</summary>
    public static void Write<T>(Stream output, IEnumerable<T> rows, IReadOnlyList<SpreadsheetColumn<T>> columns, string sheetName,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("A workbook needs at least one column.", nameof(columns));
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        // Fixed entry times: the same rows give the same bytes.
        Part(zip, "[Content_Types].xml", ContentTypesXml);
        Part(zip, "_rels/.rels", PackageRelsXml);
        Part(zip, "xl/workbook.xml", WorkbookXml(SheetName(sheetName)));
        Part(zip, "xl/_rels/workbook.xml.rels", WorkbookRelsXml);
        Part(zip, "xl/styles.xml", StylesXml);

        using var enumerator = rows.GetEnumerator();
        var sample = new List<object?[]>();
        var more = true;
        while (sample.Count < WidthSampleRows && (more = enumerator.MoveNext()))
        {
            ct.ThrowIfCancellationRequested();
            sample.Add(CellsOf(enumerator.Current, columns));
        }

        var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        entry.LastWriteTime = FixedTime;
        using var sheet = new SheetXml(entry.Open(), columns.Count);
        sheet.Start(Widths(columns, sample));
        sheet.Row(columns.Select(c => (object?)c.Header).ToArray(), header: true);
        foreach (var cells in sample) sheet.Row(cells, header: false);
        sample.Clear();
        if (more)
        {
            var cells = new object?[columns.Count];
            while (enumerator.MoveNext())
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < cells.Length; i++) cells[i] = columns[i].Cell(enumerator.Current);
                sheet.Row(cells, header: false);
            }
        }
        sheet.End();
    }

    /// <summary>A small workbook in memory: <paramref name="headers"/> and the cells of each row in the same order.</summary>
    public static Task<byte[]> WriteAsync(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows,
        CancellationToken ct = default)
    {
        var columns = headers.Select((header, i) => new SpreadsheetColumn<IReadOnlyList<object?>>(header, row => row[i])).ToList();
        using var stream = new MemoryStream();
        Write(stream, rows, columns, sheetName, ct);
        return Task.FromResult(stream.ToArray());
    }

    /// <summary>Excel allows 31 characters in a sheet name and none of <c>\ / ? * [ ] :</c>.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => c is '\\' or '/' or '?' or '*' or '[' or ']' or ':' ? '_' : c).ToArray()).Trim();
        if (clean.Length == 0) clean = "Sheet1";
        return clean.Length > 31 ? clean[..31] : clean;
    }

    private static object?[] CellsOf<T>(T row, IReadOnlyList<SpreadsheetColumn<T>> columns)
    {
        var cells = new object?[columns.Count];
        for (var i = 0; i < cells.Length; i++) cells[i] = columns[i].Cell(row);
        return cells;
    }

    /// <summary>
    /// Each column's width in Excel's character units: its widest text among the header and the sampled rows, a CJK character
    /// counting two, within 8–60 (longer text stays in the cell, shown when it is opened).
    /// </summary>
    private static double[] Widths<T>(IReadOnlyList<SpreadsheetColumn<T>> columns, List<object?[]> sample)
    {
        var widths = new double[columns.Count];
        for (var i = 0; i < widths.Length; i++)
        {
            var widest = DisplayWidth(columns[i].Header) + 2; // room for the filter button
            foreach (var cells in sample) widest = Math.Max(widest, DisplayWidth(CellText(cells[i])));
            widths[i] = Math.Clamp(widest + 1, 8, 60);
        }
        return widths;
    }

    private static int DisplayWidth(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        var widest = 0;
        foreach (var line in text.Split('\n'))
        {
            var width = 0;
            foreach (var c in line) width += c >= 0x1100 ? 2 : 1;
            widest = Math.Max(widest, width);
        }
        return widest;
    }

    /// <summary>How a cell that is not a number or a yes/no is written: as text (dates as China's yyyy-MM-dd HH:mm).</summary>
    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTimeOffset at => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateTime at => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static readonly DateTimeOffset FixedTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static void Part(ZipArchive zip, string name, string xml)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = FixedTime;
        using var stream = entry.Open();
        var bytes = Encoding.UTF8.GetBytes(xml);
        stream.Write(bytes);
    }

    private const string XmlDeclaration = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""";
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    private const string ContentTypesXml = XmlDeclaration +
        """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""" +
        """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""" +
        """<Default Extension="xml" ContentType="application/xml"/>""" +
        """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""" +
        """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""" +
        """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""" +
        "</Types>";

    private const string PackageRelsXml = XmlDeclaration + "<Relationships xmlns=\"" + PackageRelationships + "\">" +
        "<Relationship Id=\"rId1\" Type=\"" + Relationships + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

    private const string WorkbookRelsXml = XmlDeclaration + "<Relationships xmlns=\"" + PackageRelationships + "\">" +
        "<Relationship Id=\"rId1\" Type=\"" + Relationships + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
        "<Relationship Id=\"rId2\" Type=\"" + Relationships + "/styles\" Target=\"styles.xml\"/></Relationships>";

    /// <summary>The workbook with its one sheet.</summary>
    private static string WorkbookXml(string sheetName) => XmlDeclaration +
        "<workbook xmlns=\"" + Main + "\" xmlns:r=\"" + Relationships + "\"><sheets><sheet name=\"" + Escape(sheetName) +
        "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

    /// <summary>Three cell formats: 0 the default, 1 the header (bold on light blue, thin border), 2 a data cell (thin border, top-aligned, wrapping at line breaks).</summary>
    private const string StylesXml = XmlDeclaration + "<styleSheet xmlns=\"" + Main + "\">" +
        "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>" +
        "<font><b/><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font></fonts>" +
        "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>" +
        "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>" +
        "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>" +
        "<border><left style=\"thin\"><color rgb=\"FFA6A6A6\"/></left><right style=\"thin\"><color rgb=\"FFA6A6A6\"/></right>" +
        "<top style=\"thin\"><color rgb=\"FFA6A6A6\"/></top><bottom style=\"thin\"><color rgb=\"FFA6A6A6\"/></bottom><diagonal/></border></borders>" +
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
        "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" +
        "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\"/></xf>" +
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf></cellXfs>" +
        "<cellStyles count=\"1\"><cellStyle name=\"常规\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>";

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    /// <summary>
    /// The sheet's XML written as UTF-8 straight into a buffer that is flushed to the zip entry when full: numbers as numbers,
    /// yes/no as booleans, everything else as an inline string, escaped for XML (characters XML 1.0 cannot carry dropped).
    /// </summary>
    private sealed class SheetXml(Stream output, int columnCount) : IDisposable
    {
        private readonly byte[] buffer = new byte[1 << 16];
        private readonly byte[][] letters = Enumerable.Range(0, columnCount).Select(i => Encoding.ASCII.GetBytes(ColumnName(i))).ToArray();
        private int used;
        private int rowNumber;

        public void Start(double[] widths)
        {
            Raw(XmlDeclaration + "<worksheet xmlns=\"" + Main + "\" xmlns:r=\"" + Relationships + "\">" +
                "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>" +
                "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>");
            for (var i = 0; i < widths.Length; i++)
                Raw($"<col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{widths[i].ToString("0.##", CultureInfo.InvariantCulture)}\" customWidth=\"1\"/>");
            Raw("</cols><sheetData>");
        }

        public void Row(object?[] cells, bool header)
        {
            rowNumber++;
            Raw("<row r=\""u8);
            Number(rowNumber);
            Raw("\">"u8);
            for (var i = 0; i < cells.Length; i++)
            {
                Raw("<c r=\""u8);
                Raw(letters[i]);
                Number(rowNumber);
                Raw(header ? "\" s=\"1\""u8 : "\" s=\"2\""u8);
                switch (cells[i])
                {
                    case null:
                        Text(""); // as an empty text, the way these exports always wrote a missing value
                        break;
                    case int n: Numeric(n); break;
                    case long n: Numeric(n); break;
                    case short n: Numeric(n); break;
                    case byte n: Numeric(n); break;
                    case decimal d: Decimal(d); break;
                    case double d when double.IsFinite(d): Double(d); break;
                    case float f when float.IsFinite(f): Double(f); break;
                    case bool b:
                        Raw(b ? " t=\"b\"><v>1</v></c>"u8 : " t=\"b\"><v>0</v></c>"u8);
                        break;
                    default:
                        Text(CellText(cells[i]) ?? "");
                        break;
                }
            }
            Raw("</row>"u8);
        }

        public void End()
        {
            Raw("</sheetData>"u8);
            Raw($"<autoFilter ref=\"A1:{ColumnName(letters.Length - 1)}{Math.Max(rowNumber, 1)}\"/>");
            Raw("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"u8);
            Flush();
        }

        public void Dispose() => output.Dispose();

        private void Numeric(long n)
        {
            Raw("><v>"u8);
            Number(n);
            Raw("</v></c>"u8);
        }

        private void Decimal(decimal d)
        {
            Raw("><v>"u8);
            Ensure(32);
            Utf8Formatter.TryFormat(d, buffer.AsSpan(used), out var written);
            used += written;
            Raw("</v></c>"u8);
        }

        private void Double(double d)
        {
            Raw("><v>"u8);
            Raw(d.ToString("R", CultureInfo.InvariantCulture));
            Raw("</v></c>"u8);
        }

        private void Number(long n)
        {
            Ensure(24);
            Utf8Formatter.TryFormat(n, buffer.AsSpan(used), out var written);
            used += written;
        }

        /// <summary>An inline string; line breaks and leading or trailing spaces kept (<c>xml:space</c>).</summary>
        private void Text(string text)
        {
            var keepSpace = text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\n'));
            Raw(keepSpace ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">"u8 : " t=\"inlineStr\"><is><t>"u8);
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                ReadOnlySpan<byte> entity;
                if (c == '&') entity = "&amp;"u8;
                else if (c == '<') entity = "&lt;"u8;
                else if (c == '>') entity = "&gt;"u8;
                else if (c < 0x20 && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF') entity = default;
                else continue;
                Chars(text.AsSpan(start, i - start));
                Raw(entity);
                start = i + 1;
            }
            Chars(text.AsSpan(start));
            Raw("</t></is></c>"u8);
        }

        private void Chars(ReadOnlySpan<char> chars)
        {
            while (chars.Length > 0)
            {
                // At most 3 bytes per UTF-16 unit; a chunk that fits in what is left of the buffer, not splitting a surrogate pair.
                var take = Math.Min(chars.Length, 4096);
                if (take < chars.Length && char.IsHighSurrogate(chars[take - 1])) take--;
                Ensure(take * 3);
                used += Encoding.UTF8.GetBytes(chars[..take], buffer.AsSpan(used));
                chars = chars[take..];
            }
        }

        private void Raw(string ascii) => Chars(ascii);

        private void Raw(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > buffer.Length - used)
            {
                Flush();
                if (bytes.Length > buffer.Length) { output.Write(bytes); return; }
            }
            bytes.CopyTo(buffer.AsSpan(used));
            used += bytes.Length;
        }

        private void Ensure(int bytes)
        {
            if (bytes > buffer.Length - used) Flush();
        }

        private void Flush()
        {
            output.Write(buffer, 0, used);
            used = 0;
        }

        private static string ColumnName(int index)
        {
            var name = "";
            for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
            return name;
        }
    }
}
