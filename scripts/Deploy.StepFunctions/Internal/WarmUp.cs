using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Deploy.StepFunctions.Internal;

/// <summary>
/// Work every first call does once per process — loading AWSSDK.Core's profile store and SigV4 signer, the crypto
/// library, and the JSON metadata of the request and response types — done on a thread-pool thread while the caller
/// is still parsing its command line, so that a short-lived process (the CLI) spends its first call on the network,
/// not on loading code. Started only by <see cref="StepFunctionsClient.PrepareFirstCall"/>: reading the profile store
/// fixes where AWSSDK.Core looks for the shared files, which a process that changes its environment later (a test run)
/// must not have done early. A failure here costs nothing: the real call does the same work and reports its errors.
/// </summary>
internal static class WarmUp
{
    private static int _started;

    /// <summary>Starts the warm-up once per process; returns at once.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => Run(), null);
        }
    }

    private static void Run()
    {
        try
        {
            // What RegionResolver and CredentialsProvider read first (the shared config and credentials files, if any).
            new CredentialProfileStoreChain().TryGetProfile(RegionResolver.ProfileName(new StepFunctionsClientOptions()), out _);

            using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/") { Content = new ByteArrayContent("{}"u8.ToArray()) };
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
            SigV4Signer.Sign(request, "{}"u8, new ImmutableCredentials("AKIDWARMUP", "warm-up", null), RegionResolver.LocalDefault,
                StepFunctionsClient.SigningName, DateTimeOffset.UtcNow);

            var context = StepFunctionsJsonContext.Default;
            foreach (var type in new JsonTypeInfo[]
                     {
                         context.ListStateMachinesResult, context.ListExecutionsResult, context.DescribeExecutionResult, context.DescribeStateMachineResult,
                         context.GetExecutionHistoryWireResponse, context.StartExecutionResult, context.StartSyncExecutionResult, context.ErrorResponse,
                     })
            {
                JsonSerializer.Deserialize("{}"u8, type);
            }

            JsonSerializer.SerializeToUtf8Bytes(new ListStateMachinesRequest(null), context.ListStateMachinesRequest);
            JsonSerializer.SerializeToUtf8Bytes(new ListExecutionsRequest("arn:aws:states:us-east-1:123456789012:stateMachine:warm-up", null, 1, null), context.ListExecutionsRequest);
        }
        catch (Exception)
        {
            // Only a cache warmer: the real call does the same work and reports its own errors.
        }
    }
}
