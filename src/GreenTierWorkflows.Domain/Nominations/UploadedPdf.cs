namespace GreenTierWorkflows.Domain.Nominations;

/// <summary>The check every uploaded PDF passes (materials, decision files, stamped scans): a .pdf name, a PDF header and no active content.</summary>
public static class UploadedPdf
{
    /// <summary>Why the file is refused (a Chinese message for the field <c>file</c>), or null when it is a plain PDF.</summary>
    public static string? Refusal(string fileName, byte[] bytes)
    {
        if (!fileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || bytes.Length < 5 || bytes[0] != '%' || bytes[1] != 'P' || bytes[2] != 'D' || bytes[3] != 'F')
            return "只接受 PDF 文件（盖章扫描件）。";
        if (PdfActiveContent.Find(bytes) is { } active)
            return $"PDF 含有脚本、启动程序或嵌入文件（{active}），出于安全原因不予接收。请打印为普通 PDF（或重新扫描）后再上传。";
        return null;
    }
}
