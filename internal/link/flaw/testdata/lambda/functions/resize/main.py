import os

import psycopg2


def handler(event, context):
    db = psycopg2.connect(os.environ["DATABASE_URL"])
    with db.cursor() as cur:
        cur.execute("SELECT path FROM images WHERE id = '%s'" % event["id"])
        return cur.fetchone()
