using System.Collections.Immutable;
using QaIngest.Text;

namespace QaIngest.Parse;

/// <summary>
/// Splits the text of a written question into a <see cref="WrittenQuestion"/>: header, subject,
/// preamble, numbered questions with their lettered parts, answer header, answer preamble,
/// numbered answers paired with their questions, annexes and references. Pure and thread-safe.
/// </summary>
public static partial class QuestionParser
{
    /// <summary>
    /// The version of this stage's output for the same input: bump it when a change should make a
    /// pipeline redo the stage (and the stages after it) for every document, from the stored raw files.
    /// </summary>
    public const int StageVersion = 2;

    private const int MaxTitleLength = 300;
    private const int MaxTitleLines = 30;
    private const int MaxWrappedTitleLines = 5;

    /// <summary>A line at least this long was wrapped by the layout, not ended by its writer.</summary>
    private const int FullLineLength = 60;
    private const int MaxNumberingGap = 3;

    /// <summary>
    /// Parses extracted text. Never throws for bad input: text that is not a document (empty,
    /// binary) is a failed result with a one-line reason; a document with structural problems
    /// (gaps, missing answers) parses with warnings.
    /// </summary>
    public static ParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reason = TextSanity.Check(text);
        if (reason is not null)
        {
            return ParseResult.Fail(reason);
        }

        var lines = LineReader.Read(text);
        return ParseResult.Ok(new DocumentReader(lines).Read());
    }

    /// <summary>The state of one parse: the lines and what has been found so far.</summary>
    private sealed class DocumentReader(ImmutableArray<SourceLine> lines)
    {
        private readonly List<ParseWarning> warnings = [];

        public WrittenQuestion Read()
        {
            var pos = 0;
            QuestionHeader? header = null;
            if (HeaderReader.IsQuestionHeader(lines[0].Text))
            {
                (header, pos) = HeaderReader.ReadQuestionHeader(lines, 0);
            }

            // An answer-only document opens with the minister's block and the answer header: no subject.
            var answerOnly = header is null && FindAnswerMarker(0, Math.Min(lines.Length, MaxTitleLines)) is var first and > 0
                             && HeaderReader.MinisterBlockStart(lines, first, 0) == 0;
            var (title, bodyStart) = answerOnly ? (null, pos) : ReadTitle(pos);
            var (annexes, trailerStart) = ReadTrailer(bodyStart);
            var marker = FindAnswerMarker(bodyStart, trailerStart);
            var annexHeading = marker >= 0 ? FindAnnexHeading(marker + 1, trailerStart) : -1;
            var annexText = annexHeading >= 0 ? RenderRange(annexHeading + 1, trailerStart) : null;
            if (annexHeading >= 0)
            {
                // BIJLAGE text after the last answer is the annex's, not part of that answer.
                trailerStart = annexHeading;
            }

            // A second answer header (AANVULLEND ANTWOORD after the first answer) starts the supplementary answer.
            var second = marker >= 0 ? FindAnswerMarker(marker + 1, trailerStart) : -1;
            var documentEnd = trailerStart;
            if (second >= 0)
            {
                trailerStart = HeaderReader.MinisterBlockStart(lines, second, marker + 1);
            }

            AnswerHeader? answerHeader = null;
            int questionsEnd, answersStart;
            var questionStarts = new List<ItemStart>();
            var answerStarts = new List<ItemStart>();
            if (marker >= 0)
            {
                questionsEnd = HeaderReader.MinisterBlockStart(lines, marker, bodyStart);
                (answerHeader, answersStart) = HeaderReader.ReadAnswerHeader(lines, marker);
                ScanItems(bodyStart, questionsEnd, questionStarts, stopAtRestart: false);
                ScanItems(answersStart, trailerStart, answerStarts, stopAtRestart: false);
            }
            else
            {
                var restart = ScanItems(bodyStart, trailerStart, questionStarts, stopAtRestart: true);
                if (restart >= 0)
                {
                    questionsEnd = FindAnswerPreambleStart(questionStarts[^1].Line + 1, restart);
                    answersStart = questionsEnd;
                    ScanItems(restart, trailerStart, answerStarts, stopAtRestart: false);
                }
                else
                {
                    questionsEnd = trailerStart;
                    answersStart = trailerStart;
                }
            }

            var preambleEnd = questionStarts.Count > 0 ? questionStarts[0].Line : questionsEnd;
            var answerPreambleEnd = answerStarts.Count > 0 ? answerStarts[0].Line : trailerStart;
            var questions = BuildQuestions(questionStarts, questionsEnd);
            var answers = BuildAnswers(answerStarts, trailerStart, questions);
            var preamble = RenderRange(bodyStart, preambleEnd);
            var answerPreamble = RenderRange(answersStart, answerPreambleEnd);

            var deferral = answers.Length == 0 && IsDeferral(answerPreamble);
            if (questions.Length == 0 && marker >= 0 && preamble is not null)
            {
                // An unnumbered question is question 1; its lettered asks (a, b, c …) are its parts.
                if (answers.Length == 0 && !deferral)
                {
                    warnings.Add(new ParseWarning("unnumbered", "no numbered questions or answers; read as one question and one answer"));
                }

                var (lead, parts) = PartSplitter.Split(BlockBuilder.Build(lines[bodyStart..preambleEnd]), PartSplitter.IsSequence);
                questions = parts.Length > 1 ? [new QuestionItem(1, lead, parts)] : [new QuestionItem(1, preamble, [])];
                preamble = null;
            }
            else if (questions.Length == 0 && answers.Length == 0 && marker >= 0 && !deferral)
            {
                warnings.Add(new ParseWarning("unnumbered", "no numbered questions or answers; read as one question and one answer"));
            }

            var singleBlock = false;
            if (answers.Length == 0 && answerPreamble is not null && !deferral)
            {
                // One unnumbered answer block answers every question at once: it is one item that covers them all.
                var blocks = BlockBuilder.Build(lines[answersStart..trailerStart]);
                var (lead, parts) = PartSplitter.Split(blocks, _ => false);
                var answer = new AnswerItem(1, lead, parts)
                {
                    Question = questions.Length > 0 ? questions[0].Number : null,
                    Covers = [.. questions.Select(q => q.Number)],
                };
                answers = [WithReferences(answer)];
                answerPreamble = null;
                singleBlock = true;
            }

            var supplementaryAnswers = second >= 0 ? ReadSupplementaryAnswers(second, documentEnd, questions) : [];
            var answerKind = deferral ? AnswerKind.Deferral
                : singleBlock ? AnswerKind.SingleBlock
                : answers.Length > 0 ? AnswerKind.Numbered
                : AnswerKind.None;
            CheckStructure(questions, answers, marker >= 0 || answersStart < trailerStart);

            // An answer-only document names its minister in the block above the answer header.
            var answerMinister = answerOnly && marker >= 0
                ? HeaderReader.MinisterWithoutAan([.. lines[HeaderReader.MinisterBlockStart(lines, marker, 0)..marker].Select(l => l.Text)])
                : (null, null);
            var question = new WrittenQuestion
            {
                // Without a question header, the answer header still says which question this is.
                Number = header?.Number ?? answerHeader?.Number,
                Date = header?.Date ?? answerHeader?.Date,
                Asker = header?.Asker ?? answerHeader?.Asker,
                Minister = header?.Minister ?? answerMinister.Minister,
                MinisterTitle = header is not null ? header.MinisterTitle : answerMinister.Title,
                Title = title,
                Preamble = preamble,
                Questions = questions,
                AnswerHeader = answerHeader,
                AnswerPreamble = answerPreamble,
                Answers = answers,
                AnswerKind = answerKind,
                SupplementaryAnswers = supplementaryAnswers,
                SupplementaryAnswer = second >= 0 || (marker >= 0 && HeaderReader.IsSupplementaryMarker(lines[marker].Text)),
                Annexes = annexes,
                AnnexText = annexText,
            };
            return AddReferences(question);
        }

        /// <summary>
        /// The subject line: the first short paragraph after the header when a blank line ends it;
        /// otherwise (extractors that drop blank lines run the subject into the preamble) the first
        /// line and the lines that wrap it (see <see cref="WrapsTitle"/>).
        /// </summary>
        private (string? Title, int Next) ReadTitle(int pos)
        {
            if (pos >= lines.Length || LineShape.Item(lines[pos].Text) is not null || HeaderReader.IsAnswerMarker(lines[pos].Text))
            {
                return (null, pos);
            }

            var end = pos + 1;
            while (end < lines.Length && end - pos < MaxTitleLines && lines[end].BlankLinesBefore == 0
                   && !LineShape.EndsSentence(lines[end - 1].Text) && LineShape.Item(lines[end].Text) is null
                   && !HeaderReader.IsAnswerMarker(lines[end].Text))
            {
                end++;
            }

            if (end >= lines.Length || lines[end].BlankLinesBefore > 0)
            {
                var paragraph = LineJoiner.Join(lines[pos..end]);
                if (!LooksLikeProse(paragraph))
                {
                    return (paragraph, end);
                }
            }

            var taken = pos + 1;
            while (taken < lines.Length && taken - pos < MaxWrappedTitleLines && WrapsTitle(pos, taken))
            {
                taken++;
            }

            var title = LineJoiner.Join(lines[pos..taken]);
            return LooksLikeProse(title) ? (null, pos) : (title, taken);
        }

        /// <summary>
        /// True when line <paramref name="next"/> continues the subject that starts at <paramref name="start"/>:
        /// the line before ends in a hyphen or leaves a quote open, or the line starts lower case, with a
        /// bracket or a digit ("(actiepunt 7)", "2021"), or it is a short unfinished line after a full one
        /// ("… stations van de" + "NMBS"). A capitalised full line after the subject is the preamble.
        /// </summary>
        private bool WrapsTitle(int start, int next)
        {
            var line = lines[next];
            var text = line.Text;
            var previous = lines[next - 1].Text;
            if (line.BlankLinesBefore > 0 || LineShape.Item(text) is not null || HeaderReader.IsAnswerMarker(text)
                || LineShape.IsBullet(text) || LineShape.Part(text) is not null
                || (LineShape.EndsSentence(previous) && !previous.EndsWith(".)", StringComparison.Ordinal)))
            {
                return false;
            }

            var soFar = LineJoiner.Join(lines[start..next]);
            var openQuote = soFar.Count(c => c == '‘') > soFar.Count(c => c == '’') || soFar.Count(c => c == '“') > soFar.Count(c => c == '”');
            if (previous.EndsWith('-') || openQuote || char.IsLower(text[0]) || text[0] == '(' || char.IsAsciiDigit(text[0]))
            {
                return true;
            }

            var after = next + 1 < lines.Length ? lines[next + 1].Text : null;
            return previous.Length >= FullLineLength && text.Length <= FullLineLength && !LineShape.EndsSentence(text)
                   && (after is null || !char.IsLower(after[0]));
        }

        /// <summary>An unnumbered answer that only says another minister's coordinated answer will follow.</summary>
        private static bool IsDeferral(string? answer) =>
            answer is not null && answer.Length < 700 && DeferralPattern().IsMatch(answer);

        // No subject line ends with a period (none of the 1,823 real ones does): one that does ran into the preamble.
        private static bool LooksLikeProse(string title) => title.Length > MaxTitleLength || title.EndsWith('.');


        /// <summary>
        /// The annexes at the very end: parliament permalinks on lines of their own, each with the
        /// short title line right before it when there is one.
        /// </summary>
        private (ImmutableArray<Annex> Annexes, int Start) ReadTrailer(int floor)
        {
            var annexes = new List<Annex>();
            var i = lines.Length - 1;
            while (i >= floor)
            {
                var url = TrailerUrl(lines[i].Text);
                if (url is null)
                {
                    if (annexes.Count > 0 && AnnexHeading(lines[i].Text))
                    {
                        i--;
                        continue;
                    }

                    break;
                }

                string? title = null;
                if (i - 1 >= floor && IsAnnexTitle(i - 1, floor))
                {
                    title = lines[i - 1].Text;
                    i--;
                }

                annexes.Insert(0, new Annex(title, ReferenceFinder.LinkId(url), url));
                i--;
            }

            return ([.. annexes], i + 1);
        }

        private static string? TrailerUrl(string line)
        {
            var bare = line.Trim('(', ')', '<', '>', ' ');
            if (bare.Contains(' ', StringComparison.Ordinal))
            {
                return null;
            }

            var urls = ReferenceFinder.Urls(bare).ToList();
            return urls.Count == 1 && ReferenceFinder.IsParliamentDocumentUrl(urls[0]) ? urls[0] : null;
        }

        private static bool AnnexHeading(string line) =>
            line.TrimEnd(':').Equals("Bijlage", StringComparison.OrdinalIgnoreCase)
            || line.TrimEnd(':').Equals("Bijlagen", StringComparison.OrdinalIgnoreCase);

        private bool IsAnnexTitle(int j, int floor)
        {
            var text = lines[j].Text;
            if (text.Length > 150 || text.Split(' ').Length > 15 || text[^1] is '.' or ',' or ';' or ':' or '?'
                || TrailerUrl(text) is not null || LineShape.Item(text) is not null || LineShape.IsBullet(text))
            {
                return false;
            }

            // The title starts its own line group: a page start, a blank line, or after a finished sentence.
            var previous = j - 1 >= floor ? lines[j - 1].Text : null;
            return lines[j].Indented || lines[j].BlankLinesBefore > 0 || previous is null
                   || LineShape.EndsSentence(previous) || previous.EndsWith(')') || TrailerUrl(previous) is not null;
        }

        /// <summary>A <c>BIJLAGE</c>, <c>BIJLAGEN</c> or <c>Bijlage(n):</c> line alone, after the answer header; -1 when none.</summary>
        private int FindAnnexHeading(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var text = lines[i].Text;
                if (text.Length <= 10 && (text.TrimEnd(':', ' ') is "BIJLAGE" or "BIJLAGEN" || text is "Bijlage:" or "Bijlagen:"))
                {
                    return i;
                }
            }

            return -1;
        }

        private int FindAnswerMarker(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (HeaderReader.IsAnswerMarker(lines[i].Text))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Finds the numbered item starts in [from, to) that follow the numbering (1, 2, 3, …, with
        /// small gaps tolerated). With <paramref name="stopAtRestart"/>, a "1." after the numbering
        /// has started ends the scan: that is where the answers begin. Returns the restart line or -1.
        /// </summary>
        private int ScanItems(int from, int to, List<ItemStart> found, bool stopAtRestart)
        {
            var last = 0;
            var lastLabel = 0;
            var combined = false;
            var labelled = new List<int>();
            for (var i = from; i < to; i++)
            {
                if (LineShape.Item(lines[i].Text) is not { } item)
                {
                    continue;
                }

                var n = item.Number;
                var expected = n == last + 1 || (combined && n == lastLabel + 1 && !labelled.Contains(n));
                if (item.Loose ? !expected || !CanStartItem(i, from) : !CanStartItem(i, from) && !(expected && ContinuesNumbering(i, to, item)))
                {
                    continue;
                }

                if (last > 0 && n == 1 && stopAtRestart)
                {
                    return i;
                }

                // After a combined label, labels go on from the last label's number, not from the last
                // number covered: "1+4-7." then "2-3.", "1+(8)+9." then "2+(8)+10." … "8.", "9-15.".
                var next = n > last && n <= last + MaxNumberingGap && (last > 0 || n == 1 || n <= MaxNumberingGap);
                var afterCombined = combined && n > lastLabel && n <= last + MaxNumberingGap && !labelled.Contains(n);
                if (next || afterCombined)
                {
                    found.Add(new ItemStart(i, n, item.Remainder, item.Covers));
                    labelled.Add(n);
                    combined |= item.Covers.Length > 1;
                    lastLabel = n;
                    last = Math.Max(last, item.Last);
                }
            }

            return -1;
        }

        /// <summary>
        /// A number that starts a line starts an item only where a new paragraph can start: after a
        /// blank line, a page start, a finished sentence or an upper-case header line. "tabblad" + "4."
        /// in text that an extractor broke one word per line is not item 4.
        /// </summary>
        private bool CanStartItem(int i, int regionStart)
        {
            if (i == regionStart || lines[i].BlankLinesBefore > 0 || lines[i].Indented)
            {
                return true;
            }

            var previous = lines[i - 1].Text;
            return LineShape.EndsSentence(previous) || previous.EndsWith(')') || DisplayCase.IsUpper(previous);
        }

        /// <summary>
        /// The next number of the numbering, followed on its line by a capitalised text or a part
        /// label, starts an item even after a line that does not end a sentence: extractors that
        /// drop blank lines put it right after a table row or a list line without a period. A
        /// reference word before it ("tabblad", "vraag") keeps it in the sentence.
        /// </summary>
        private bool ContinuesNumbering(int i, int to, ItemLabel item)
        {
            // A label alone on its line ("4." before a table or "a)"): the next line says whether it opens an item.
            // A label alone may also head a table whose first row is its years ("2." + "2014 2015 2016").
            var alone = item.Remainder.Length == 0;
            var rest = !alone ? item.Remainder : i + 1 < to ? lines[i + 1].Text : "";
            if (rest.Length == 0 || !(char.IsUpper(rest[0]) || rest[0] is '‘' or '“' or '"' || LineShape.Part(rest) is not null || LineShape.IsPartLabel(rest)
                                      || (alone && char.IsAsciiDigit(rest[0]))))
            {
                return false;
            }

            var previous = lines[i - 1].Text;
            var lastWord = previous[(previous.LastIndexOf(' ') + 1)..].ToLowerInvariant();
            return lastWord is not ("tabblad" or "bijlage" or "vraag" or "vragen" or "antwoord" or "punt" or "nr" or "nr." or "artikel" or "art." or "en" or "of" or "tot" or "van" or "op" or "in" or "de" or "het" or "pagina" or "blz." or "p.");
        }

        /// <summary>
        /// Without an ANTWOORD block, the answer may open with a preamble ("Vooreerst …") between the
        /// last question and the restart of the numbering. It starts at an opening phrase, or at a page
        /// start right after a question mark, and contains no further questions.
        /// </summary>
        private int FindAnswerPreambleStart(int from, int restart)
        {
            for (var i = from; i < restart; i++)
            {
                var line = lines[i];
                var previous = lines[i - 1].Text;
                if (!LineShape.EndsSentence(previous) || !char.IsUpper(line.Text[0])
                    || LineShape.Part(line.Text) is not null || LineShape.IsBullet(line.Text))
                {
                    continue;
                }

                var pageStart = line.Indented || line.AfterPageBreak;
                var opens = AnswerOpening(line.Text) || (pageStart && previous.EndsWith('?'));
                if (opens && !Enumerable.Range(i, restart - i).Any(k => lines[k].Text.EndsWith('?')))
                {
                    return i;
                }
            }

            return restart;
        }

        private static bool AnswerOpening(string text) =>
            new[] { "Vooreerst", "Noot vooraf", "Vooraf", "Ter inleiding", "Inleidend", "Algemeen", "In antwoord op", "Ik verwijs", "Graag verwijs", "Bij wijze van inleiding", "Allereerst" }
                .Any(p => text.StartsWith(p, StringComparison.Ordinal));

        private ImmutableArray<QuestionItem> BuildQuestions(List<ItemStart> starts, int end)
        {
            var result = ImmutableArray.CreateBuilder<QuestionItem>(starts.Count);
            for (var k = 0; k < starts.Count; k++)
            {
                var blocks = ItemBlocks(starts, k, end);
                var (lead, parts) = PartSplitter.Split(blocks, labels => PartSplitter.IsSequence(labels));
                result.Add(new QuestionItem(starts[k].Number, lead, parts));
            }

            return result.ToImmutable();
        }

        private ImmutableArray<AnswerItem> BuildAnswers(List<ItemStart> starts, int end, ImmutableArray<QuestionItem> questions)
        {
            var result = ImmutableArray.CreateBuilder<AnswerItem>(starts.Count);
            for (var k = 0; k < starts.Count; k++)
            {
                var number = starts[k].Number;
                var covers = starts[k].Covers;
                var question = questions.FirstOrDefault(q => covers.Contains(q.Number));
                var questionLabels = question?.Parts.Select(p => p.Label).ToHashSet() ?? [];
                var blocks = ItemBlocks(starts, k, end);

                // Lettered lists inside an answer are parts only where they answer lettered question parts.
                var (lead, parts) = PartSplitter.Split(blocks, labels =>
                    questionLabels.Count > 0 && labels.All(questionLabels.Contains) && PartSplitter.IsIncreasing(labels));
                result.Add(WithReferences(new AnswerItem(number, lead, parts) { Question = question?.Number, Covers = covers }));
            }

            return result.ToImmutable();
        }

        /// <summary>The numbered items (or the one block) of a supplementary answer that follows the first answer.</summary>
        private ImmutableArray<AnswerItem> ReadSupplementaryAnswers(int marker, int end, ImmutableArray<QuestionItem> questions)
        {
            var (_, start) = HeaderReader.ReadAnswerHeader(lines, marker);
            var starts = new List<ItemStart>();
            ScanItems(start, end, starts, stopAtRestart: false);
            if (starts.Count > 0)
            {
                return BuildAnswers(starts, end, questions);
            }

            if (start >= end)
            {
                return [];
            }

            var (lead, parts) = PartSplitter.Split(BlockBuilder.Build(lines[start..end]), _ => false);
            return [WithReferences(new AnswerItem(1, lead, parts) { Question = questions.Length > 0 ? questions[0].Number : null, Covers = [.. questions.Select(q => q.Number)] })];
        }

        private static AnswerItem WithReferences(AnswerItem answer)
        {
            var full = answer.FullText;
            return answer with
            {
                SeeAnswer = ReferenceFinder.SeeAnswer(full),
                AnnexReferences = ReferenceFinder.AnnexReferences(full),
            };
        }

        private ImmutableArray<Block> ItemBlocks(List<ItemStart> starts, int k, int end)
        {
            var stop = k + 1 < starts.Count ? starts[k + 1].Line : end;
            return BlockBuilder.Build(lines[starts[k].Line..stop], starts[k].Rest);
        }

        private string? RenderRange(int from, int to)
        {
            if (from >= to)
            {
                return null;
            }

            var text = BlockBuilder.Render(BlockBuilder.Build(lines[from..to]));
            return text.Length == 0 ? null : text;
        }

        private void CheckStructure(ImmutableArray<QuestionItem> questions, ImmutableArray<AnswerItem> answers, bool hasAnswerPart)
        {
            if (questions.Length == 0)
            {
                warnings.Add(new ParseWarning("no-questions", "no numbered questions found"));
            }

            if (!hasAnswerPart)
            {
                warnings.Add(new ParseWarning("no-answer", "no answer part found (no ANTWOORD block and no restart of the numbering)"));
            }

            ReportGaps("question", questions.Select(q => q.Number));
            var answered = new SortedSet<int>();
            foreach (var answer in answers)
            {
                if (answer.Covers.IsDefaultOrEmpty)
                {
                    answered.Add(answer.Number);
                }
                else
                {
                    answered.UnionWith(answer.Covers);
                }
            }

            ReportGaps("answer", answered);
            var covered = answered.Count;
            if (hasAnswerPart && answers.Length > 0 && questions.Length > 0 && covered != questions.Length)
            {
                warnings.Add(new ParseWarning("count-mismatch", $"{questions.Length} questions but answers to {covered}"));
            }

            foreach (var answer in answers.Where(a => a.Question is null && questions.Length > 0))
            {
                warnings.Add(new ParseWarning("unpaired-answer", $"answer {answer.Number} has no question {answer.Number}"));
            }
        }

        private void ReportGaps(string what, IEnumerable<int> numbers)
        {
            var expected = 1;
            foreach (var n in numbers)
            {
                if (n != expected)
                {
                    warnings.Add(new ParseWarning("numbering-gap", $"{what} numbering jumps from {expected - 1} to {n}"));
                }

                expected = n + 1;
            }
        }

        /// <summary>URLs, link ids, cross-references and addressed ministers, over the text in document order.</summary>
        private WrittenQuestion AddReferences(WrittenQuestion q)
        {
            var located = new List<(string Text, TextLocation Location)>();
            void Add(string? text, TextLocation location)
            {
                if (!string.IsNullOrEmpty(text))
                {
                    located.Add((text, location));
                }
            }

            Add(q.Title, new TextLocation(Section.Title));
            Add(q.Preamble, new TextLocation(Section.Preamble));
            foreach (var item in q.Questions)
            {
                Add(item.FullText, new TextLocation(Section.Question, item.Number));
            }

            Add(q.AnswerPreamble, new TextLocation(Section.AnswerPreamble));
            foreach (var item in q.Answers)
            {
                Add(item.FullText, new TextLocation(Section.Answer, item.Number));
            }

            foreach (var item in q.SupplementaryAnswers)
            {
                Add(item.FullText, new TextLocation(Section.Answer, item.Number));
            }

            Add(q.AnnexText, new TextLocation(Section.Annexes));
            var urls = located.SelectMany(l => ReferenceFinder.Urls(l.Text)).Concat(q.Annexes.Select(a => a.Url))
                .Distinct(StringComparer.Ordinal).ToImmutableArray();
            return q with
            {
                Urls = urls,
                LinkIds = [.. urls.Select(ReferenceFinder.LinkId).OfType<int>().Distinct()],
                CrossReferences = [.. located.SelectMany(l => ReferenceFinder.CrossReferences(l.Text, l.Location))],
                Ministers = ReferenceFinder.Ministers(string.Join('\n', located.Select(l => l.Text))),
                Warnings = [.. warnings],
            };
        }
    }

    /// <summary>Where a numbered item starts: its line, its number, the rest of that line and the numbers its label names.</summary>
    private readonly record struct ItemStart(int Line, int Number, string Rest, ImmutableArray<int> Covers);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:gecoördineerd|gecoordineerd|gezamenlijk|gemeenschappelijk)e?\s+antwoord\s+(?:zal|wordt)\b|\bzal\s+(?:worden\s+)?beantwoord\s+worden\s+door\b|\bwordt\s+beantwoord\s+door\b|\bbehoort\s+tot\s+de\s+(?:bevoegdheid|bevoegdheden)\s+van\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DeferralPattern();
}
