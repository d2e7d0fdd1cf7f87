"""Reports service: renders monthly statements as PDF."""
import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/statements/render")
def render():
    month = request.args.get("month")
    os.system("render-statement --month " + month)
    return "queued"
