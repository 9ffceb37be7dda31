#!/usr/bin/env python3
"""Replays the simulated world's recorded calls against a moto server and prints moto's answers.

Usage: python3 replay.py < request.json > answers.json (dummy credentials come from the environment).

The request is {"endpoint": "http://127.0.0.1:PORT", "cases": [...]}. Each case starts from a reset moto:
- {"kind": "scenario", "name", "stack", "initial", "calls"}: creates resources equivalent to the world's (VPC and
  subnets, the ALB, its listener and the weighted rule over the blue and green target groups, the launch template,
  the two Auto Scaling groups, the lock/record table, the topic, the composite alarms, the state machines), maps the
  world's fake ids onto moto's, and replays every call in order;
- {"kind": "table", "name", "items", "calls"}: a table with "items", then the DynamoDB calls.

Each call is {"resource", "api", "parameters", "injected", ...} as SimulatedWorld.CallLog records it. The answer of
each call, in order, is {"skipped": why}, {"output": {...}} or {"error": {"code", "message", "shape"}}, where "shape"
is the botocore error shape the code is modeled as for that operation (null when the operation does not model it),
and moto's ids are mapped back to the world's.

The harness plays the part of Step Functions between the state machine and the API: the optimized integrations'
JSON Message/Input become strings, .sync:2 answers with DescribeExecution (Output parsed as JSON), and it answers
the question botocore's models answer (which error codes are modeled).
"""

import base64
import datetime
import json
import sys
import time
import traceback
import urllib.request

try:
    import boto3
    import botocore.config
    import botocore.exceptions
    from botocore import xform_name
except ImportError as missing:  # the C# side turns this exit code into a clear message
    print(f"replay.py needs boto3 and botocore: {missing}", file=sys.stderr)
    sys.exit(3)

REGION = "us-east-1"
ACCOUNT = "123456789012"
# Step Functions service names (aws-sdk:<service> and optimized integrations) to botocore client names.
CLIENT_NAMES = {"elasticloadbalancingv2": "elbv2", "states": "stepfunctions", "sfn": "stepfunctions"}
# Step Functions itself, as an optimized integration (states:) or an SDK integration (aws-sdk:sfn:).
STEP_FUNCTIONS = ("states", "sfn")
AMI = "ami-12c6146b"  # one of moto's default images


class Moto:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30)
        self.session = boto3.session.Session(region_name=REGION)
        self.clients = {}

    def client(self, name):
        if name not in self.clients:
            self.clients[name] = self.session.client(name, endpoint_url=self.endpoint, config=self.config)
        return self.clients[name]

    def reset(self):
        request = urllib.request.Request(self.endpoint + "/moto-api/reset", method="POST", data=b"")
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()


def plain(value):
    """boto3's parsed answer as JSON: timestamps as ISO 8601 strings, blobs as base64."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if hasattr(value, "read"):
        return base64.b64encode(value.read()).decode("ascii")
    return value


def substitute(value, mapping):
    """Replaces every mapped id inside every string of value (longest ids first)."""
    if isinstance(value, dict):
        return {k: substitute(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, mapping) for v in value]
    if isinstance(value, str):
        for old, new in mapping:
            if old in value:
                value = value.replace(old, new)
        return value
    return value


def ordered(mapping):
    return sorted(((k, v) for k, v in mapping.items() if k and v and k != v), key=lambda kv: -len(kv[0]))


def error_of(client, operation, error):
    code = error.response.get("Error", {}).get("Code", "")
    message = error.response.get("Error", {}).get("Message", "")
    shape = None
    for candidate in client.meta.service_model.operation_model(operation).error_shapes:
        if candidate.metadata.get("error", {}).get("code", candidate.name) == code or candidate.name == code:
            shape = candidate.name
            break
    return {"code": code, "message": message, "shape": shape}


def split(resource, api):
    """(service, Operation, integration pattern) of a Task: aws-sdk:elbv2:modifyRule, sns:publish.waitForTaskToken."""
    service, action = api.split(":", 1)
    tail = resource.split(":::", 1)[-1]
    pattern = tail.split(".", 1)[1] if "." in tail else None
    return service, action[0].upper() + action[1:], pattern


def call(moto, service, operation, parameters):
    client = moto.client(CLIENT_NAMES.get(service, service))
    try:
        return {"output": plain(getattr(client, xform_name(operation))(**parameters))}
    except botocore.exceptions.ClientError as error:
        return {"error": error_of(client, operation, error)}
    except botocore.exceptions.ParamValidationError as error:
        return {"error": {"code": "ParamValidationError", "message": str(error), "shape": None}}


def as_string(value):
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def replay(moto, recorded, to_moto, to_world):
    """moto's answer to one recorded call, translated back to the world's ids."""
    if recorded["api"] == "lambda:invoke":
        return {"skipped": "Lambda tasks run the real handler code; they are not AWS API calls"}
    if recorded["injected"]:
        return {"skipped": "the scenario injected this fault; AWS was not asked"}
    service, operation, pattern = split(recorded["resource"], recorded["api"])
    parameters = substitute(recorded["parameters"] or {}, to_moto)
    if service == "sns" and "Message" in parameters:
        # Step Functions sends a JSON Message as its string (Step Functions: "Call Amazon SNS").
        parameters["Message"] = as_string(parameters["Message"])
    if service in STEP_FUNCTIONS:
        # Both integrations take the API's members in PascalCase; boto3's sfn client names them lowerCamel.
        parameters = {k[0].lower() + k[1:]: v for k, v in parameters.items()}
        if "input" in parameters:
            parameters["input"] = as_string(parameters["input"])
    answer = call(moto, service, operation, parameters)
    if service == "states" and pattern == "sync:2" and "output" in answer:
        # .sync:2 answers with DescribeExecution of the finished child, Output parsed (Step Functions: "Start a new
        # AWS Step Functions state machine execution"); the replayed child does not run, so it is still RUNNING.
        described = call(moto, "states", "DescribeExecution", {"executionArn": answer["output"]["executionArn"]})
        if "output" in described and isinstance(described["output"].get("output"), str):
            described["output"]["output"] = json.loads(described["output"]["output"])
        answer = described
    if service in STEP_FUNCTIONS and "output" in answer:
        # Both integrations name members as the API model does (PascalCase); boto3's sfn is lowerCamel.
        answer["output"] = {k[0].upper() + k[1:]: v for k, v in answer["output"].items()}
    return substitute(answer, to_world)


def create_scenario_resources(moto, stack, initial, calls):
    """Creates resources equivalent to the world's; returns (world id -> moto id) and the reverse."""
    ec2 = moto.client("ec2")
    elbv2 = moto.client("elbv2")
    autoscaling = moto.client("autoscaling")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"{REGION}{zone}")["Subnet"]["SubnetId"]
        for i, zone in enumerate("ab")
    ]
    lb = elbv2.create_load_balancer(Name="lb", Subnets=subnets, Type="application", Scheme="internet-facing")["LoadBalancers"][0]
    to_moto = {}
    target_groups = {}
    for color in ("blue", "green"):
        world_arn = stack["targetGroupArn"][color]
        name = world_arn.split("/")[-2]
        tg = elbv2.create_target_group(Name=name, Protocol="HTTP", Port=80, VpcId=vpc, TargetType="instance",
                                       HealthCheckPath="/health")["TargetGroups"][0]
        target_groups[color] = tg["TargetGroupArn"]
        to_moto[world_arn] = tg["TargetGroupArn"]
        to_moto[stack["targetGroupFullName"][color]] = tg["TargetGroupArn"].split(":", 5)[5]
    listener = elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80, DefaultActions=[
        {"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404", "ContentType": "text/plain"}}])["Listeners"][0]
    weights = initial["weights"]
    rule = elbv2.create_rule(ListenerArn=listener["ListenerArn"], Priority=100,
                             Conditions=[{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/*"]}}],
                             Actions=[{"Type": "forward", "ForwardConfig": {
                                 "TargetGroups": [{"TargetGroupArn": target_groups[c], "Weight": weights[c]} for c in ("blue", "green")],
                                 "TargetGroupStickinessConfig": {"Enabled": False}}}])["Rules"][0]
    to_moto[stack["ruleArn"]] = rule["RuleArn"]
    template = ec2.create_launch_template(LaunchTemplateName="fleet-template", LaunchTemplateData={
        "ImageId": AMI, "InstanceType": "t3.micro"})["LaunchTemplate"]
    for _ in range(int(initial["launchTemplateVersions"]) - 1):
        ec2.create_launch_template_version(LaunchTemplateId=template["LaunchTemplateId"], LaunchTemplateData={"ImageId": AMI})
    to_moto[stack["launchTemplateId"]] = template["LaunchTemplateId"]
    for color in ("blue", "green"):
        group = initial["groups"][color]
        autoscaling.create_auto_scaling_group(
            AutoScalingGroupName=stack["groupName"][color],
            LaunchTemplate={"LaunchTemplateId": template["LaunchTemplateId"], "Version": group["version"]},
            MinSize=group["min"], MaxSize=group["max"], DesiredCapacity=group["desired"],
            VPCZoneIdentifier=",".join(subnets), TargetGroupARNs=[target_groups[color]],
            HealthCheckType="ELB", HealthCheckGracePeriod=60)
    # No alarms: moto 5.2 does not implement composite alarms (PutCompositeAlarm is not implemented, DescribeAlarms
    # never lists one), so the composite alarms the flows describe are an accepted difference.
    tables = {c["parameters"]["TableName"] for c in calls if c["api"].startswith("dynamodb:")}
    for table in sorted(tables):
        create_table(moto, table, initial.get("items", []))
    for topic in sorted({c["parameters"]["TopicArn"] for c in calls if c["api"].startswith("sns:")}):
        created = moto.client("sns").create_topic(Name=topic.rsplit(":", 1)[1])["TopicArn"]
        to_moto[topic] = created
    machines = {c["parameters"]["StateMachineArn"] for c in calls if c["api"].startswith("states:")}
    for machine in sorted(machines):
        created = moto.client("stepfunctions").create_state_machine(
            name=machine.rsplit(":", 1)[1], roleArn=f"arn:aws:iam::{ACCOUNT}:role/pipeline",
            definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}))["stateMachineArn"]
        to_moto[machine] = created
    for execution in sorted({c["parameters"]["ExecutionArn"] for c in calls if c["api"].startswith("sfn:")}):
        # The executions the flows stop or describe (a Rollback stopping the deployment it interrupts, an Unlock asking
        # whether the holder runs): each one runs in moto, started under its own name on a machine of its own name.
        parts = execution.split(":")
        if len(parts) != 8 or parts[5] != "execution":
            continue  # an ARN that names no execution: moto must refuse it as AWS does, so nothing is created
        machine = ":".join(parts[:5] + ["stateMachine", parts[6]])
        if machine not in to_moto:
            to_moto[machine] = moto.client("stepfunctions").create_state_machine(
                name=parts[6], roleArn=f"arn:aws:iam::{ACCOUNT}:role/pipeline",
                definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}))["stateMachineArn"]
        started = moto.client("stepfunctions").start_execution(stateMachineArn=to_moto[machine], name=parts[7])
        to_moto[execution] = started["executionArn"]
    return to_moto


def create_table(moto, name, items):
    dynamodb = moto.client("dynamodb")
    dynamodb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                          AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
                          KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
    for item in items:
        dynamodb.put_item(TableName=name, Item=item)


def run_case(moto, case):
    moto.reset()
    if case["kind"] == "scenario":
        to_moto = create_scenario_resources(moto, case["stack"], case["initial"], case["calls"])
    else:
        create_table(moto, case["table"], case.get("items", []))
        to_moto = {}
    forward = ordered(to_moto)
    backward = ordered({v: k for k, v in to_moto.items()})
    setup = time.monotonic()
    answers = [replay(moto, recorded, forward, backward) for recorded in case["calls"]]
    return {"name": case["name"], "answers": answers, "ids": to_moto, "replaySeconds": round(time.monotonic() - setup, 3)}


def main():
    request = json.load(sys.stdin)
    moto = Moto(request["endpoint"])
    results = []
    for case in request["cases"]:
        started = time.monotonic()
        try:
            results.append(run_case(moto, case))
        except Exception:  # one broken case must not hide the others' answers
            results.append({"name": case["name"], "failure": traceback.format_exc()})
        results[-1]["seconds"] = round(time.monotonic() - started, 3)
    json.dump({"cases": results}, sys.stdout)


if __name__ == "__main__":
    main()
