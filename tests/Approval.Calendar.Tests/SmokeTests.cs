using Approval.Calendar;

namespace Approval.Calendar.Tests;

public class TimeLimitTests
{
    [Test]
    public void A_negative_limit_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimit.OfWorkingDays(-1));
}
