# Fixture: a calculator and a plug-in loader (code injection). Exercises eval of a query parameter, exec of
# compile() of a form field, and ast.literal_eval, which evaluates literals only.
# Right answer: calc and plugin are code injection; parse is safe.
import ast

from flask import Flask, request

app = Flask(__name__)


@app.route("/calc")
def calc():
    return str(eval(request.args["expr"]))  # want: code-injection


@app.route("/plugin", methods=["POST"])
def plugin():
    source = request.form["source"]
    namespace = {}
    exec(compile(source, "<plugin>", "exec"), namespace)  # want: code-injection
    return {"exports": sorted(namespace)}


@app.route("/parse")
def parse():
    return {"value": ast.literal_eval(request.args["data"])}  # safe: literals only
