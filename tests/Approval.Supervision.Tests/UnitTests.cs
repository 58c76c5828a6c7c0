using Approval.Supervision.Channels;
using Approval.Supervision.Outbox;

namespace Approval.Supervision.Tests;

public class RetryPolicyTests
{
    private static readonly RetryOptions Options = new() { InitialDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromMinutes(1), MaxAge = TimeSpan.FromHours(1) };

    [Test]
    public void Delays_double_from_the_initial_delay_up_to_the_maximum_with_half_of_each_random()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RetryPolicy.Delay(Options, 1, 0), Is.EqualTo(TimeSpan.FromSeconds(2.5)));
            Assert.That(RetryPolicy.Delay(Options, 1, 1), Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(RetryPolicy.Delay(Options, 3, 1), Is.EqualTo(TimeSpan.FromSeconds(20)));
            Assert.That(RetryPolicy.Delay(Options, 50, 1), Is.EqualTo(TimeSpan.FromMinutes(1)), "capped");
            Assert.That(RetryPolicy.Delay(Options, 50, 0), Is.EqualTo(TimeSpan.FromSeconds(30)), "never less than half");
        });
    }

    [Test]
    public void A_message_expires_at_its_max_age()
    {
        var t0 = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(RetryPolicy.IsExpired(Options, t0, t0.AddMinutes(59)), Is.False);
            Assert.That(RetryPolicy.IsExpired(Options, t0, t0.AddHours(1)), Is.True);
        });
    }
}

public class WebhookSignatureTests
{
    [Test]
    public void The_signature_is_the_hex_HMAC_SHA256_of_timestamp_dot_body()
    {
        // Independently computed: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
        var signature = WebhookSignature.Sign("key", 1_700_000_000, "{\"a\":1}");
        Assert.Multiple(() =>
        {
            Assert.That(signature, Is.EqualTo("sha256=a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03"));
            Assert.That(WebhookSignature.Verify("key", "1700000000", "{\"a\":1}", signature), Is.True);
            Assert.That(WebhookSignature.Verify("key", "1700000001", "{\"a\":1}", signature), Is.False, "timestamp is signed");
            Assert.That(WebhookSignature.Verify("key", "1700000000", "{\"a\":2}", signature), Is.False, "body is signed");
            Assert.That(WebhookSignature.Verify("key", "not-a-number", "{\"a\":1}", signature), Is.False);
        });
    }
}
