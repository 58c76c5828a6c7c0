using Approval.Engine.Applicants;
using FsCheck;
using FsCheck.Fluent;

namespace Approval.Engine.Tests.Applicants;

public class ResidentIdNumberTests
{
    private const string Example = "11010519491231002X";

    [Test]
    public void The_standard_example_parses_into_its_parts()
    {
        var ok = ResidentIdNumber.TryParse(Example, out var id, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(error, Is.Null);
            Assert.That(id.Value, Is.EqualTo(Example));
            Assert.That(id.AddressCode, Is.EqualTo("110105"));
            Assert.That(id.BirthDate, Is.EqualTo(new DateOnly(1949, 12, 31)));
            Assert.That(id.SequenceCode, Is.EqualTo(2));
            Assert.That(id.IsMale, Is.False);
            Assert.That(id.CheckCharacter, Is.EqualTo('X'));
            Assert.That(id.ToString(), Is.EqualTo(Example));
        });
    }

    [TestCase("11010519491231002x")]
    [TestCase("  11010519491231002X ")]
    [TestCase("１１０１０５１９４９１２３１００２Ｘ")]
    [TestCase("\u300011010519491231002ｘ")]
    public void Lower_case_x_full_width_and_surrounding_space_are_normalised(string input)
    {
        Assert.That(ResidentIdNumber.Parse(input).Value, Is.EqualTo(Example));
    }

    [TestCase(null, "required")]
    [TestCase("", "required")]
    [TestCase("   ", "required")]
    [TestCase("11010519491231002", "18 characters; got 17")]
    [TestCase("11010519491231002X1", "18 characters; got 19")]
    [TestCase("1101A519491231002X", "position 5 must be a digit; got 'A'")]
    [TestCase("110105194912310 2X", "position 16 must be a digit; got U+0020")]
    [TestCase("110105194912310029", "Check character expected X got 9")]
    [TestCase("11010519491231002Y", "position 18 must be a digit or X; got 'Y'")]
    [TestCase("110105194913310028", "Invalid birth date 19491331")]
    [TestCase("110105190002290020", "Invalid birth date 19000229")]
    [TestCase("110105170001010020", "Invalid birth date 17000101")]
    [TestCase("110105194912320020", "Invalid birth date 19491232")]
    public void Invalid_numbers_say_what_is_wrong(string? input, string expected)
    {
        var ok = ResidentIdNumber.TryParse(input, out var id, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(id.IsEmpty, Is.True);
            Assert.That(error, Does.Contain(expected));
        });
    }

    [Test]
    public void A_leap_day_is_a_real_birth_date()
    {
        const string body = "11010520000229001";
        var number = body + ResidentIdNumber.ComputeCheckCharacter(body);

        Assert.That(ResidentIdNumber.Parse(number).BirthDate, Is.EqualTo(new DateOnly(2000, 2, 29)));
    }

    [Test]
    public void A_birth_date_after_the_given_day_is_refused()
    {
        const string body = "11010520300101001";
        var number = body + ResidentIdNumber.ComputeCheckCharacter(body);

        Assert.Multiple(() =>
        {
            Assert.That(ResidentIdNumber.TryParse(number, out _, out _), Is.True, "without a reference day only the calendar is checked");
            Assert.That(ResidentIdNumber.TryParse(number, new DateOnly(2026, 11, 22), out _, out var error), Is.False);
            Assert.That(error, Does.Contain("is in the future"));
            Assert.That(ResidentIdNumber.TryParse(number, new DateOnly(2030, 1, 1), out _, out _), Is.True, "born today is not the future");
        });
    }

    [Test]
    public void Parse_throws_FormatException_carrying_the_message()
    {
        var ex = Assert.Throws<FormatException>(() => ResidentIdNumber.Parse("110105194912310029"));
        Assert.That(ex!.Message, Is.EqualTo("Check character expected X got 9."));
    }

    [Test]
    public void Equality_is_by_normalised_value()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ResidentIdNumber.Parse(Example), Is.EqualTo(ResidentIdNumber.Parse("11010519491231002x")));
            Assert.That(ResidentIdNumber.Parse(Example) == ResidentIdNumber.Parse(" 11010519491231002X"), Is.True);
            Assert.That(default(ResidentIdNumber).Value, Is.Empty);
            Assert.That(default(ResidentIdNumber), Is.Not.EqualTo(ResidentIdNumber.Parse(Example)));
        });
    }

    [Test]
    public void ComputeCheckCharacter_refuses_a_wrong_body()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => ResidentIdNumber.ComputeCheckCharacter("1101051949123100"));
            Assert.Throws<ArgumentException>(() => ResidentIdNumber.ComputeCheckCharacter("1101051949123100A"));
        });
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property A_computed_check_char_round_trips() =>
        Prop.ForAll(IdentifierGenerators.ResidentIdBody.ToArbitrary(), body =>
        {
            var number = body + ResidentIdNumber.ComputeCheckCharacter(body);
            var ok = ResidentIdNumber.TryParse(number, out var id, out var error);
            return (ok && error is null && id.Value == number && ResidentIdNumber.Parse(id.ToString()) == id
                    && id.CheckCharacter == number[17])
                .Label($"{number}: {error}");
        });

    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public Property Every_single_character_corruption_of_a_valid_number_is_rejected() =>
        Prop.ForAll(IdentifierGenerators.Corrupted(IdentifierGenerators.ValidResidentId).ToArbitrary(), t =>
            (!ResidentIdNumber.TryParse(t.Corrupted, out _, out var error) && !string.IsNullOrEmpty(error))
                .Label($"{t.Original} → {t.Corrupted} (position {t.Position}) was accepted"));

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public Property Every_swap_of_adjacent_characters_is_rejected() =>
        Prop.ForAll(IdentifierGenerators.AdjacentSwap(IdentifierGenerators.ValidResidentId).ToArbitrary(), t =>
            (!ResidentIdNumber.TryParse(t.Swapped, out _, out _))
                .Label($"{t.Original} → {t.Swapped} was accepted"));

    [Test]
    public void Every_single_character_corruption_of_the_example_is_rejected_exhaustively()
    {
        // The property samples; for the published example every position × every printable
        // ASCII character is cheap enough to try outright.
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
                if (ResidentIdNumber.TryParse(corrupted, out _, out _))
                {
                    accepted.Add(corrupted);
                }
            }
        }

        Assert.That(accepted, Is.Empty);
    }
}
