# Fixture: AWS Lambda handlers (def handler(event, context)) behind a function URL or API Gateway, where the
# event is the HTTP request. Exercises query-string, path-parameter and body values reaching sinks, and the
# same values made safe by a cast or an allow-list.
# Right answer: the eval, the shell command and the formatted SQL are flawed; the int cast and the allow-listed
# report name are safe.
import json
import os
import subprocess

import pymysql

REPORTS = {"daily": "/opt/reports/daily.sh", "weekly": "/opt/reports/weekly.sh"}


def filter_handler(event, context):
    params = event.get("queryStringParameters") or {}
    expr = params.get("filter", "True")
    return {"statusCode": 200, "body": json.dumps(eval(expr))}  # want: code-injection


def export_handler(event, context):
    name = event["pathParameters"]["name"]
    subprocess.run("tar czf /tmp/out.tgz /data/" + name, shell=True, check=True)  # want: command-injection
    return {"statusCode": 202}


def lookup_handler(event, context):
    body = json.loads(event["body"])
    conn = pymysql.connect(host=os.environ["DB_HOST"])
    with conn.cursor() as cur:
        cur.execute(f"SELECT * FROM customers WHERE email = '{body['email']}'")  # want: sql-injection
        return {"statusCode": 200, "body": json.dumps(cur.fetchall())}


def page_handler(event, context):
    page = int(event["queryStringParameters"]["page"])
    conn = pymysql.connect(host=os.environ["DB_HOST"])
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM orders LIMIT 20 OFFSET %d" % (page * 20))  # safe: an integer
        return {"statusCode": 200, "body": json.dumps(cur.fetchall())}


def report_handler(event, context):
    name = event["queryStringParameters"]["report"]
    if name not in REPORTS:
        return {"statusCode": 400}
    subprocess.run(REPORTS[name], shell=True, check=True)  # safe: allow-listed
    return {"statusCode": 202}
