namespace Deploy.Rules.Internal;

/// <summary>Character-level checks for the request's string fields (no regular expressions: cheap and explicit).</summary>
internal static class TextRules
{
    private const string ImagePrefix = "ami-";
    private const string S3Scheme = "s3://";

    public static bool IsVersion(string text)
    {
        if (text.Length is 0 or > RequestFields.MaxVersionLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '+' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>ami-</c> and 8 (older) or 17 (current) lowercase hexadecimal digits.</summary>
    public static bool IsImageId(string text)
    {
        if (!text.StartsWith(ImagePrefix, StringComparison.Ordinal) || (text.Length - ImagePrefix.Length) is not (8 or 17))
        {
            return false;
        }

        foreach (var c in text.AsSpan(ImagePrefix.Length))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>s3://bucket/key</c>: a bucket of 3-63 of <c>a-z 0-9 . -</c>, alphanumeric at both ends, and a non-empty key.</summary>
    public static bool IsArtifact(string text)
    {
        if (!text.StartsWith(S3Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var path = text.AsSpan(S3Scheme.Length);
        var slash = path.IndexOf('/');
        if (slash < 0 || slash == path.Length - 1)
        {
            return false;
        }

        return IsBucketName(path[..slash]);
    }

    private static bool IsBucketName(ReadOnlySpan<char> bucket)
    {
        if (bucket.Length is < 3 or > 63 || !IsLowerAlphanumeric(bucket[0]) || !IsLowerAlphanumeric(bucket[^1]))
        {
            return false;
        }

        foreach (var c in bucket)
        {
            if (!IsLowerAlphanumeric(c) && c is not ('.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
