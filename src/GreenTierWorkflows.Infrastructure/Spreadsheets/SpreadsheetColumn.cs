namespace GreenTierWorkflows.Infrastructure.Spreadsheets;

/// <summary>A column of a generated workbook: its Chinese header and how a row gives its cell.</summary>
public sealed record SpreadsheetColumn<T>(string Header, Func<T, object?> Cell);
