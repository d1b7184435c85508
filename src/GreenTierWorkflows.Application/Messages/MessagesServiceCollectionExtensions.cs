using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Messages;

public static class MessagesServiceCollectionExtensions
{
    /// <summary>消息中心: <see cref="MessageCentre"/> (the official's own messages, unread count, open = read, read all).</summary>
    public static IServiceCollection AddMessages(this IServiceCollection services) => services.AddScoped<MessageCentre>();
}
