namespace GreenTierWorkflows.Infrastructure.Notifications;

/// <summary>E-mail notices: where the templates are, who sends, which SMTP server, how failures are retried (section <c>Notices</c>).</summary>
public sealed class NoticeOptions
{
    public const string Section = "Notices";

    /// <summary>Scriban templates; a relative path is looked up from the working directory upwards, then from the app's base directory upwards.</summary>
    public string TemplatesDirectory { get; set; } = "templates";
    public string FromAddress { get; set; } = "noreply@greentier.local";
    public string FromName { get; set; } = "黄山市经信局绿色制造";
    /// <summary>Base address of the web app; fills <c>app_url</c> when a model has none.</summary>
    public string AppUrl { get; set; } = "http://localhost:5000";
    public SmtpOptions Smtp { get; set; } = new();
    /// <summary>Failed sends before a notice becomes <c>DeadLetter</c>.</summary>
    public int MaxAttempts { get; set; } = 6;
    /// <summary>Retry delay after the first failure; doubles with each further failure.</summary>
    public int RetryBaseSeconds { get; set; } = 30;
    /// <summary>How often <see cref="NoticeDeliveryService"/> sends due notices; 0 disables it.</summary>
    public int PollSeconds { get; set; } = 5;
    /// <summary>
    /// Longest a dispatch round keeps sending: it takes batches of due notices until none are left or this many seconds have
    /// passed, and leaves the rest due for the next round. Below the 10 s of the recurring job (<c>Scheduling:NoticeDeliveryCron</c>)
    /// so a round ends before the next one is due; must be greater than 0.
    /// </summary>
    public int RoundBudgetSeconds { get; set; } = 8;
    /// <summary>Iteration limit for loops in templates.</summary>
    public int LoopLimit { get; set; } = 1000;
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public bool UseStartTls { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 30;
}
