using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Windows;

public static class WindowServiceCollectionExtensions
{
    /// <summary>申报窗口: <see cref="WindowService"/> (list, create, change; audited).</summary>
    public static IServiceCollection AddWindows(this IServiceCollection services) => services.AddScoped<WindowService>();
}
