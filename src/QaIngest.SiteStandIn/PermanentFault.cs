namespace QaIngest.SiteStandIn;

/// <summary>A fault a document id always has: the cases the fetcher must record as failures and move past.</summary>
public enum PermanentFault
{
    /// <summary>The permalink redirects to a file that answers 404.</summary>
    NotFound,

    /// <summary><c>link?id=N</c> → <c>pfile?id=N</c> → <c>link?id=N</c> …</summary>
    RedirectLoop,

    /// <summary>The permalink redirects to a host outside the site.</summary>
    ForeignRedirect,

    /// <summary>The file is served with a Content-Type its bytes contradict.</summary>
    WrongContentType,

    /// <summary>The file is larger than any client should accept (<see cref="StandInOptions.OversizeBytes"/>, no Content-Length).</summary>
    Oversize,

    /// <summary>The permalink redirects to another port of the stand-in's own host (another server there).</summary>
    ForeignPortRedirect,

    /// <summary>The file is gone for good: 410.</summary>
    Gone,
}
