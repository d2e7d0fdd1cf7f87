"""Customer lookup: filters customers by an expression the support UI builds."""
import json

import boto3

TABLE = boto3.resource("dynamodb").Table("customers")


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    expr = params.get("filter", "True")
    items = TABLE.scan()["Items"]
    matches = [c for c in items if eval(expr, {}, {"c": c})]
    return {"statusCode": 200, "body": json.dumps(matches, default=str)}
