# Fixture: realistic Python at the edge of what a within-one-function detector sees. Exercises a sink in a
# helper the view calls, a custom validator, a dict used as an allow-list, and a value read through a
# method chain of Flask's request.
# Right answer: the helper's execute and the headers handler are flawed; the validated and mapped handlers
# are safe. The detector misses the helper's sink and does not know what is_safe_domain proves.
import subprocess

import requests
from flask import Flask, abort, request

from .db import db
from .security import is_safe_domain

app = Flask(__name__)
REPORTS = {"daily": "report --daily", "weekly": "report --weekly"}


def find_orders(status):
    return db.execute("SELECT * FROM orders WHERE status = '" + status + "'").fetchall()  # want: sql-injection


@app.route("/orders")
def orders():
    return {"orders": find_orders(request.args.get("status", "open"))}


@app.route("/whois")
def whois():
    domain = request.args.get("domain", "")
    if not is_safe_domain(domain):
        abort(400)
    return subprocess.check_output("whois " + domain, shell=True)  # safe: the validator allows domain names only


@app.route("/report")
def report():
    cmd = REPORTS.get(request.args.get("kind", "daily"))
    if cmd is None:
        abort(404)
    return subprocess.check_output(cmd, shell=True)  # safe: the command comes from the dict


@app.route("/forward")
def forward():
    target = request.headers.get("X-Forward-To", "").strip().lower()
    return requests.post(target, json=request.get_json(silent=True), timeout=5).text  # want: ssrf
