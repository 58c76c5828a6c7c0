using Approval.Engine.Applicants;

namespace Approval.Engine.Tests.Applicants;

public class ApplicantTests
{
    [Test]
    public void A_person_is_created_with_a_normalised_id_and_trimmed_fields()
    {
        var ok = Applicant.TryCreate(ApplicantKind.Person, "11010519491231002x", "  张三 ", " 138 0013 8000 ", out var applicant, out var errors);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True);
            Assert.That(errors, Is.Empty);
            Assert.That(applicant, Is.Not.Null);
            Assert.That(applicant!.Kind, Is.EqualTo(ApplicantKind.Person));
            Assert.That(applicant.Id, Is.EqualTo("11010519491231002X"));
            Assert.That(applicant.Name, Is.EqualTo("张三"));
            Assert.That(applicant.Phone, Is.EqualTo("138 0013 8000"));
        });
    }

    [Test]
    public void An_organisation_is_created_without_a_phone()
    {
        var ok = Applicant.TryCreate(ApplicantKind.Organisation, "91350100M000100Y43", "福州某某餐饮有限公司", out var applicant, out var errors);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, string.Join("; ", errors));
            Assert.That(applicant!.Id, Is.EqualTo("91350100M000100Y43"));
            Assert.That(applicant.Phone, Is.Null);
        });
    }

    [TestCase("+86 591-8888 8888")]
    [TestCase("0591-88888888-12")]
    [TestCase("12345")]
    [TestCase("(0591) 8888 8888")]
    [TestCase("   ")]
    public void Common_phone_spellings_are_accepted(string phone)
    {
        Assert.That(Applicant.TryCreate(ApplicantKind.Person, "11010519491231002X", "张三", phone, out _, out var errors), Is.True, string.Join("; ", errors));
    }

    [Test]
    public void Every_problem_is_reported_at_once_by_field()
    {
        var ok = Applicant.TryCreate(ApplicantKind.Person, "110105194912310029", " ", "138-abc", out var applicant, out var errors);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(applicant, Is.Null);
            Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "id", "name", "phone" }));
            Assert.That(errors[0].Message, Is.EqualTo("Check character expected X got 9."));
            Assert.That(errors[2].Message, Does.Contain("position 5"));
        });
    }

    [Test]
    public void The_identifier_must_match_the_kind()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Applicant.TryCreate(ApplicantKind.Person, "91350100M000100Y43", "张三", out _, out var personErrors), Is.False);
            Assert.That(personErrors.Single().Field, Is.EqualTo("id"));
            Assert.That(Applicant.TryCreate(ApplicantKind.Organisation, "11010519491231002X", "某公司", out _, out var orgErrors), Is.False);
            Assert.That(orgErrors.Single().Field, Is.EqualTo("id"));
        });
    }

    [Test]
    public void An_unknown_kind_is_reported()
    {
        Assert.That(Applicant.TryCreate((ApplicantKind)7, "11010519491231002X", "张三", out _, out var errors), Is.False);
        Assert.That(errors.Single().Field, Is.EqualTo("kind"));
    }

    [TestCase("1234", "5 to 20 digits; got 4")]
    [TestCase("123456789012345678901", "5 to 20 digits; got 21")]
    [TestCase("138+0013", "position 4")]
    public void Implausible_phones_are_refused(string phone, string expected)
    {
        Assert.That(Applicant.TryCreate(ApplicantKind.Person, "11010519491231002X", "张三", phone, out _, out var errors), Is.False);
        Assert.That(errors.Single(), Is.EqualTo(("phone", errors.Single().Message)));
        Assert.That(errors.Single().Message, Does.Contain(expected));
    }

    [Test]
    public void Names_are_bounded_and_free_of_control_characters()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Applicant.TryCreate(ApplicantKind.Person, "11010519491231002X", new string('张', Applicant.MaxNameLength + 1), out _, out var tooLong), Is.False);
            Assert.That(tooLong.Single().Field, Is.EqualTo("name"));
            Assert.That(Applicant.TryCreate(ApplicantKind.Person, "11010519491231002X", "张\n三", out _, out var control), Is.False);
            Assert.That(control.Single().Field, Is.EqualTo("name"));
            Assert.That(Applicant.TryCreate(ApplicantKind.Person, "11010519491231002X", "阿依古丽·买买提", out _, out _), Is.True, "the middle dot of minority names is fine");
        });
    }

    [Test]
    public void Applicants_compare_by_value()
    {
        Applicant.TryCreate(ApplicantKind.Person, "11010519491231002x", "张三", out var a, out _);
        Applicant.TryCreate(ApplicantKind.Person, "11010519491231002X", "张三 ", out var b, out _);

        Assert.That(a, Is.EqualTo(b));
    }
}
