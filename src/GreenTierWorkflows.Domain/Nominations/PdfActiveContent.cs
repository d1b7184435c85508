using System.IO.Compression;
using System.Text;

namespace GreenTierWorkflows.Domain.Nominations;

/// <summary>
/// Finds what makes a PDF more than a document: scripts (<c>/JavaScript</c>, <c>/JS</c>, e.g. in an <c>/OpenAction</c> or
/// <c>/AA</c>), program launches (<c>/Launch</c>) and embedded files (<c>/EmbeddedFile</c>, <c>/EmbeddedFiles</c>), plus
/// <c>/RichMedia</c> (embedded Flash/video players). Name tokens are read with their <c>#xx</c> escapes decoded (so
/// <c>/J#61vaScript</c> counts), in the raw bytes and in every stream that inflates as zlib (FlateDecode; object streams
/// hold dictionaries in compressed form). Not seen: streams under other filters (LZW, ASCII85/ASCIIHex, or chained before
/// Flate), dictionaries in encrypted PDFs' object streams, and anything the reader would repair from a broken file.
/// </summary>
public static class PdfActiveContent
{
    /// <summary>At most this many bytes are inflated per file (a zip bomb stops the scan there).</summary>
    public const int MaxInflatedBytes = 64 * 1024 * 1024;

    private static readonly string[] Refused = ["JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia"];
    private static readonly byte[] StreamKeyword = "stream"u8.ToArray();

    /// <summary>The first refused name found (e.g. <c>/JavaScript</c>), or null when the PDF has none.</summary>
    public static string? Find(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ReadOnlySpan<byte> pdf = bytes;
        if (FindName(pdf) is { } raw) return raw;
        var budget = MaxInflatedBytes;
        for (var at = pdf.IndexOf(StreamKeyword); at >= 0 && budget > 0;)
        {
            var start = StreamStart(pdf, at);
            if (start > 0 && Inflate(bytes, start, ref budget) is { } inflated && FindName(inflated) is { } packed) return packed;
            var next = pdf[(at + StreamKeyword.Length)..].IndexOf(StreamKeyword);
            at = next < 0 ? -1 : at + StreamKeyword.Length + next;
        }
        return null;
    }

    /// <summary>Where the data of a stream begins (after <c>stream</c> and its end of line), or -1 for <c>endstream</c> or a word inside data.</summary>
    private static int StreamStart(ReadOnlySpan<byte> pdf, int keyword)
    {
        if (keyword >= 3 && pdf.Slice(keyword - 3, 3).SequenceEqual("end"u8)) return -1;
        var i = keyword + StreamKeyword.Length;
        if (i < pdf.Length && pdf[i] == '\r') i++;
        return i < pdf.Length && pdf[i] == '\n' ? i + 1 : -1;
    }

    private static byte[]? Inflate(byte[] bytes, int start, ref int budget)
    {
        // zlib: CMF 0x78 (deflate, 32 KiB window) and a header checksum; anything else is not FlateDecode data.
        if (start + 2 > bytes.Length || bytes[start] != 0x78 || ((bytes[start] << 8) | bytes[start + 1]) % 31 != 0) return null;
        using var zlib = new ZLibStream(new MemoryStream(bytes, start, bytes.Length - start, writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while (budget > 0 && (read = zlib.Read(buffer, 0, Math.Min(buffer.Length, budget))) > 0)
            {
                output.Write(buffer, 0, read);
                budget -= read;
            }
        }
        catch (InvalidDataException)
        {
            // corrupt or truncated data: scan what was inflated before the error
        }
        return output.ToArray();
    }

    /// <summary>The first refused name token in <paramref name="data"/>, decoding <c>#xx</c> escapes.</summary>
    private static string? FindName(ReadOnlySpan<byte> data)
    {
        var name = new StringBuilder();
        for (var i = data.IndexOf((byte)'/'); i >= 0 && i < data.Length;)
        {
            name.Clear();
            var j = i + 1;
            for (; j < data.Length && !IsDelimiter(data[j]) && name.Length <= 16; j++)
            {
                if (data[j] == '#' && j + 2 < data.Length && IsHex(data[j + 1]) && IsHex(data[j + 2]))
                {
                    name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(data.Slice(j + 1, 2)), 16));
                    j += 2;
                }
                else name.Append((char)data[j]);
            }
            if (name.Length <= 16 && Array.IndexOf(Refused, name.ToString()) >= 0) return "/" + name;
            var next = data[(i + 1)..].IndexOf((byte)'/');
            i = next < 0 ? -1 : i + 1 + next;
        }
        return null;
    }

    private static bool IsDelimiter(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or 0
        or (byte)'/' or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'%';

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
