namespace Deploy.StepFunctions.Internal;

/// <summary>What <see cref="SigV4Signer"/> computed for one request.</summary>
/// <param name="CanonicalRequest">The SigV4 canonical request.</param>
/// <param name="StringToSign">The SigV4 string to sign.</param>
/// <param name="SignedHeaders">The <c>;</c>-separated lower-case names of the signed headers.</param>
/// <param name="Signature">The hex signature.</param>
/// <param name="Authorization">The value of the <c>Authorization</c> header.</param>
internal sealed record SigV4Signature(
    string CanonicalRequest,
    string StringToSign,
    string SignedHeaders,
    string Signature,
    string Authorization);
