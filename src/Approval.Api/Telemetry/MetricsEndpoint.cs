using System.Net;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.Extensions.Options;

namespace Approval.Api.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint (<c>Telemetry:Prometheus</c>), when it is on: for signed-in
/// operators, and for scrapers from <see cref="PrometheusOptions.AllowedNetworks"/> without a token.
/// Anyone else gets 401 (no user) or 403 (a user without the role), as for the Hangfire dashboard.
/// </summary>
public static class MetricsEndpoint
{
    private const string Policy = "PrometheusScrape";

    public static IEndpointRouteBuilder MapApprovalMetrics(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (!options.Enabled)
        {
            return endpoints;
        }

        var networks = options.AllowedNetworks.Select(n => IPNetwork.Parse(n)).ToArray();
        endpoints.MapPrometheusScrapingEndpoint(options.Path).RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(ApprovalSchemes.Default)
            .RequireAssertion(context =>
                context.User.IsInRole(ClerkRoles.Operator)
                || (context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } address && FromAllowed(address, networks))));
        return endpoints;
    }

    private static bool FromAllowed(IPAddress address, IPNetwork[] networks)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(n => n.Contains(plain));
    }
}
