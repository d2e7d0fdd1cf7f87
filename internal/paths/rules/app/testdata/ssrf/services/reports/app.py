# The internal reports service: only other services are meant to call it, so it checks no credentials.
#
# FIXTURE: SQL injection. The region parameter is %-formatted into the query; any request that reaches the
# pod — including one forged by the api's preview handler — reads any table the reports user can.
import os

import psycopg2
from flask import Flask, jsonify, request

app = Flask(__name__)
db = psycopg2.connect(os.environ["DATABASE_URL"])


@app.get("/internal/report")
def report():
    cur = db.cursor()
    cur.execute("SELECT region, SUM(total) FROM orders WHERE region = '%s' GROUP BY region" % request.args.get("region"))
    return jsonify(cur.fetchall())
