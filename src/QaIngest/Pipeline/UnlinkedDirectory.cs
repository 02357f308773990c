using System.IO;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace QaIngest.Pipeline;

/// <summary>
/// A directory as the glob matcher walks it, except that a directory reached through a symbolic link
/// is not entered: a link back to a parent would otherwise list the same files once per level until
/// the path gets too long (41 times). A link the walk would have entered is reported to
/// <see cref="linked"/> instead, so the run records it as a failure with its reason.
/// </summary>
internal sealed class UnlinkedDirectory(DirectoryInfo directory, Action<string> linked) : DirectoryInfoBase
{
    private readonly Action<string> linked = linked;

    public override string Name => directory.Name;

    public override string FullName => directory.FullName;

    public override DirectoryInfoBase? ParentDirectory => directory.Parent is { } parent ? new UnlinkedDirectory(parent, linked) : null;

    public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
    {
        if (!directory.Exists)
        {
            yield break;
        }

        foreach (var entry in directory.EnumerateFileSystemInfos("*", SearchOption.TopDirectoryOnly))
        {
            if (entry is DirectoryInfo sub)
            {
                yield return sub.LinkTarget is null ? new UnlinkedDirectory(sub, linked) : new Link(sub, linked);
            }
            else if (entry is FileInfo file)
            {
                yield return new FileInfoWrapper(file);
            }
        }
    }

    public override DirectoryInfoBase? GetDirectory(string path)
    {
        var sub = new DirectoryInfo(Path.Combine(directory.FullName, path));
        return sub.LinkTarget is null || path == ".." ? new UnlinkedDirectory(sub, linked) : new Link(sub, linked);
    }

    public override FileInfoBase GetFile(string path) => new FileInfoWrapper(new FileInfo(Path.Combine(directory.FullName, path)));

    /// <summary>A linked directory: empty to the matcher, and reported once the matcher looks inside.</summary>
    private sealed class Link(DirectoryInfo directory, Action<string> linked) : DirectoryInfoBase
    {
        public override string Name => directory.Name;

        public override string FullName => directory.FullName;

        public override DirectoryInfoBase? ParentDirectory => directory.Parent is { } parent ? new UnlinkedDirectory(parent, linked) : null;

        public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
        {
            linked(directory.FullName);
            return [];
        }

        public override DirectoryInfoBase? GetDirectory(string path)
        {
            linked(directory.FullName);
            return null;
        }

        public override FileInfoBase? GetFile(string path)
        {
            linked(directory.FullName);
            return null;
        }
    }
}
