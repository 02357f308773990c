namespace QaIngest.Figures;

/// <summary>
/// The Dutch words the figure grammar knows. Lookups take spans so scanning does not allocate.
/// Word lists are closed on purpose: a word missing here makes the grammar report less, never more.
/// </summary>
internal static class FigureLexicon
{
    public static readonly WordSet PercentWords = new("procent", "percent", "pct");
    public static readonly WordSet PercentPointWords = new("procentpunt", "procentpunten", "percentpunt", "percentpunten", "procentpunt", "pp");

    public static readonly WordSet EuroWords = new("euro", "euro's", "euros", "eur");
    public static readonly WordSet DollarWords = new("dollar", "dollars", "usd");
    public static readonly WordSet PoundWords = new("gbp");

    /// <summary>Words after which a bare number is a label, not a quantity ("nr. 264", "bijlage 1", "artikel 5").</summary>
    public static readonly WordSet IdentifierWords = new(
        "nr", "nrs", "nummer", "nummers", "no", "art", "artt", "artikel", "artikels", "artikelen", "lid", "leden",
        "bijlage", "bijlagen", "tabblad", "tabbladen", "blad", "vraag", "vragen", "deelvraag", "antwoord", "antwoorden",
        "deelantwoord", "punt", "punten", "hoofdstuk", "paragraaf", "afdeling", "titel", "boek", "blz", "p", "pp", "pagina",
        "paginas", "pagina's", "tabel", "figuur", "grafiek", "kolom", "rij", "regel", "lijn", "id", "code", "versie", "fase",
        "stap", "niveau", "oproep", "oproepen", "project", "projecten", "dossier", "dossiers", "zaak", "rolnummer", "decreet",
        "wet", "richtlijn", "verordening", "agendapunt", "stuk", "stukken", "nota", "week", "kwartaal", "semester",
        "zitting", "ronde", "golf", "fiche", "maatregel", "actie", "doelstelling",
        "postcode", "bus", "huisnummer", "kamer", "spoor", "route", "categorie", "type", "klasse", "groep",
        "zone", "graad", "leerjaar", "werkpakket", "programma", "prioriteit", "as", "module", "modules",
        "amendement", "amendementen", "resolutie", "besluit", "omzendbrief", "cao", "kb", "mb", "bvr", "bs");

    /// <summary>Words after which even a year-like number is a label ("nr. 2021", "artikel 1999"), so it is not a year either.</summary>
    public static readonly WordSet NumberLabels = new(
        "nr", "nrs", "nummer", "nummers", "no", "art", "artt", "artikel", "artikels", "artikelen", "blz", "p", "pagina", "bijlage",
        "tabblad", "vraag", "antwoord", "punt", "id", "code", "lid", "stuk");

    /// <summary>Units of time: "2 jaar", "24 maanden" are spans, not counts.</summary>
    public static readonly WordSet TimeWords = new(
        "jaar", "jaren", "jaartje", "maand", "maanden", "week", "weken", "dag", "dagen", "werkdag", "werkdagen",
        "kalenderdag", "kalenderdagen", "uur", "uren", "u", "minuut", "minuten", "min", "seconde", "seconden", "sec",
        "eeuw", "eeuwen", "kwartaal", "kwartalen", "semester", "semesters", "trimester", "trimesters", "decennium",
        "decennia", "jaarlijks", "maandelijks", "wekelijks", "dagelijks", "jarigen", "jarige", "nacht", "nachten",
        "weekend", "weekends", "schooljaar", "schooljaren", "werkjaar", "kalenderjaar", "kalenderjaren", "levensjaar");

    /// <summary>Units of measure: a number with one of these is a measurement, not a count.</summary>
    public static readonly WordSet MeasureWords = new(
        "km", "m", "cm", "mm", "m²", "m2", "m3", "m³", "km²", "km2", "ha", "hectare", "are", "kg", "g", "gram", "kilo", "ton",
        "liter", "l", "cl", "ml", "kilometer", "kilometers", "meter", "meters", "centimeter", "graden", "graad", "°",
        "mw", "kw", "kwh", "mwh", "gwh", "twh", "gw", "w", "watt", "volt", "bar", "db", "decibel", "fte", "vte",
        "keer", "maal", "x");

    public static readonly WordSet MonthWords = new(
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
        "december", "jan", "feb", "febr", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec");

    /// <summary>
    /// Words that cannot be the noun a count counts: articles, pronouns, prepositions, conjunctions,
    /// adverbs and the common verbs that follow a number ("17 in 2021", "59 werden").
    /// </summary>
    public static readonly WordSet NotCountedNouns = new(
        "de", "het", "een", "der", "des", "den", "dit", "dat", "deze", "die", "die", "wie", "wat", "welke", "waar",
        "en", "of", "maar", "want", "dus", "noch", "zowel", "als", "dan", "toch", "ook", "nog", "al", "reeds", "wel",
        "niet", "geen", "meer", "minder", "meest", "minst", "zo", "zeer", "heel", "erg", "te", "er", "hier", "daar",
        "in", "op", "aan", "van", "voor", "na", "naar", "met", "zonder", "bij", "door", "over", "onder", "boven", "tot",
        "tegen", "tussen", "uit", "om", "rond", "per", "à", "vanaf", "sinds", "tijdens", "binnen", "buiten", "achter",
        "volgens", "inzake", "omtrent", "via", "ter", "ten", "zoals", "waarvan", "waaronder", "waarbij", "daarvan",
        "ik", "jij", "je", "u", "hij", "zij", "ze", "wij", "we", "jullie", "hen", "hun", "hem", "haar", "mij", "me", "ons",
        "onze", "uw", "zijn", "is", "was", "waren", "wordt", "worden", "werd", "werden", "zal", "zullen", "zou", "zouden",
        "kan", "kunnen", "kon", "konden", "moet", "moeten", "mag", "mogen", "heeft", "hebben", "had", "hadden", "wil",
        "willen", "gaat", "gaan", "ging", "gingen", "komt", "komen", "kwam", "kwamen", "bedraagt", "bedroeg", "bedragen",
        "staat", "staan", "stond", "stonden", "blijft", "blijven", "telt", "tellen", "telde", "bereikt", "bereikte",
        "gestart", "opgestart", "ingeschreven", "betaald", "uitbetaald", "toegekend", "goedgekeurd", "verdeeld",
        "respectievelijk", "resp", "elk", "elke", "ieder", "iedere", "alle", "allemaal", "samen", "totaal",
        "anderen", "enz",
        "enzovoort", "etc", "i", "ii", "iii", "bis", "ter", "quater", "a", "b", "c", "d", "e", "f", "g", "h");

    /// <summary>Words that mark a sentence as being about money, so a bare "6 miljoen" in it is an amount.</summary>
    public static readonly WordSet MoneyContextWords = new(
        "budget", "budgetten", "bedrag", "bedragen", "bedraagt", "bedroeg", "kost", "kosten", "kostte", "kostprijs",
        "subsidie", "subsidies", "middelen", "financiering", "financieringen", "investering", "investeringen",
        "investeert", "investeerde", "geïnvesteerd", "uitgaven", "uitgegeven", "uitgetrokken", "ontvangsten",
        "inkomsten", "dotatie", "dotaties", "toelage", "toelagen", "premie", "premies", "vergoeding", "vergoedingen",
        "besparing", "besparingen", "bespaard", "omzet", "loon", "lonen", "winst", "tekort", "schuld", "schulden",
        "krediet", "kredieten", "betaald", "betaling", "betalingen", "uitbetaald", "gefinancierd", "cofinanciering",
        "enveloppe", "vastleggingskrediet", "vereffeningskrediet", "begroting", "begrotingen", "werkingsmiddelen");

    /// <summary>Written numbers up to the common cases; larger ones are written in digits.</summary>
    public static readonly Dictionary<string, decimal> WrittenNumbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["een"] = 1, ["één"] = 1, ["eén"] = 1, ["twee"] = 2, ["drie"] = 3, ["vier"] = 4, ["vijf"] = 5, ["zes"] = 6,
        ["zeven"] = 7, ["acht"] = 8, ["negen"] = 9, ["tien"] = 10, ["elf"] = 11, ["twaalf"] = 12, ["dertien"] = 13,
        ["veertien"] = 14, ["vijftien"] = 15, ["zestien"] = 16, ["zeventien"] = 17, ["achttien"] = 18,
        ["negentien"] = 19, ["twintig"] = 20, ["dertig"] = 30, ["veertig"] = 40, ["vijftig"] = 50, ["zestig"] = 60,
        ["zeventig"] = 70, ["tachtig"] = 80, ["negentig"] = 90, ["honderd"] = 100, ["anderhalf"] = 1.5m,
        ["half"] = 0.5m, ["kwart"] = 0.25m,
    };

    /// <summary>Scale words and their factors; abbreviations may carry a period ("mio.").</summary>
    public static readonly Dictionary<string, decimal> ScaleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["duizend"] = 1_000m, ["miljoen"] = 1_000_000m, ["mio"] = 1_000_000m, ["mln"] = 1_000_000m,
        ["miljard"] = 1_000_000_000m, ["mld"] = 1_000_000_000m, ["mia"] = 1_000_000_000m, ["biljoen"] = 1_000_000_000_000m,
    };

    public static readonly Dictionary<string, decimal>.AlternateLookup<ReadOnlySpan<char>> ScaleLookup =
        ScaleWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adjectives that may stand between a number and the noun it counts ("4.000 extra plaatsen").</summary>
    public static readonly WordSet CountAdjectives = new("extra", "bijkomend", "nieuw", "ander", "actief", "uniek", "totaal");

    /// <summary>Phrases that announce the parts of a total in the same sentence ("het bedrag omvat € 6 miljoen voor … en € 4 miljoen voor …"); "waarvan" is left out because it usually names only a share.</summary>
    public static readonly WordSet BreakdownWords = new("omvat", "omvatten", "bestaande", "opgesplitst", "verdeeld", "uitgesplitst");

    /// <summary>
    /// Qualifiers that hedge a figure, longest first so "iets meer dan" wins over "meer dan". Each
    /// is matched as whole words right before the figure; a trailing "de" ("rond de") is allowed.
    /// </summary>
    public static readonly string[][] Qualifiers =
    [
        ["iets", "meer", "dan"], ["iets", "minder", "dan"], ["niet", "meer", "dan"], ["niet", "minder", "dan"],
        ["om", "en", "bij"], ["naar", "schatting"], ["maar", "liefst"], ["ten", "minste"], ["tot", "wel"],
        ["meer", "dan"], ["minder", "dan"], ["een", "kleine"], ["zo'n"], ["zo’n"], ["ongeveer"], ["zowat"], ["ruim"],
        ["circa"], ["ca"], ["bijna"], ["nagenoeg"], ["haast"], ["slechts"], ["amper"], ["nauwelijks"], ["minstens"],
        ["tenminste"], ["minimaal"], ["minimum"], ["maximaal"], ["maximum"], ["max"], ["hoogstens"], ["hooguit"],
        ["rond"], ["rondom"], ["pakweg"], ["liefst"], ["tot"], ["boven"], ["onder"], ["afgerond"], ["exact"],
        ["precies"], ["goed"], ["krap"], ["±"],
    ];

    /// <summary>Abbreviations whose period does not end a sentence ("nr. 264", "vb. revalidatiecentra").</summary>
    public static readonly WordSet Abbreviations = new(
        "nr", "nrs", "vb", "bv", "bvb", "ca", "art", "artt", "enz", "blz", "resp", "incl", "excl", "max", "min", "dhr",
        "mevr", "mr", "dr", "prof", "ir", "ing", "vgl", "cfr", "zgn", "evt", "ikv", "mbt", "ivm", "pct", "mio", "mln", "mld",
        "tel", "fig", "St", "Sint", "vs", "nl", "eur", "o", "a", "i", "e", "d", "m", "v", "b", "z", "al", "ev", "jl");
}
