# Fixture: Django views over raw SQL (SQL injection) and a media download (path traversal). Exercises
# request.GET, % formatting, f-strings, Manager.raw, QuerySet.extra, a class-based view with a URL capture,
# and the safe forms: parameters and %d of an int.
# Right answer: orders, category and status are SQL injection; the media view is path traversal through a
# URL capture (medium: Django passes it as a parameter); customer and recent are safe.
import os

from django.conf import settings
from django.db import connection
from django.http import FileResponse, HttpResponse, JsonResponse
from django.views import View

from shop.models import Order, Product


def orders(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, total FROM shop_order WHERE customer = '%s'" % request.GET["customer"])  # want: sql-injection
        return JsonResponse({"orders": cursor.fetchall()})


def category(request):
    category = request.GET.get("category", "all")
    products = Product.objects.raw(f"SELECT * FROM shop_product WHERE category = '{category}'")  # want: sql-injection
    return JsonResponse({"names": [p.name for p in products]})


def by_status(request):
    status = request.POST.get("status")
    qs = Order.objects.extra(where=["status = '%s'" % status])  # want: sql-injection
    return JsonResponse({"count": qs.count()})


def customer(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM shop_order WHERE customer = %s", [request.GET["customer"]])  # safe: a parameter
        return JsonResponse({"orders": cursor.fetchall()})


def recent(request):
    limit = int(request.GET.get("limit", 10))
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM shop_order ORDER BY created DESC LIMIT %d" % limit)  # safe: an int
        return JsonResponse({"orders": cursor.fetchall()})


class MediaView(View):
    def get(self, request, path):
        full = os.path.join(settings.MEDIA_ROOT, path)
        return FileResponse(open(full, "rb"))  # want: path-traversal
