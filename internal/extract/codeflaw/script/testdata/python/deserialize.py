# Fixture: a Flask service restoring sessions and importing settings (unsafe deserialization). Exercises
# pickle of a cookie, yaml.load of the raw body without a safe loader, marshal, and the safe forms:
# yaml.safe_load, yaml.load with SafeLoader, json.loads.
# Right answer: three deserialization findings (session, settings, bytecode); three safe handlers.
import base64
import json
import marshal
import pickle

import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/session")
def session():
    blob = base64.b64decode(request.cookies.get("session", ""))
    state = pickle.loads(blob)  # want: deserialization
    return {"user": state.get("user")}


@app.route("/settings", methods=["PUT"])
def settings():
    return yaml.load(request.data)  # want: deserialization


@app.route("/bytecode", methods=["POST"])
def bytecode():
    code = marshal.loads(request.get_data())  # want: deserialization
    return {"names": list(code.co_names)}


@app.route("/settings/safe", methods=["PUT"])
def settings_safe():
    return yaml.safe_load(request.data)  # safe: safe_load builds plain data


@app.route("/settings/loader", methods=["PUT"])
def settings_loader():
    return yaml.load(request.data, Loader=yaml.SafeLoader)  # safe: SafeLoader


@app.route("/prefs")
def prefs():
    return json.loads(base64.b64decode(request.cookies.get("prefs", "e30=")))  # safe: JSON
