using Approval.Api.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Api.Credit;

/// <summary>Registers the configured dishonesty list (失信名单) and the follow-up options.</summary>
public static class CreditServiceCollectionExtensions
{
    public static IServiceCollection AddApprovalCredit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CreditOptions>().Bind(configuration.GetSection(CreditOptions.Section))
            .Validate(o => CreditSources.All.Contains(o.Source, StringComparer.Ordinal), $"{CreditOptions.Section}:Source must be one of {string.Join(", ", CreditSources.All)}.")
            .Validate(o => o.Source != CreditSources.File || !string.IsNullOrWhiteSpace(o.File), $"{CreditOptions.Section}:File is required when Source is file.")
            .Validate(o => o.Source != CreditSources.Http || Uri.TryCreate(o.Url, UriKind.Absolute, out _), $"{CreditOptions.Section}:Url must be an absolute URL when Source is http.")
            .Validate(o => o.Timeout > TimeSpan.Zero, $"{CreditOptions.Section}:Timeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<FollowUpOptions>().Bind(configuration.GetSection(FollowUpOptions.Section))
            .Validate(o => o.RectificationWorkingDays >= 1, $"{FollowUpOptions.Section}:RectificationWorkingDays must be at least 1.")
            .ValidateOnStart();
        services.AddHttpClient(HttpDishonestyList.HttpClientName);
        services.AddSingleton<IDishonestyList>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CreditOptions>>().Value;
            return options.Source switch
            {
                CreditSources.File => new FileDishonestyList(PathResolver.Resolve(options.File!), sp.GetRequiredService<ILogger<FileDishonestyList>>()),
                CreditSources.Http => ActivatorUtilities.CreateInstance<HttpDishonestyList>(sp),
                _ => new NoDishonestyList(),
            };
        });
        services.AddSingleton<IntakeCredit>();
        return services;
    }
}
