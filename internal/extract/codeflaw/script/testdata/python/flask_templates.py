# Fixture: greeting-card rendering in Flask (template injection). Exercises render_template_string of input,
# string concatenation into a template, jinja2's Environment().from_string, and rendering input only as data.
# Right answer: three template injections (greeting, banner, custom); card and hello are safe.
from flask import Flask, render_template, render_template_string, request
from jinja2 import Environment

app = Flask(__name__)


@app.route("/greeting")
def greeting():
    return render_template_string(request.args.get("greeting", "Hello!"))  # want: template-injection


@app.route("/banner")
def banner():
    name = request.args.get("name", "guest")
    return render_template_string("<h1>Welcome " + name + "</h1>")  # want: template-injection


@app.route("/custom", methods=["POST"])
def custom():
    env = Environment(autoescape=True)
    return env.from_string(request.form["template"]).render(shop="Acme")  # want: template-injection


@app.route("/card")
def card():
    return render_template("card.html", name=request.args.get("name"))  # safe: a template file, input as data


@app.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    return render_template_string("<h1>Hello {{ name }}</h1>", name=name)  # safe: input is only data
