using System.Text;

namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>
/// A <see cref="StringWriter"/> that refuses to grow past a number of characters: the write that would cross the
/// limit throws an <see cref="ExpressionException"/> instead of building a string of any size.
/// </summary>
internal sealed class BoundedStringWriter(int maxChars, string what) : StringWriter
{
    public override void Write(char value)
    {
        Reserve(1);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Reserve(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        base.Write(buffer);
    }

    public override void Write(string? value)
    {
        Reserve(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(StringBuilder? value)
    {
        Reserve(value?.Length ?? 0);
        base.Write(value);
    }

    public override Task WriteAsync(StringBuilder? value, CancellationToken cancellationToken = default)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(StringBuilder? value, CancellationToken cancellationToken = default)
    {
        Write(value);
        WriteLine();
        return Task.CompletedTask;
    }

    private void Reserve(int count)
    {
        if (maxChars > 0 && GetStringBuilder().Length + (long)count > maxChars)
            throw new ExpressionException($"{what}输出超出上限 {maxChars:N0} 个字符，已中止。");
    }
}
