// CDK apps share one jsii runtime per process; tests synthesize one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
