namespace QaIngest.Pipeline;

/// <summary>What a local path is (<see cref="LocalFile.Kind"/>): only <see cref="Regular"/> is read as a document.</summary>
public enum LocalFileKind
{
    Regular,
    Missing,
    Directory,

    /// <summary>A directory reached through a symbolic link: not followed, so a link loop cannot list the same files again and again.</summary>
    LinkedDirectory,

    /// <summary>A symbolic link that leads back to itself.</summary>
    LinkLoop,
    Fifo,
    Device,
    Socket,
    Other,
}
