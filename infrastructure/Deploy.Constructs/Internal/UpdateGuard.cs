using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using Deploy.Contracts;

namespace Deploy.Constructs.Internal;

/// <summary>
/// A <c>Custom::UpdateGuard</c> resource (the UpdateGuard handler, <c>lambdas/Deploy.UpdateGuard</c>) holding values that
/// must never change once the stack exists. The resources that would act on such a change depend on it
/// (<see cref="Protect"/>): CloudFormation updates a resource only after the resources it depends on, so when a guarded
/// value changes the guard fails first and CloudFormation rolls the stack update back before the protected resources are
/// touched ("Update behaviors of stack resources"; <c>DependsOn</c> attribute). A guard added to an existing stack is created,
/// which never fails; fields a later version adds are accepted as they are the first time.
/// </summary>
internal sealed class UpdateGuard : Construct
{
    /// <summary>Creates the guard and its function; <paramref name="subject"/> names it in refusals.</summary>
    public UpdateGuard(Construct scope, string id, string subject, IReadOnlyList<GuardedField> fields)
        : base(scope, id)
    {
        Function = HandlerFunction.Create(this, "Function", "Deploy.UpdateGuard", Architecture.X86_64,
            "Refuses a stack update that would change what the deployment state machines own (UpdateGuard).");
        Resource = new CustomResource(this, "Resource", new CustomResourceProps
        {
            ServiceToken = Function.FunctionArn,
            ResourceType = UpdateGuardProperties.ResourceType,
            Properties = new Dictionary<string, object>
            {
                [UpdateGuardProperties.Subject] = subject,
                [UpdateGuardProperties.Fields] = fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal),
                [UpdateGuardProperties.Advice] = fields.ToDictionary(f => f.Name, f => (object)f.Advice, StringComparer.Ordinal),
            },
        });
    }

    /// <summary>The handler function (the guard's service token).</summary>
    public Function Function { get; }

    /// <summary>The custom resource.</summary>
    public CustomResource Resource { get; }

    /// <summary>Makes every CloudFormation resource of <paramref name="construct"/> wait for the guard.</summary>
    public void Protect(IConstruct construct) => construct.Node.AddDependency(Resource);
}
