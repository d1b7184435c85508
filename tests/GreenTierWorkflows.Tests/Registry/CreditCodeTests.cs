using GreenTierWorkflows.Domain.Registry;

namespace GreenTierWorkflows.Tests.Registry;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91110108551385082Q")]
    [InlineData("91350100M000100Y43")]
    public void Check_IsValid_WhenKnownGoodVector(string code)
    {
        var check = CreditCode.Check(code);
        Assert.True(check.IsValid, check.Error);
        Assert.Equal(code, check.Normalized);
        Assert.Null(check.Error);
    }

    [Fact]
    public void Check_NamesExpectedCheckCharacter_WhenCheckCharacterWrong()
    {
        var check = CreditCode.Check("91350100M000100Y4A");
        Assert.False(check.IsValid);
        Assert.Contains("校验位", check.Error);
        Assert.Contains("应为 3", check.Error);
    }

    [Theory]
    [InlineData("９１１１０１０８５５１３８５０８２Ｑ")]
    [InlineData("  91110108551385082Q  ")]
    [InlineData("9111 0108 5513 8508 2Q")]
    [InlineData("911101-08551385-082Q")]
    [InlineData("91110108551385082q")]
    [InlineData("９１１１０１０８－５５１３８５０８２ｑ")]
    [InlineData("9111\u30000108551385082Q")]
    public void Check_NormalisesBeforeChecking_WhenWrittenLoosely(string raw)
    {
        Assert.Equal("91110108551385082Q", CreditCode.Normalize(raw));
        var check = CreditCode.Check(raw);
        Assert.True(check.IsValid, check.Error);
        Assert.Equal("91110108551385082Q", check.Normalized);
    }

    [Theory]
    [InlineData("91110108551385082")]
    [InlineData("91110108551385082QQ")]
    [InlineData("9111010855")]
    public void Check_ReportsLength_WhenNot18Characters(string raw)
    {
        var check = CreditCode.Check(raw);
        Assert.False(check.IsValid);
        Assert.Contains("18 位", check.Error);
        Assert.Contains($"{raw.Length} 位", check.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Check_AsksForCode_WhenEmpty(string? raw)
    {
        var check = CreditCode.Check(raw);
        Assert.False(check.IsValid);
        Assert.Equal("请填写统一社会信用代码。", check.Error);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void Check_RejectsForbiddenLetter_WhenCodeContainsIt(char letter)
    {
        var code = "91350100M000100Y4" + letter;
        var check = CreditCode.Check(code);
        Assert.False(check.IsValid);
        Assert.Contains("不允许的字符", check.Error);
        var inOrganisationCode = "91350100M0" + letter + "0100Y43";
        Assert.Contains("不允许的字符", CreditCode.Check(inOrganisationCode).Error);
    }

    [Fact]
    public void Check_RejectsLetters_WhenInRegionCode()
    {
        var check = CreditCode.Check("9135A100M000100Y43");
        Assert.False(check.IsValid);
        Assert.Contains("行政区划", check.Error);
    }

    [Theory]
    [InlineData("91110108551385082", 'Q')]
    [InlineData("91350100M000100Y4", '3')]
    public void CheckCharacter_MatchesVector_WhenGivenFirst17(string first17, char expected) =>
        Assert.Equal(expected, CreditCode.CheckCharacter(first17));

    [Fact]
    public void Check_WarnsOnly_WhenOrganisationCodeFailsGb11714()
    {
        // Build a code whose mod-31 check is right but whose organisation-code check digit is off by one.
        var organisation = "MA2T0001";
        var right = CreditCode.OrganisationCheckCharacter(organisation);
        var wrong = right == '1' ? '2' : '1';
        var first17 = "91341021" + organisation + wrong;
        var check = CreditCode.Check(first17 + CreditCode.CheckCharacter(first17));
        Assert.True(check.IsValid);
        Assert.Contains("GB 11714", check.Warning);

        var good = "91341021" + organisation + right;
        Assert.Null(CreditCode.Check(good + CreditCode.CheckCharacter(good)).Warning);
    }
}
