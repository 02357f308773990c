using QaIngest.Text;

namespace QaIngest.Tests.Text;

public class LineReaderTests
{
    [Fact]
    public void Read_BlankRunsAndFormFeeds_BecomeCountsNotLines()
    {
        var lines = LineReader.Read("een\n\n\n\ntwee\fdrie\r\n vier  \n");

        Assert.Equal(["een", "twee", "drie", "vier"], lines.Select(l => l.Text));
        Assert.Equal([0, 3, 2, 0], lines.Select(l => l.BlankLinesBefore));
        Assert.True(lines[1].AfterPageBreak);
        Assert.True(lines[3].Indented);
        Assert.True(lines[3].TrailingSpace);
    }

    [Fact]
    public void Collapse_SpacesAndNoBreakSpaces_BecomeOneSpace()
    {
        Assert.Equal("VDAB - Bereik", LineReader.Collapse("  VDAB \u00A0-\t Bereik  "));
    }
}
