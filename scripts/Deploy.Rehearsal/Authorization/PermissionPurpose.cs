namespace Deploy.Rehearsal.Authorization;

/// <summary>Why a call needs a permission: the error AWS returns when it is missing depends on it.</summary>
public enum PermissionPurpose
{
    /// <summary>The API's own action.</summary>
    Call,

    /// <summary>
    /// Launching from a launch template on behalf of an Auto Scaling group (<c>ec2:RunInstances</c>, <c>ec2:CreateTags</c>,
    /// <c>iam:PassRole</c>): missing, Auto Scaling answers "You are not authorized to use launch template".
    /// </summary>
    LaunchTemplateUse,

    /// <summary>The KMS key of an encrypted topic (<c>kms:GenerateDataKey*</c>, <c>kms:Decrypt</c>): missing, SNS answers <c>KMSAccessDenied</c>.</summary>
    TopicKey,

    /// <summary>What Step Functions needs to run a nested execution synchronously (<c>startExecution.sync</c>).</summary>
    NestedExecution,
}
