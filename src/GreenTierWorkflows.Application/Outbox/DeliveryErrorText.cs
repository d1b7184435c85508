namespace GreenTierWorkflows.Application.Outbox;

/// <summary>
/// The last delivery error of a notice as an administrator reads it: what the mail server's (usually English) message
/// means, in Chinese, with the original kept for the technician.
/// </summary>
public static class DeliveryErrorText
{
    private static readonly (string[] Signs, string Meaning)[] Known =
    [
        (["Connection refused", "actively refused"], "邮件服务器拒绝连接：请检查 Notices:Smtp 的地址和端口，以及邮件服务是否在运行"),
        (["timed out", "timeout"], "连接邮件服务器超时：请检查网络和防火墙"),
        (["No such host", "Name or service not known", "nodename nor servname"], "找不到邮件服务器：主机名无法解析"),
        (["Authentication", "535"], "邮件服务器认证失败：请检查发信账号和密码"),
        (["Mailbox unavailable", "550", "mailbox", "recipient"], "收件地址被邮件服务器拒收：请核对收件人的邮箱"),
        (["SSL", "TLS", "certificate"], "与邮件服务器建立加密连接失败：请检查 StartTLS 设置和证书"),
    ];

    /// <summary>The Chinese meaning of <paramref name="raw"/> followed by the original, or the original alone when it is not recognised.</summary>
    public static string? Describe(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        foreach (var (signs, meaning) in Known)
            if (signs.Any(s => raw.Contains(s, StringComparison.OrdinalIgnoreCase))) return $"{meaning}（原始错误：{raw}）";
        return $"发送失败：{raw}";
    }
}
