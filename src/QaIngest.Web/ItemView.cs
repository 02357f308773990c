using System.Collections.Immutable;
using QaIngest.Search;

namespace QaIngest.Web;

/// <summary>A preamble, question or answer of a document, with the number of the question an answer answers and its figures.</summary>
public sealed record ItemView(string Section, int? Number, int? Question, string Text, ImmutableArray<HitFigure> Figures);
