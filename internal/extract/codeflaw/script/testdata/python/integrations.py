# Fixture: integrations of an aiohttp and Django code base. Exercises an aiohttp handler and ClientSession,
# a requests.Session, a Django view unpickling request.body, jinja2.Template of input, str.format into SQL,
# os.popen, and a safe requests call to a fixed host with input as query parameters.
# Right answer: six findings marked want; the rates and stats handlers are safe.
import os
import pickle

import aiohttp
import jinja2
import requests
from aiohttp import web
from django.db import connection
from django.http import HttpResponse

http = requests.Session()


async def fetch_feed(request):
    feed = request.query["feed"]
    async with aiohttp.ClientSession() as session:
        async with session.get(feed) as resp:  # want: ssrf
            return web.Response(text=await resp.text())


async def rates(request):
    base = request.query.get("base", "EUR")
    r = http.get("https://api.rates.example/latest", params={"base": base}, timeout=3)  # safe: the host is fixed
    return web.json_response(r.json())


async def mirror(request):
    data = await request.json()
    r = http.post(data["target"], json=data, timeout=3)  # want: ssrf
    return web.json_response({"status": r.status_code})


def restore(request):
    state = pickle.loads(request.body)  # want: deserialization
    return HttpResponse(str(state))


def render_note(request):
    tpl = jinja2.Template(request.POST["note"])  # want: template-injection
    return HttpResponse(tpl.render())


def report(request):
    query = "SELECT * FROM reports WHERE team = '{}'".format(request.GET.get("team"))
    with connection.cursor() as cursor:
        cursor.execute(query)  # want: sql-injection
        return HttpResponse(str(cursor.fetchall()))


def stats(request):
    days = int(request.GET.get("days", "7"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM orders WHERE created > now() - interval '%s days'", [days])  # safe: a parameter
        return HttpResponse(str(cursor.fetchone()))


def disk(request):
    return HttpResponse(os.popen("du -sh /srv/" + request.GET["dir"]).read())  # want: command-injection
