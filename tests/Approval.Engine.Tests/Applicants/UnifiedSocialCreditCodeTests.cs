using Approval.Engine.Applicants;
using FsCheck;
using FsCheck.Fluent;

namespace Approval.Engine.Tests.Applicants;

public class UnifiedSocialCreditCodeTests
{
    private const string Example = "91350100M000100Y43";

    [Test]
    public void The_standard_example_parses_into_its_parts()
    {
        var ok = UnifiedSocialCreditCode.TryParse(Example, out var code, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(error, Is.Null);
            Assert.That(code.Value, Is.EqualTo(Example));
            Assert.That(code.RegistrationAuthority, Is.EqualTo('9'));
            Assert.That(code.OrganisationType, Is.EqualTo('1'));
            Assert.That(code.DivisionCode, Is.EqualTo("350100"));
            Assert.That(code.OrganisationCode, Is.EqualTo("M000100Y4"));
            Assert.That(code.CheckCharacter, Is.EqualTo('3'));
        });
    }

    [TestCase("91350100m000100y43")]
    [TestCase(" 91350100M000100Y43\t")]
    [TestCase("９１３５０１００Ｍ０００１００Ｙ４３")]
    public void Lower_case_full_width_and_surrounding_space_are_normalised(string input)
    {
        Assert.That(UnifiedSocialCreditCode.Parse(input).Value, Is.EqualTo(Example));
    }

    [TestCase(null, "required")]
    [TestCase("", "required")]
    [TestCase("91350100M000100Y4", "18 characters; got 17")]
    [TestCase("91350100M000100Y433", "18 characters; got 19")]
    [TestCase("91350100M0001O0Y43", "position 14 is not allowed; got 'O'")]
    [TestCase("I1350100M000100Y43", "position 1 is not allowed; got 'I'")]
    [TestCase("913501Z0M000100Y43", "position 7 must be a digit (division code); got 'Z'")]
    [TestCase("91350100M000100Y44", "Check character expected 3 got 4")]
    [TestCase("91350100M000100Y4S", "position 18 is not allowed; got 'S'")]
    public void Invalid_codes_say_what_is_wrong(string? input, string expected)
    {
        var ok = UnifiedSocialCreditCode.TryParse(input, out var code, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(code.IsEmpty, Is.True);
            Assert.That(error, Does.Contain(expected));
        });
    }

    [Test]
    public void Parse_throws_FormatException_carrying_the_message()
    {
        var ex = Assert.Throws<FormatException>(() => UnifiedSocialCreditCode.Parse("91350100M000100Y44"));
        Assert.That(ex!.Message, Is.EqualTo("Check character expected 3 got 4."));
    }

    [Test]
    public void A_check_value_of_zero_is_written_as_0()
    {
        // (31 − 0) mod 31 = 0: the outer "mod 31" of the formula matters for an all-zero body.
        Assert.That(UnifiedSocialCreditCode.ComputeCheckCharacter("00000000000000000"), Is.EqualTo('0'));
    }

    [Test]
    public void ComputeCheckCharacter_refuses_a_wrong_body()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.ComputeCheckCharacter("91350100M000100Y"));
            Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.ComputeCheckCharacter("91350100M000100YI"));
        });
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property A_computed_check_char_round_trips() =>
        Prop.ForAll(IdentifierGenerators.CreditCodeBody.ToArbitrary(), body =>
        {
            var code = body + UnifiedSocialCreditCode.ComputeCheckCharacter(body);
            var ok = UnifiedSocialCreditCode.TryParse(code, out var parsed, out var error);
            return (ok && error is null && parsed.Value == code
                    && UnifiedSocialCreditCode.Parse(code.ToLowerInvariant()) == parsed)
                .Label($"{code}: {error}");
        });

    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public Property Every_single_character_corruption_of_a_valid_code_is_rejected() =>
        Prop.ForAll(IdentifierGenerators.Corrupted(IdentifierGenerators.ValidCreditCode).ToArbitrary(), t =>
            (!UnifiedSocialCreditCode.TryParse(t.Corrupted, out _, out var error) && !string.IsNullOrEmpty(error))
                .Label($"{t.Original} → {t.Corrupted} (position {t.Position}) was accepted"));

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public Property Every_swap_of_adjacent_characters_is_rejected() =>
        Prop.ForAll(IdentifierGenerators.AdjacentSwap(IdentifierGenerators.ValidCreditCode).ToArbitrary(), t =>
            (!UnifiedSocialCreditCode.TryParse(t.Swapped, out _, out _))
                .Label($"{t.Original} → {t.Swapped} was accepted"));

    [Test]
    public void Every_single_character_corruption_of_the_example_is_rejected_exhaustively()
    {
        var accepted = new List<string>();
        for (var position = 0; position < Example.Length; position++)
        {
            for (var c = (char)0x20; c <= 0x7E; c++)
            {
                if (IdentifierGenerators.SameAfterNormalisation(c, Example[position]))
                {
                    continue;
                }

                var corrupted = string.Concat(Example.AsSpan(0, position), c.ToString(), Example.AsSpan(position + 1));
                if (UnifiedSocialCreditCode.TryParse(corrupted, out _, out _))
                {
                    accepted.Add(corrupted);
                }
            }
        }

        Assert.That(accepted, Is.Empty);
    }
}
