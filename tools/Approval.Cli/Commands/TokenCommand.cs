using System.CommandLine;
using System.Globalization;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.Extensions.Configuration;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval token</c>: mints a bearer token for the Approval API and prints only the token on
/// stdout, so that <c>TOKEN=$(approval token …)</c> works; notes go to stderr.
/// </summary>
/// <remarks>
/// Settings come, later winning, from <c>appsettings.json</c>, <c>appsettings.{environment}.json</c>
/// (in <c>--config</c>, default <c>./src/Approval.Api</c>), environment variables
/// (<c>Authentication__Jwt__SigningKey</c> …), then <c>--key</c>. With no key anywhere the
/// development key is used, which the API accepts only in its Development environment.
/// Bad arguments (an unknown role, the reserved <c>system</c> role, a department-clerk without a
/// department, a bad lifetime) exit 2; an unusable key or configuration exits 1.
/// </remarks>
internal static class TokenCommand
{
    private const string DefaultConfigDirectory = "src/Approval.Api";

    /// <summary>Exit code for bad arguments, as for every command.</summary>
    internal const int BadArguments = 2;

    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "User id (the 'sub' claim), e.g. alice.", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = $"Role, repeatable: {string.Join(", ", ClerkRoles.Assignable)}.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var department = new Option<string?>("--department") { Description = "Department id, e.g. market-regulation (required for department-clerk)." };
        var name = new Option<string?>("--name") { Description = "Display name, e.g. 张三 (defaults to the user id)." };
        var lifetime = new Option<string?>("--lifetime") { Description = "Lifetime: 8h, 30m, 2d, 90s or hh:mm:ss (default Authentication:Jwt:TokenLifetime, 8h)." };
        var key = new Option<string?>("--key") { Description = "Signing key (raw, or base64:…); overrides configuration." };
        var config = new Option<string?>("--config") { Description = $"appsettings file, or a directory holding appsettings*.json (default ./{DefaultConfigDirectory})." };
        var environment = new Option<string>("--environment")
        {
            Description = "Which appsettings.{environment}.json to layer on top.",
            DefaultValueFactory = _ => "Development",
        };

        var command = new Command("token", "Mint a bearer token for the Approval API (prints only the token).");
        foreach (var option in new Option[] { user, roles, department, name, lifetime, key, config, environment })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;

            var roleList = parse.GetValue(roles) ?? [];
            if (roleList.Contains(ClerkRoles.System, StringComparer.Ordinal))
            {
                error.WriteLine($"error: the role '{ClerkRoles.System}' belongs to the service's deadline engine and is never held by a token; " +
                    $"valid roles: {string.Join(", ", ClerkRoles.Assignable)}.");
                return BadArguments;
            }

            var unknown = roleList.Where(r => !ClerkRoles.IsAssignable(r)).ToArray();
            if (unknown.Length > 0)
            {
                error.WriteLine($"error: unknown role(s) {string.Join(", ", unknown)}; valid roles: {string.Join(", ", ClerkRoles.Assignable)}.");
                return BadArguments;
            }

            var departmentId = parse.GetValue(department);
            if (roleList.Contains(ClerkRoles.DepartmentClerk) && string.IsNullOrWhiteSpace(departmentId))
            {
                error.WriteLine("error: a department-clerk needs --department (the department whose tasks they act on).");
                return BadArguments;
            }

            TimeSpan? duration = null;
            if (parse.GetValue(lifetime) is { } lifetimeText)
            {
                if (!TryParseLifetime(lifetimeText, out var parsed))
                {
                    error.WriteLine($"error: --lifetime '{lifetimeText}' is not a positive duration such as 8h, 30m, 2d, 90s or 01:30:00.");
                    return BadArguments;
                }

                duration = parsed;
            }

            if (!TryLoadOptions(parse.GetValue(config), parse.GetValue(environment)!, error, out var options))
            {
                return 1;
            }

            if (parse.GetValue(key) is { Length: > 0 } explicitKey)
            {
                options.SigningKey = explicitKey;
            }

            if (string.IsNullOrWhiteSpace(options.SigningKey))
            {
                error.WriteLine("note: no signing key configured; using the development key, which the API accepts only in Development.");
            }
            else if (!JwtOptions.TryDecodeKey(options.SigningKey, out _, out var keyError))
            {
                error.WriteLine($"error: {keyError}");
                return 1;
            }

            Clerk clerk;
            try
            {
                clerk = new Clerk(parse.GetValue(user)!, parse.GetValue(name), roleList, string.IsNullOrWhiteSpace(departmentId) ? null : departmentId);
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return BadArguments;
            }

            output.WriteLine(new TokenIssuer(options).Issue(clerk, duration));
            return 0;
        });
        return command;
    }

    private static bool TryLoadOptions(string? configPath, string environment, TextWriter error, out JwtOptions options)
    {
        var builder = new ConfigurationBuilder();
        if (configPath is not null && File.Exists(configPath))
        {
            builder.AddJsonFile(Path.GetFullPath(configPath), optional: false);
        }
        else
        {
            var directory = configPath ?? DefaultConfigDirectory;
            if (Directory.Exists(directory))
            {
                var full = Path.GetFullPath(directory);
                builder.AddJsonFile(Path.Combine(full, "appsettings.json"), optional: true)
                    .AddJsonFile(Path.Combine(full, $"appsettings.{environment}.json"), optional: true);
            }
            else if (configPath is not null)
            {
                error.WriteLine($"error: --config '{configPath}' is neither a file nor a directory.");
                options = new JwtOptions();
                return false;
            }
        }

        builder.AddEnvironmentVariables();
        try
        {
            options = builder.Build().GetSection(JwtOptions.SectionName).Get<JwtOptions>() ?? new JwtOptions();
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException)
        {
            error.WriteLine($"error: cannot read {JwtOptions.SectionName}: {ex.Message}");
            options = new JwtOptions();
            return false;
        }
    }

    /// <summary>8h, 30m, 2d, 90s, or a TimeSpan (hh:mm:ss); positive only.</summary>
    internal static bool TryParseLifetime(string text, out TimeSpan lifetime)
    {
        lifetime = default;
        text = text.Trim();
        if (text.Length >= 2 && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            lifetime = char.ToLowerInvariant(text[^1]) switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                's' => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.Zero,
            };
        }
        else if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            lifetime = span;
        }

        return lifetime > TimeSpan.Zero;
    }
}
